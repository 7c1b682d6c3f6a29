/**
 * The shared TM in PostgreSQL against a real server (one file: the restart test must not hit other
 * PostgreSQL tests mid-query). Store round trip, fuzzy ranking as the file TM's, leases, push/pull
 * byte-identical, two projects sharing the database, two concurrent runs paying each segment once,
 * the server restarted mid-run, and a `run --queue` beside a plain run taking the same leases.
 */
import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { selectEngines } from '../../src/engine/select-engine.js';
import { TilmashError } from '../../src/errors.js';
import type { JobReport } from '../../src/job/job-report.js';
import { PgTmStore } from '../../src/tm/postgres/pg-tm-store.js';
import { TranslationMemory } from '../../src/tm/translation-memory.js';
import type { TmEntry } from '../../src/tm/tm-entry.js';
import { runJob } from '../../src/workflows/run/run-job.js';
import { startFakeDeepl, type FakeDeepl, type RecordedRequest } from '../helpers/fake-deepl-server.js';
import { cleanupProjects, makeProject, runCli } from '../helpers/project.js';
import { dropDatabases, freshDatabase, PG_AVAILABLE, sql } from './pg-server.js';
import { freshQueue, redisAvailable, startWorker, stopWorkers, type WorkerProcess } from '../queue-workers/redis-helpers.js';

afterAll(async () => {
  cleanupProjects();
  if (PG_AVAILABLE) await dropDatabases();
});

/** The cluster the restart test restarts (`.ci/run` exports it): "<version> <name>". */
const CLUSTER = process.env['TILMASH_TEST_PG_CLUSTER'] || '15 main';
const KEY = 'sk-pg-test-secret-0123456789abcdef:fx';
const NOW = () => new Date('2026-12-02T06:00:00.000Z');
const ECHO_QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
const ENGINE = { batchSize: 10, concurrency: 2, requestsPerInterval: 50, intervalMs: 100, timeoutMs: 5000, maxRetries: 4 };

function entry(source: string, target: string, extra: Partial<TmEntry> = {}): TmEntry {
  return { source, target, origin: 'engine:deepl', status: 'machine', created: '2026-12-01T10:00:00.000Z', changed: '2026-12-01T10:00:00.000Z', ...extra };
}

/** `n` distinct Russian sentences from `from`, four to a paragraph, in one document. */
function sentences(from: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `Заседание номер ${from + i + 1} в Астане обсудило тему «торговля» и транспорт.`);
}

function project(lines: string[]): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < lines.length; p += 4) paragraphs.push(lines.slice(p, p + 4).join(' '));
  return makeProject({ 'pipeline.config.ts': 'export default {};\n', 'source/doc.ru.txt': `${paragraphs.join('\n\n')}\n` }, { link: false });
}

