/**
 * The shared TM in PostgreSQL against a real server (one file: the restart test must not hit other
 * PostgreSQL tests mid-query). Store round trip, fuzzy ranking as the file TM's, leases, push/pull
 * byte-identical, two projects sharing the database, two concurrent runs paying each segment once,
 * the server restarted mid-run, and a `run --queue` beside a plain run taking the same leases.
 * Then the workflows over the shared TM: review's suggestions from the whole database, xliff import
 * into it (one transaction), the recovery message, the lease cap, the schema steps, and every
 * reading command closing its pool.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { runCli as runCliInProcess } from '../../src/cli/run-cli.js';
import { DurableRecorder } from '../../src/job/durable-recorder.js';
import { storeError } from '../../src/tm/postgres/pg-connect.js';
import { CANDIDATES, POSTING_CAP } from '../../src/tm/postgres/pg-fuzzy.js';
import { MIGRATIONS } from '../../src/tm/postgres/pg-schema.js';
import { sourceHash } from '../../src/tm/postgres/pg-rows.js';
import { foldForMatch } from '../../src/tm/fuzzy-distance.js';
import { createReviewService } from '../../src/workflows/review/review-service.js';
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

/** A one-locale (kk) project on the shared TM at `url` (in its config, so in-process commands use it too). */
function sharedProject(url: string, text: string): string {
  const config = `export default { targets: { kk: {} }, qa: ${JSON.stringify(ECHO_QA)}, engine: ${JSON.stringify(ENGINE)}, tm: { store: ${JSON.stringify(url)} } };\n`;
  return makeProject({ 'pipeline.config.ts': config, 'source/doc.ru.txt': text }, { link: false });
}

const BUDGET_2027 = 'Правительство утвердило новый бюджет на 2027 год.';
const BUDGET_2027_KK = 'Үкімет 2027 жылға арналған жаңа бюджетті бекітті.';

