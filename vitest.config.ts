import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // beforeAll hooks start Chromium (the first run unpacks the npm build, a few seconds, longer under load)
    hookTimeout: 60_000,
  },
});