async function run(dir: string, url: string, fake: FakeDeepl, locales: string[] = ['en', 'kk']): Promise<JobReport> {
  const targets = Object.fromEntries(locales.map((l) => [l, {}]));
  const config = resolveConfig({ targets, qa: ECHO_QA, engine: ENGINE, tm: { store: url } }, path.join(dir, 'pipeline.config.ts'));
  const engines = selectEngines(config, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
  try {
    return await runJob({ config, engineFor: engines.engineFor, baseDelayMs: 10, now: NOW });
  } finally {
    engines.close();
  }
}

const sentTexts = (requests: readonly RecordedRequest[]) =>
  requests.filter((r) => r.path === '/v2/translate' && r.status === 200).flatMap((r) => (r.form.text as string[]).map((t) => `${String(r.form.target_lang)}\u0000${t}`));

describe.skipIf(!PG_AVAILABLE)('PgTmStore on a real PostgreSQL', () => {
  it('round trip: entries recorded by one store are found, field for field, by a store opened later', async () => {
    const url = await freshDatabase();
    const a = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    const findings = [{ check: 'placeholders', severity: 'error' as const, message: 'потерян {count}' }];
    const written = [entry('Привет, мир', 'Сәлем, әлем'), entry('Доход вырос на 26 млрд юаней.', '收入增长了260亿元。', { status: 'needs-review', findings }), entry('Третий', 'Үшінші', { origin: 'human', status: 'reviewed' })];
    await a.record('kk', written);
    await a.record('kk', [entry('Третий', 'Үшінші!', { origin: 'human', status: 'reviewed', changed: '2026-12-02T00:00:00.000Z' })]);
    await a.close();
    const b = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    expect(b.targetLocales()).toEqual(['kk']);
    expect(b.lookup('kk', 'Привет, мир')).toBeUndefined(); // nothing held before prefetch
    await b.prefetch('kk', ['Привет, мир', 'Доход вырос на 26 млрд юаней.', 'нет такого']);
    expect(b.lookup('kk', 'Привет, мир')).toEqual(written[0]);
    expect(b.lookup('kk', 'Доход вырос на 26 млрд юаней.')).toEqual(written[1]);
    expect(b.lookup('kk', 'Третий')).toBeUndefined();
    await b.prefetch('kk', 'all');
    expect(b.sortedEntries('kk').map((e) => e.source)).toEqual(written.map((e) => e.source).sort());
    expect(b.lookup('kk', 'Третий')?.target).toBe('Үшінші!'); // the later record replaced the earlier
    expect(b.lookup('en', 'Привет, мир')).toBeUndefined(); // another pair
    await b.close();
  });

  it('fuzzy suggestions rank as the file TM ranks them, above tm.fuzzyThreshold', async () => {
    const url = await freshDatabase();
    const db = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    const sources = ['Правительство утвердило новый бюджет на 2027 год.', 'Правительство утвердило новый бюджет на 2028 год.', 'Правительство одобрило новый бюджет на 2027 год.', 'В Алматы открылся новый торговый центр.', 'Курс тенге к юаню остался прежним.'];
    await db.record('zh', sources.map((s, i) => entry(s, `译文${i}`)));
    const file = await TranslationMemory.open(makeProject({}, { link: false }) + '/tm', 'ru');
    await file.record('zh', sources.map((s, i) => entry(s, `译文${i}`)));
    for (const query of ['Правительство утвердило новый бюджет на 2029 год.', 'В Алматы открылся новый торговый центр!', 'Совсем другое предложение без совпадений.']) {
      const fromDb = await db.fuzzy('zh', query, 0.75, 3);
      expect(fromDb).toEqual(await file.fuzzy('zh', query, 0.75, 3));
    }
    expect((await db.fuzzy('zh', 'Правительство утвердило новый бюджет на 2029 год.', 0.75, 3)).length).toBe(3);
    await db.close();
  });

  it('leases: a second store waits for the first one\'s answer; an expired lease is taken over by one store only', async () => {
    const url = await freshDatabase();
    const a = await PgTmStore.open(url, '/nonexistent/tm', 'ru', { pollMs: 50 });
    const b = await PgTmStore.open(url, '/nonexistent/tm', 'ru', { pollMs: 50 });
    const c = await PgTmStore.open(url, '/nonexistent/tm', 'ru', { pollMs: 50 });
    const first = await a.claim('en', ['один', 'два']);
    expect(first.others).toEqual([]);
    expect([...first.mine].sort()).toEqual(['два', 'один']);
    expect(await b.claim('en', ['два'])).toEqual({ mine: [], others: ['два'] });
    const waiting = b.awaitClaims('en', ['один']);
    await a.record('en', [entry('один', 'one')]);
    expect(await waiting).toEqual([]); // answered: nothing to send
    expect(b.lookup('en', 'один')?.target).toBe('one');
    // A process killed while holding a lease: its row stays, expiring in 300 ms.
    await sql(url, `INSERT INTO tilmash_tm_leases (source_lang, target_lang, source_hash, owner, expires) VALUES ('ru', 'en', sha256(convert_to('три', 'UTF8')), 'dead:1', now() + interval '300 milliseconds')`);
    expect(await b.claim('en', ['три'])).toEqual({ mine: [], others: ['три'] });
    const waiters = [b, c].map((store) => store.awaitClaims('en', ['три']).then((takenOver) => ({ store, takenOver })));
    const winner = await Promise.race(waiters);
    expect(winner.takenOver).toEqual(['три']);
    const [lease] = await sql<{ attempts: number; owner: string }>(url, `SELECT attempts, owner FROM tilmash_tm_leases WHERE source_hash = sha256(convert_to('три', 'UTF8'))`);
    expect(lease?.attempts).toBe(2); // the dead owner's attempt, then this one
    await winner.store.record('en', [entry('три', 'three')]);
    const both = await Promise.all(waiters);
    expect(both.flatMap((w) => w.takenOver)).toEqual(['три']); // retried once, by one of them; the other took the answer
    expect(both.every((w) => w.store.lookup('en', 'три')?.target === 'three')).toBe(true);
    await Promise.all([a.close(), b.close(), c.close()]);
    expect(await sql(url, 'SELECT * FROM tilmash_tm_leases')).toEqual([]); // closing releases every lease
  });

  it('a bad password is a named error (exit 12) that never shows the password', async () => {
    const url = new URL(await freshDatabase());
    url.password = 'wrong-secret-pw-0042';
    const error = await PgTmStore.open(url.toString(), '/nonexistent/tm', 'ru').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TilmashError);
    expect((error as TilmashError).kind).toBe('tmStore');
    expect((error as TilmashError).exitCode).toBe(12);
    expect((error as Error).message).toContain('***');
    expect((error as Error).message).not.toContain('wrong-secret-pw-0042');
  });
});

