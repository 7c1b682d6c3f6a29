/**
 * Issue 12, failure 8 (the leak): a server whose error text echoes the request headers must not get
 * the key copied into reports, logs, the TM or bundles: engine error texts are redacted of the key
 * and of every Authorization value first.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/engine/redact-secrets.js';
import { cleanupProjects, runCli } from '../helpers/project.js';
import { closeServers, deeplEnv, fakeDeepl, KEY, reliabilityProject } from './reliability-project.js';

afterEach(closeServers);
afterAll(cleanupProjects);

/** Every file's text under `dir`. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

describe('leak nothing', () => {
  it('redactSecrets removes the key and Authorization values in every spelling', () => {
    const text = `headers {"authorization":"DeepL-Auth-Key ${KEY}","host":"x"} Authorization: Bearer abc.def authorization=${KEY} raw ${KEY}`;
    const out = redactSecrets(text, [KEY]);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain('abc.def');
    expect(out).toContain('"host":"x"');
    expect(out).toContain('[redacted]');
  });

  for (const status of [400, 500] as const) {
    it(`a ${status} whose body echoes the request headers: the failure is reported, the key appears nowhere`, async () => {
      const dir = reliabilityProject(20, { maxRetries: 1 });
      const fake = await fakeDeepl();
      fake.inject(...Array.from({ length: 12 }, () => ({ kind: 'echo-headers' as const, status })));
      const result = await runCli(['run', '--json'], dir, deeplEnv(fake));
      expect(result.code).toBe(7);
      const report = JSON.parse(result.stdout) as { failure?: { message: string } };
      expect(report.failure?.message).toMatch(/\[redacted\]/);
      for (const text of [result.stdout, result.stderr, allText(dir)]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(KEY.slice(0, 20));
      }
      const human = await runCli(['run'], dir, deeplEnv(fake));
      expect(`${human.stdout}${human.stderr}`).not.toContain(KEY);
    });
  }
});
