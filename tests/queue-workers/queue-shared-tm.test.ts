/**
 * Workers and the shared TM together: a `run --queue` and a plain `run` started at once on two projects
 * with the same segments and one PostgreSQL TM pay for each segment once — the queue path takes the same
 * leases as the single process (claim-segments.ts), and the run that waits gets the other's answers
 * through the database. Needs Redis and PostgreSQL (skipped without either, failing under CI=true).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeDeepl, type FakeDeepl } from '../helpers/fake-deepl-server.js';
import { cleanupProjects, makeProject, runCli } from '../helpers/project.js';
import { dropDatabases, freshDatabase, PG_AVAILABLE } from '../postgres/pg-server.js';
import { freshQueue, redisAvailable, startWorker, stopWorkers, type WorkerProcess } from './redis-helpers.js';

const redis = await redisAvailable();
const KEY = 'sk-queue-shared-tm-0123456789abcdef:fx';
const ECHO_QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
const ENGINE = { concurrency: 2, requestsPerInterval: 10, intervalMs: 1000, timeoutMs: 5000, maxRetries: 4 };

const workers: WorkerProcess[] = [];
const servers: FakeDeepl[] = [];
const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  await stopWorkers(workers.splice(0));
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});
afterAll(async () => {
  cleanupProjects();
  if (PG_AVAILABLE) await dropDatabases();
});

function project(lines: string[], tmUrl: string, batchSize: number): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < lines.length; p += 4) paragraphs.push(lines.slice(p, p + 4).join(' '));
  const config = `export default {\n  targets: { en: {}, kk: {} },\n  qa: ${JSON.stringify(ECHO_QA)},\n  engine: ${JSON.stringify({ ...ENGINE, batchSize })},\n  tm: { store: ${JSON.stringify(tmUrl)} },\n};\n`;
  return makeProject({ 'pipeline.config.ts': config, 'source/doc.ru.txt': `${paragraphs.join('\n\n')}\n` }, { link: false });
}

describe.skipIf(!redis || !PG_AVAILABLE)('queue workers over the shared TM (Redis + PostgreSQL)', () => {
  it('a `run --queue` and a plain `run` at once on the same segments pay for each segment once; both bundles are complete', async () => {
    const tmUrl = await freshDatabase();
    const server = await startFakeDeepl({ authKey: KEY, latencyMs: 300 });
    servers.push(server);
    const q = freshQueue();
    cleanUps.push(q.cleanUp);
    const lines = Array.from({ length: 40 }, (_, i) => `Совещание номер ${i + 1} в Астане обсудило транспорт и торговлю.`);
    const dirs = [project(lines, tmUrl, 5), project(lines, tmUrl, 3)];
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url };
    workers.push(...(await Promise.all([startWorker(dirs[0] as string, q.url, env), startWorker(dirs[0] as string, q.url, env)])));
    // One run through the workers, one in its own process: the leases in the database are what they share.
    const runs = await Promise.all([runCli(['run', '--queue', q.url, '--json'], dirs[0] as string, env), runCli(['run', '--json'], dirs[1] as string, env)]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const sent = server.translateRequests().filter((r) => r.status === 200).flatMap((r) => (r.form.text as string[]).map((t) => `${String(r.form.target_lang)}\u0000${t}`));
    expect(sent).toHaveLength(80); // 40 × 2 locales, not twice that
    expect(new Set(sent).size).toBe(80);
    for (const dir of dirs) {
      const bundle = readFileSync(path.join(dir, 'locales', 'kk', 'doc.json'), 'utf8');
      expect(bundle).toContain('[KK] Совещание номер 1 в Астане');
      expect(bundle).toContain('[KK] Совещание номер 40 в Астане');
    }
  }, 120_000);
});