/** Connections other than this query's to the database of `url`, polled until none (pool.end is asynchronous on the server's side). */
async function openConnections(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  let n = 0;
  for (let i = 0; i < 40; i++) {
    const [row] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    n = Number(row?.n);
    if (n === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return n;
}

/** Every unit's empty `<target>` filled as a CAT tool does, with `Қаз: <source>`. */
function translateXliff(xml: string, state = 'translated'): string {
  return xml.replace(/<trans-unit\b[\s\S]*?<\/trans-unit>/gu, (unit) => {
    const source = /<source>([\s\S]*?)<\/source>/u.exec(unit)?.[1] ?? '';
    return unit.replace(/<target[^>]*\/>|<target[^>]*>[\s\S]*?<\/target>/u, `<target state="${state}">Қаз: ${source}</target>`);
  });
}

const entryCount = async (url: string) => Number((await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM tilmash_tm_entries'))[0]?.n);

describe.skipIf(!PG_AVAILABLE)('the workflows over the shared TM', () => {
  it('review suggests an entry that exists only in the shared TM (pushed by another project): the static report and the review server', async () => {
    const url = await freshDatabase();
    const other = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    await other.record('kk', [entry(BUDGET_2027, BUDGET_2027_KK)]);
    await other.close();
    const dir = sharedProject(url, 'Правительство одобрило новый бюджет на 2027 год.\n'); // reworded: the same family
    const reviewed = await runCli(['review', '--json'], dir);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'review.html'), 'utf8')).toContain(BUDGET_2027_KK);
    const config = resolveConfig({ targets: { kk: {} }, tm: { store: url } }, path.join(dir, 'pipeline.config.ts'));
    const service = createReviewService(config, undefined);
    try {
      await service.ready();
      const { units } = await service.units({}, 0, 10);
      const unit = units[0] as (typeof units)[number];
      const suggestions = await service.suggestions({ locale: 'kk', namespace: unit.namespace, key: unit.key });
      expect(suggestions.flat().map((s) => s.target)).toEqual([BUDGET_2027_KK]);
    } finally {
      await service.close();
    }
    expect(await openConnections(url)).toBe(0); // the service's pool is closed with it
  });

  it('a review save (approve, then correct) is committed in the shared TM, and its pool closed', async () => {
    const url = await freshDatabase();
    const fake = await startFakeDeepl({ authKey: KEY });
    try {
      const dir = sharedProject(url, `${BUDGET_2027}\n`);
      const ran = await runCli(['run'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
      expect(ran.code, ran.stderr).toBe(0);
      const config = resolveConfig({ targets: { kk: {} }, qa: ECHO_QA, tm: { store: url } }, path.join(dir, 'pipeline.config.ts'));
      const service = createReviewService(config, undefined);
      try {
        const listed = await service.units({}, 0, 10);
        const unit = listed.units[0] as (typeof listed.units)[number];
        const ref = { locale: 'kk', namespace: unit.namespace, key: unit.key };
        const approved = await service.save({ ...ref, action: 'approve', targets: [`[KK] ${BUDGET_2027}`], version: listed.version });
        expect(approved.ok, approved.message).toBe(true);
        const row = async () => (await sql<{ target: string; origin: string; status: string }>(url, 'SELECT target, origin, status FROM tilmash_tm_entries WHERE source = $1', [BUDGET_2027]))[0];
        expect(await row()).toEqual({ target: `[KK] ${BUDGET_2027}`, origin: 'engine:deepl', status: 'reviewed' });
        const corrected = await service.save({ ...ref, action: 'save', targets: [BUDGET_2027_KK], version: approved.version as string });
        expect(corrected.ok, corrected.message).toBe(true);
        expect(await row()).toEqual({ target: BUDGET_2027_KK, origin: 'human', status: 'translated' });
        expect(readFileSync(path.join(dir, 'locales', 'kk', 'doc.json'), 'utf8')).toContain(BUDGET_2027_KK);
      } finally {
        await service.close();
      }
      expect(await openConnections(url)).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('xliff import writes into the shared TM with provenance; a second project then reuses it with zero engine requests', async () => {
    const url = await freshDatabase();
    const fake = await startFakeDeepl({ authKey: KEY });
    try {
      const lines = sentences(400, 6);
      const text = `${lines.slice(0, 3).join(' ')}\n\n${lines.slice(3).join(' ')}\n`;
      const first = sharedProject(url, text);
      const exported = await runCli(['xliff', 'export'], first);
      expect(exported.code, exported.stderr).toBe(0);
      const xlf = path.join(first, 'xliff', 'kk.xlf');
      writeFileSync(xlf, translateXliff(readFileSync(xlf, 'utf8')));
      const imported = await runCli(['xliff', 'import', 'xliff/kk.xlf', '--json'], first);
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout).recorded.translated).toBe(6);
      expect(existsSync(path.join(first, 'tm', 'ru-kk.jsonl'))).toBe(false); // nothing in a file TM
      const rows = await sql<{ source: string; target: string; origin: string; status: string }>(url, 'SELECT source, target, origin, status FROM tilmash_tm_entries ORDER BY source');
      expect(rows).toEqual([...lines].sort().map((line) => ({ source: line, target: `Қаз: ${line}`, origin: 'import:xliff', status: 'translated' })));
      expect(readFileSync(path.join(first, 'locales', 'kk', 'doc.json'), 'utf8')).toContain(`Қаз: ${lines[0]}`);
      // Another project with the same text: everything from the shared TM, nothing sent.
      const second = sharedProject(url, text);
      const ran = await runCli(['run', '--json'], second, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
      expect(ran.code, ran.stderr).toBe(0);
      expect(fake.translateRequests()).toHaveLength(0);
      expect(readFileSync(path.join(second, 'locales', 'kk', 'doc.json'), 'utf8')).toContain(`Қаз: ${lines[5]}`);
    } finally {
      await fake.close();
    }
  });

  it('a bad XLIFF leaves the database untouched; a failure inside the import\'s transaction records nothing of any locale', async () => {
    const url = await freshDatabase();
    const dir = sharedProject(url, `${BUDGET_2027}\n`);
    const seeded = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    await seeded.record('kk', [entry('Другое предложение.', 'Басқа сөйлем.')]);
    await seeded.close();
    const exported = await runCli(['xliff', 'export'], dir);
    expect(exported.code, exported.stderr).toBe(0);
    const xlf = path.join(dir, 'xliff', 'kk.xlf');
    // The source changed since the export: the whole file is refused.
    writeFileSync(xlf, translateXliff(readFileSync(xlf, 'utf8')).replace(`<source>${BUDGET_2027}</source>`, '<source>Правительство утвердило старый бюджет.</source>'));
    const before = await sql(url, 'SELECT * FROM tilmash_tm_entries ORDER BY source');
    const refused = await runCli(['xliff', 'import', 'xliff/kk.xlf'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('xliff/kk.xlf');
    expect(refused.stderr).toContain('Nothing was imported');
    expect(await sql(url, 'SELECT * FROM tilmash_tm_entries ORDER BY source')).toEqual(before);
    // All or nothing across locales: the database refuses the second locale's rows, the first's are not kept either.
    await sql(url, `ALTER TABLE tilmash_tm_entries ADD CONSTRAINT test_no_boom CHECK (target <> 'BOOM')`);
    const store = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    const failed = await store.recordAll(new Map([['en', [entry('Один.', 'One.')]], ['kk', [entry('Два.', 'BOOM')]]])).catch((e: unknown) => e);
    expect((failed as TilmashError).kind).toBe('tmStore');
    await store.close();
    expect(await sql(url, 'SELECT * FROM tilmash_tm_entries ORDER BY source')).toEqual(before);
  });

  it('after a database failure, late answers are saved to the recovery file and the message names it, even when the database is back; the next open folds it in', async () => {
    const url = await freshDatabase();
    const dir = makeProject({}, { link: false });
    const tmDir = path.join(dir, 'tm');
    mkdirSync(tmDir, { recursive: true });
    const store = await PgTmStore.open(url, tmDir, 'ru');
    // The first write fails as a server restart makes it fail; the database answers again at once (the old message then named it).
    let fail = true;
    const flaky = new Proxy(store, {
      get(target, key) {
        if (key === 'record') {
          return async (locale: string, entries: TmEntry[]) => {
            if (fail) {
              fail = false;
              throw storeError(url, 'record in the TM', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
            }
            return target.record(locale, entries);
          };
        }
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const recorder = new DurableRecorder(flaky);
    expect(await recorder.record('en', [entry('Один.', 'One.')])).toBe(false);
    expect(await recorder.record('en', [entry('Два.', 'Two.')])).toBe(false);
    const error = (await recorder.finish().catch((e: unknown) => e)) as TilmashError;
    expect(error.kind).toBe('tmStore');
    const recovery = path.join(dir, 'tm.recovery.ru-en.journal');
    expect(error.message).toContain(`were saved (2 for en in ${recovery})`);
    expect(error.message).not.toMatch(/saved \([^)]*postgres:/u);
    expect(await entryCount(url)).toBe(0); // not in the database: in the file
    await store.close();
    const reopened = await PgTmStore.open(url, tmDir, 'ru');
    await reopened.prefetch('en', 'all');
    expect(reopened.sortedEntries('en').map((e) => e.target)).toEqual(['Two.', 'One.']);
    expect(existsSync(recovery)).toBe(false);
    await reopened.close();
  });

  it('lease attempts cap: a segment whose holders died twice is not taken over again; a run reports it and does not pay for it', async () => {
    const url = await freshDatabase();
    const a = await PgTmStore.open(url, '/nonexistent/tm', 'ru', { pollMs: 30 });
    const lease = (source: string, owner: string, attempts: number) =>
      sql(url, `INSERT INTO tilmash_tm_leases (source_lang, target_lang, source_hash, owner, expires, attempts) VALUES ('ru', 'kk', sha256(convert_to($1, 'UTF8')), $2, now() + interval '200 milliseconds', $3)`, [source, owner, attempts]);
    // The first holder dies: its lease expires and `a` takes it over (the one retry).
    await lease('Первый.', 'dead:1', 1);
    expect(await a.claim('kk', ['Первый.'])).toEqual({ mine: [], others: ['Первый.'] });
    expect(await a.awaitClaims('kk', ['Первый.'])).toEqual(['Первый.']);
    // …and `a` dies too (its lease left to expire, as a killed process leaves it).
    await sql(url, `UPDATE tilmash_tm_leases SET owner = 'dead:2', expires = now() - interval '1 second'`);
    const b = await PgTmStore.open(url, '/nonexistent/tm', 'ru', { pollMs: 30 });
    expect(await b.claim('kk', ['Первый.'])).toEqual({ mine: [], others: [] }); // neither sent nor waited for
    expect(b.abandoned('kk')).toEqual(['Первый.']);
    const [row] = await sql<{ attempts: number; owner: string }>(url, 'SELECT attempts, owner FROM tilmash_tm_leases');
    expect(row).toEqual({ attempts: 2, owner: 'dead:2' });
    // A lease still held by a live process, at its cap, is waited for as before, then abandoned once it expires.
    await lease('Второй.', 'dead:3', 2);
    const waited = await b.awaitClaims('kk', ['Второй.']);
    expect(waited).toEqual([]);
    expect(b.abandoned('kk').sort()).toEqual(['Второй.', 'Первый.']);
    await Promise.all([a.close(), b.close()]);
    // A run over the project: the abandoned segment is reported with the fix, not paid; the others are sent.
    const fake = await startFakeDeepl({ authKey: KEY });
    try {
      const dir = sharedProject(url, 'Первый. Третий.\n');
      const config = resolveConfig({ targets: { kk: {} }, qa: ECHO_QA, engine: ENGINE, tm: { store: url } }, path.join(dir, 'pipeline.config.ts'));
      const engines = selectEngines(config, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
      const report = await runJob({ config, engineFor: engines.engineFor, baseDelayMs: 10, now: NOW }).finally(() => engines.close());
      expect(sentTexts(fake.requests)).toEqual(['kk\u0000Третий.']);
      expect(report.failure?.kind).toBe('engine');
      expect(report.failure?.message).toContain('1 segment(s) for kk were not sent');
      expect(report.failure?.message).toContain('"Первый."');
      expect(report.failure?.message).toContain('DELETE FROM tilmash_tm_leases');
      expect(report.failure?.message).not.toContain(`:${new URL(url).password}@`);
      // Cleared as the message says: the next run sends it, once.
      await sql(url, 'DELETE FROM tilmash_tm_leases WHERE expires < now()');
      const engines2 = selectEngines(config, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url });
      const again = await runJob({ config, engineFor: engines2.engineFor, baseDelayMs: 10, now: NOW }).finally(() => engines2.close());
      expect(again.failure).toBeUndefined();
      expect(sentTexts(fake.requests)).toEqual(['kk\u0000Третий.', 'kk\u0000Первый.']);
    } finally {
      await fake.close();
    }
  });

  it('schema steps: numbered, each applied once; a database made before the lease attempts gets the column', async () => {
    const url = await freshDatabase();
    await sql(url, `CREATE TABLE tilmash_tm_leases (source_lang text NOT NULL, target_lang text NOT NULL, source_hash bytea NOT NULL, owner text NOT NULL, expires timestamptz NOT NULL, PRIMARY KEY (source_lang, target_lang, source_hash))`);
    await (await PgTmStore.open(url, '/nonexistent/tm', 'ru')).close();
    await (await PgTmStore.open(url, '/nonexistent/tm', 'ru')).close();
    expect((await sql<{ version: number }>(url, 'SELECT version FROM tilmash_tm_schema ORDER BY version')).map((r) => r.version)).toEqual([1, 2, 3]);
    const columns = await sql<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'tilmash_tm_leases' AND column_name = 'attempts'`);
    expect(columns).toHaveLength(1);
  });

  it('status, check and review close the shared TM\'s pool (in-process, as a library user runs them)', async () => {
    const url = await freshDatabase();
    const seeded = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    await seeded.record('kk', [entry(BUDGET_2027, BUDGET_2027_KK)]);
    await seeded.close();
    const dir = sharedProject(url, `${BUDGET_2027}\n`);
    const io = { stdout: () => undefined, stderr: () => undefined, isTty: false, cwd: dir, env: {}, signal: new AbortController().signal };
    for (const args of [['status'], ['check'], ['review'], ['xliff', 'export']]) {
      const code = await runCliInProcess(args, io);
      expect([0, 1, 6], args.join(' ')).toContain(code); // check fails (no bundles yet, exit 6): the pool is what is tested
      expect(await openConnections(url), args.join(' ')).toBe(0);
    }
  });
});

/** Grams the triggers hold for the entries, and the grams the entries' folded sources have. */
async function gramCounts(url: string): Promise<{ held: number; due: number }> {
  const [held] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM tilmash_tm_grams');
  const [due] = await sql<{ n: string }>(url, `SELECT count(*) AS n FROM tilmash_tm_entries AS e, tilmash_tm_word_grams(e.folded, e.source_lang, e.target_lang) AS g
    JOIN tilmash_tm_grams AS t ON t.gram = g WHERE t.len = length(e.folded) AND t.entry = tilmash_tm_key(e.source_hash)`);
  return { held: Number(held?.n), due: Number(due?.n) };
}

describe.skipIf(!PG_AVAILABLE)('fuzzy candidates by word bigrams (schema step 3)', () => {
  it('a database made before step 3 gets the bigrams of the entries it holds; the triggers follow inserts, changes and deletes', async () => {
    const url = await freshDatabase();
    for (const step of MIGRATIONS.filter((m) => m.version < 3)) for (const statement of step.statements) await sql(url, statement);
    await sql(url, 'CREATE TABLE tilmash_tm_schema (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())');
    await sql(url, `INSERT INTO tilmash_tm_schema (version, name) VALUES (1, 'one'), (2, 'two')`);
    const old = 'Правительство утвердило новый бюджет на 2027 год.';
    await sql(url, `INSERT INTO tilmash_tm_entries VALUES ('ru', 'zh', decode($1, 'hex'), $2, $3, '译文', 'engine:deepl', 'machine', 'x', 'x', NULL)`, [sourceHash(old), old, foldForMatch(old)]);
    const db = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    const query = 'Правительство утвердило новый бюджет на 2029 год.';
    expect((await db.fuzzy('zh', query, 0.75, 3)).map((s) => s.source)).toEqual([old]); // filled in by the step
    expect(await gramCounts(url)).toEqual({ held: 8, due: 8 }); // 7 words: 6 bigrams and the two ends
    const added = 'Правительство утвердило новый бюджет на 2028 год.';
    await db.record('zh', [entry(added, '译文二')]);
    expect((await db.fuzzy('zh', query, 0.75, 3)).map((s) => s.source)).toEqual([old, added]);
    await db.record('zh', [entry(added, '译文三')]); // same source, new target: the grams stay as they are
    expect(await gramCounts(url)).toEqual({ held: 16, due: 16 });
    await sql(url, `UPDATE tilmash_tm_entries SET folded = 'совсем другой текст' WHERE source = $1`, [old]);
    expect(await gramCounts(url)).toEqual({ held: 12, due: 12 });
    expect((await db.fuzzy('zh', query, 0.75, 3)).map((s) => s.source)).toEqual([added]);
    await sql(url, 'DELETE FROM tilmash_tm_entries WHERE source = $1', [added]);
    expect(await gramCounts(url)).toEqual({ held: 4, due: 4 });
    expect(await db.fuzzy('zh', query, 0.75, 3)).toEqual([]);
    await db.close();
  });

  it('a phrase in more than POSTING_CAP entries counts for nothing, yet the answer is the file TM\'s; an entry sharing no uncommon bigram is missed (the documented limit)', async () => {
    const url = await freshDatabase();
    const db = await PgTmStore.open(url, '/nonexistent/tm', 'ru');
    const fillers = Array.from({ length: POSTING_CAP + 100 }, (_, i) => `Отчет номер ${i} комиссии по вопросам бюджета о реформе в сфере образования и науки.`);
    const target = 'Председатель правительства Абай Кунанбаев подписал указ о реформе в сфере образования и науки.';
    // Edits that keep three uncommon bigrams of the query (the first three words) and none of the common phrase:
    // counting the phrase, the fillers would share more than it and fill the CANDIDATES.
    const scattered = 'Председатель правительства Абай Кунанбаeв подписал укaз о рeформe в сферe образованиe и наукe.'; // Latin e/a
    const broken = 'Прeдседатель правитeльства Абай Кунанбаeв подписал укaз о рeформe в сферe образования и наукe.'; // shares one common bigram only
    const all = [...fillers, target, scattered, broken].map((s, i) => entry(s, `T${i}`));
    await db.record('en', all);
    const file = await TranslationMemory.open(makeProject({}, { link: false }) + '/tm', 'ru');
    await file.record('en', all);
    const query = 'Председатель правительства Абай Кунанбаев подписал указ о реформах в сфере образования и науки.';
    const exact = await file.fuzzy('en', query, 0.75, 3);
    expect(exact.map((s) => s.source)).toEqual([target, scattered, broken]);
    expect(await db.fuzzy('en', query, 0.75, 3)).toEqual(exact.slice(0, 2));
    expect(fillers.length).toBeGreaterThan(CANDIDATES);
    await db.close();
  });
});
