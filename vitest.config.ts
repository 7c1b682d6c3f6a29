import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Hang detection, not a speed limit: on 2 cores shared with other CPU-bound processes a test
    // that takes 5 s alone can take 30 s and more. Speed targets live in the benchmarks.
    testTimeout: 120_000,
    // beforeAll hooks start Chromium (the first run unpacks the npm build, a few seconds, longer under load)
    hookTimeout: 120_000,
  },
});