describe.skipIf(!PG_AVAILABLE)('runs against the shared TM', () => {
  it('tm push then tm pull gives back the pushed files byte for byte (CLI)', async () => {
    const url = await freshDatabase();
    const dir = makeProject({ 'pipeline.config.ts': 'export default { targets: { en: {}, kk: {}, zh: {} } };\n', 'source/doc.ru.txt': 'Текст.\n' }, { link: false });
    const files: Record<string, string> = {};
    const tm = await TranslationMemory.open(path.join(dir, 'tm'), 'ru');
    await tm.record('kk', [entry('Б', 'Ә'), entry('А', 'Ө', { status: 'needs-review', findings: [{ check: 'numbers', severity: 'warn', message: '26 млрд' }] })]);
    await tm.record('zh', [entry('26 млрд юаней', '260亿元'), entry('«Кавычки»', '“引号”', { origin: 'human', status: 'reviewed' })]);
    await tm.save();
    for (const locale of ['kk', 'zh']) files[locale] = readFileSync(path.join(dir, 'tm', `ru-${locale}.jsonl`), 'utf8');
    const env = { TILMASH_TM_URL: url };
    const pushed = await runCli(['tm', 'push'], dir, env);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain('Pushed 4 entries');
    expect(pushed.stdout + pushed.stderr).not.toContain(`:${new URL(url).password}@`);
    expect(pushed.stdout).toContain(':***@');
    rmSync(path.join(dir, 'tm'), { recursive: true });
    const pulled = await runCli(['tm', 'pull'], dir, env);
    expect(pulled.code, pulled.stderr).toBe(0);
    for (const locale of ['kk', 'zh']) expect(readFileSync(path.join(dir, 'tm', `ru-${locale}.jsonl`), 'utf8')).toBe(files[locale]);
    const exported = await runCli(['tm', 'export', '--out', 'all.tmx'], dir, env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'all.tmx'), 'utf8')).toContain('260亿元');
  });

  it('xliff export offers fuzzy matches from the whole shared TM (another project\'s entry)', async () => {
    const url = await freshDatabase();
    const other = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    await other.record('kk', [entry('Правительство утвердило новый бюджет на 2027 год.', 'Үкімет 2027 жылға арналған жаңа бюджетті бекітті.')]);
    await other.close();
    const dir = makeProject({ 'pipeline.config.ts': 'export default { targets: { kk: {} } };\n', 'source/doc.ru.txt': 'Правительство утвердило новый бюджет на 2028 год.\n' }, { link: false });
    const exported = await runCli(['xliff', 'export'], dir, { TILMASH_TM_URL: url });
    expect(exported.code, exported.stderr).toBe(0);
    const xlf = readFileSync(path.join(dir, 'xliff', 'kk.xlf'), 'utf8');
    expect(xlf).toContain('<alt-trans');
    expect(xlf).toContain('Үкімет 2027 жылға арналған жаңа бюджетті бекітті.');
  });

  it('two projects sharing the database: the second sends zero requests for the shared segments', async () => {
    const url = await freshDatabase();
    const fake = await startFakeDeepl({ authKey: KEY });
    try {
      const shared = sentences(0, 12);
      const first = await run(project(shared), url, fake);
      expect(first.failure).toBeUndefined();
      const before = sentTexts(fake.requests).length;
      expect(before).toBe(24); // 12 segments × 2 locales
      const own = sentences(100, 4);
      const second = await run(project([...shared, ...own]), url, fake);
      expect(second.failure).toBeUndefined();
      const sentBySecond = sentTexts(fake.requests).slice(before);
      expect(sentBySecond.sort()).toEqual(own.flatMap((s) => [`en-US\u0000${s}`, `kk\u0000${s}`]).sort()); // only its own
      expect(second.locales.find((l) => l.locale === 'kk')?.fromTm).toBeGreaterThanOrEqual(12);
    } finally {
      await fake.close();
    }
  });

  it('two runs started at once on the same segments pay for each segment once (leases)', async () => {
    const url = await freshDatabase();
    const fake = await startFakeDeepl({ authKey: KEY, latencyMs: 40 });
    try {
      const lines = sentences(200, 40);
      const dirs = [project(lines), project(lines)];
      const reports = await Promise.all(dirs.map((dir) => run(dir, url, fake)));
      for (const report of reports) expect(report.failure).toBeUndefined();
      const sent = sentTexts(fake.requests);
      expect(sent).toHaveLength(80); // 40 × 2 locales, not twice that
      expect(new Set(sent).size).toBe(80);
      // Both projects' bundles are complete: the waiting run took the other's answers from the TM.
      for (const dir of dirs) {
        const bundle = readFileSync(path.join(dir, 'locales', 'kk', 'doc.json'), 'utf8');
        for (const line of lines.slice(0, 4)) expect(bundle).toContain(`[KK] ${line}`);
      }
    } finally {
      await fake.close();
    }
  });

  it('PostgreSQL restarted mid-run: the run fails with a named error or completes; nothing paid is lost or paid twice', async (ctx) => {
    const canRestart = (() => {
      try {
        execFileSync('pg_lsclusters', { stdio: 'ignore' });
        return process.getuid?.() === 0;
      } catch {
        return false;
      }
    })();
    if (!canRestart) return ctx.skip('needs pg_ctlcluster as root');
    const url = await freshDatabase();
    const fake = await startFakeDeepl({ authKey: KEY, latencyMs: 60 });
    const lines = sentences(300, 60);
    const dir = project(lines);
    try {
      const running = run(dir, url, fake).then((report) => ({ report }), (error: unknown) => ({ error }));
      while (sentTexts(fake.requests).length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      try {
        execSync(`pg_ctlcluster ${CLUSTER} restart`, { stdio: 'ignore' });
      } finally {
        // The server comes back in any case (the test restores it).
        execSync(`pg_ctlcluster ${CLUSTER} start || true`, { stdio: 'ignore', shell: '/bin/sh' });
      }
      const outcome = await running;
      console.log(`restart mid-run: ${'error' in outcome ? `failed: ${(outcome.error as Error).message}` : `completed, failure: ${JSON.stringify(outcome.report.failure)}`}`);
      if ('error' in outcome) {
        expect(outcome.error).toBeInstanceOf(TilmashError);
        expect(['tmStore', 'io']).toContain((outcome.error as TilmashError).kind);
        expect((outcome.error as Error).message).not.toContain(`:${new URL(url).password}@`);
      }
      const again = await run(dir, url, fake);
      expect(again.failure).toBeUndefined();
      const sent = sentTexts(fake.requests);
      expect(new Set(sent).size).toBe(120); // every segment of both locales answered…
      expect(sent).toHaveLength(120); // …and paid once, across the two runs
      const [{ n }] = (await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM tilmash_tm_entries')) as [{ n: string }];
      expect(Number(n)).toBe(120);
    } finally {
      execSync(`pg_ctlcluster ${CLUSTER} start || true`, { stdio: 'ignore', shell: '/bin/sh' });
      await fake.close();
    }
  });
});

