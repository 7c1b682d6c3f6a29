/** `--queue` and `worker` at the command line, without Redis: clear errors, distinct exit codes, no secrets shown. */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, runCli, snapshot } from '../helpers/project.js';

afterAll(cleanupProjects);

describe('queue flags', () => {
  it('a Redis that is not there: exit 11 naming the queue (never its password) and the fix; nothing written', async () => {
    const dir = copyRepoProject();
    const before = snapshot(dir);
    const result = await runCli(['run', '--queue', 'redis://worker:hunter2@127.0.0.1:1/0'], dir, { DEEPL_AUTH_KEY: 'k:fx' });
    expect(result.code).toBe(11);
    expect(result.stderr).toMatch(/The queue redis:\/\/worker:\*\*\*@127\.0\.0\.1:1\/0 cannot be reached .*Fix: start Redis there/su);
    expect(result.stderr).not.toContain('hunter2');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a URL that is not Redis, and a worker without --queue, are usage errors (exit 2)', async () => {
    const dir = copyRepoProject();
    const bad = await runCli(['run', '--queue', 'http://127.0.0.1:6379'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the scheme is http, not redis or rediss');
    const worker = await runCli(['worker'], dir);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('tilmash worker needs --queue <redis-url>');
    const lease = await runCli(['worker', '--queue', 'redis://127.0.0.1:1', '--lease', '0'], dir);
    expect(lease.code).toBe(2);
    expect(lease.stderr).toContain('--lease 0: expected a number of seconds of at least 1');
  });

  it('a worker whose environment has no engine key refuses to start (exit 3) before connecting', async () => {
    const dir = copyRepoProject();
    const result = await runCli(['worker', '--queue', 'redis://127.0.0.1:1'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('This worker has no engine: set DEEPL_AUTH_KEY');
  });
});
