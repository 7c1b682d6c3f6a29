import { describe, expect, it } from 'vitest';
import { runtimeId } from '../src/job/input-fingerprint.js';

describe('the run manifest names the runtime', () => {
  it('another Node, ICU, Unicode or CLDR version is another runtime (its Intl data may differ)', () => {
    const here = runtimeId();
    expect(here).toContain(`node ${process.versions.node}`);
    for (const key of ['node', 'icu', 'unicode', 'cldr'] as const) {
      expect(runtimeId({ ...process.versions, [key]: '0.0-other' }), key).not.toBe(here);
    }
  });
});