// Workers and the shared TM together (here, not in tests/queue-workers/: the restart test above must not hit it mid-query).
const REDIS = await redisAvailable();
const QUEUE_ENGINE = { concurrency: 2, requestsPerInterval: 10, intervalMs: 1000, timeoutMs: 5000, maxRetries: 4 };

function queueProject(lines: string[], tmUrl: string, batchSize: number): string {
  const paragraphs: string[] = [];
  for (let p = 0; p < lines.length; p += 4) paragraphs.push(lines.slice(p, p + 4).join(' '));
  const config = `export default {\n  targets: { en: {}, kk: {} },\n  qa: ${JSON.stringify(ECHO_QA)},\n  engine: ${JSON.stringify({ ...QUEUE_ENGINE, batchSize })},\n  tm: { store: ${JSON.stringify(tmUrl)} },\n};\n`;
  return makeProject({ 'pipeline.config.ts': config, 'source/doc.ru.txt': `${paragraphs.join('\n\n')}\n` }, { link: false });
}

describe.skipIf(!REDIS || !PG_AVAILABLE)('queue workers over the shared TM (Redis + PostgreSQL)', () => {
  it('a `run --queue` and a plain `run` at once on the same segments pay for each segment once; both bundles are complete', async () => {
    const tmUrl = await freshDatabase();
    const server = await startFakeDeepl({ authKey: KEY, latencyMs: 300 });
    const q = freshQueue();
    const workers: WorkerProcess[] = [];
    try {
      const lines = Array.from({ length: 40 }, (_, i) => `Совещание номер ${i + 1} в Астане обсудило транспорт и торговлю.`);
      const dirs = [queueProject(lines, tmUrl, 5), queueProject(lines, tmUrl, 3)];
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
    } finally {
      await stopWorkers(workers);
      await server.close();
      await q.cleanUp();
    }
  }, 120_000);
});
