/**
 * Workers on a Redis (BullMQ) queue against the fake DeepL: real Redis, real `tilmash run --queue`
 * and `tilmash worker` processes. The fake's request log is the judge: arrival times (rate) and the
 * texts it was paid for (nothing twice).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions, type RecordedRequest } from '../helpers/fake-deepl-server.js';
import { CLI, cleanupProjects, listFiles, makeProject, readTm, runCli } from '../helpers/project.js';
import { maxInWindow } from '../helpers/rate-window.js';
import { freshQueue, redisAvailable, startWorker, stopWorkers, REDIS_URL, type WorkerProcess } from './redis-helpers.js';

const available = await redisAvailable();
const KEY = 'sk-queue-workers-secret-0123456789abcdef:fx';
const LOCALES = ['en', 'kk', 'zh'] as const;
/** The account: 10 requests per second, for the fake and for the config alike. */
const RATE = { requests: 10, perMs: 1000 };
const ENGINE = { batchSize: 5, concurrency: 2, requestsPerInterval: RATE.requests, intervalMs: RATE.perMs, timeoutMs: 5000, maxRetries: 4 };
const ECHO_QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
const translate = (text: string, target: string) => (target === 'ZH-HANS' ? `「${text}」` : `[${target}] ${text}`);

const servers: FakeDeepl[] = [];
const workers: WorkerProcess[] = [];
const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  await stopWorkers(workers.splice(0));
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});
afterAll(() => cleanupProjects());

/** `count` distinct Russian sentences, 4 to a paragraph, over 3 documents. */
function documents(count: number): Record<string, string> {
  const sentences = Array.from({ length: count }, (_, i) => `Делегация номер ${i + 1} обсудила в Астане торговлю и логистику ${i % 7 === 0 ? 'с партнёрами ' : ''}на встрече ${i + 1}.`);
  const files: Record<string, string> = {};
  const per = Math.ceil(count / 3);
  for (let d = 0; d < 3; d++) {
    const mine = sentences.slice(d * per, d * per + per);
    const paragraphs: string[] = [];
    for (let p = 0; p < mine.length; p += 4) paragraphs.push(mine.slice(p, p + 4).join(' '));
    files[`source/doc${d + 1}.ru.txt`] = `${paragraphs.join('\n\n')}\n`;
  }
  return files;
}

function project(count: number, engine: Record<string, unknown> = ENGINE): string {
  const config = `export default {\n  targets: { en: {}, kk: {}, zh: {} },\n  qa: ${JSON.stringify(ECHO_QA)},\n  engine: ${JSON.stringify(engine)},\n};\n`;
  return makeProject({ 'pipeline.config.ts': config, ...documents(count) }, { link: false });
}

async function fake(options: FakeDeeplOptions = {}): Promise<FakeDeepl> {
  const server = await startFakeDeepl({ authKey: KEY, translate, rateLimit: RATE, ...options });
  servers.push(server);
  return server;
}

function queue(): ReturnType<typeof freshQueue> {
  const q = freshQueue();
  cleanUps.push(q.cleanUp);
  return q;
}

async function startWorkers(n: number, dir: string, queueUrl: string, server: FakeDeepl, extra: string[] = []): Promise<WorkerProcess[]> {
  const started = await Promise.all(Array.from({ length: n }, () => startWorker(dir, queueUrl, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, extra)));
  workers.push(...started);
  return started;
}

/** How often each (text, target language) was paid for: every text of every answered translate request. */
function paidCounts(requests: readonly RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    if (r.status !== 200) continue;
    for (const text of r.form.text as string[]) {
      const key = `${String(r.form.target_lang)}\u0000${text}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function bullQueue(name: string): Queue {
  const url = new URL(REDIS_URL);
  return new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) } });
}

async function until(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const batchesDone = (w: WorkerProcess) => (w.stderr().match(/^batch \S+ \S+: /gm) ?? []).length;

function bundles(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir, 'locales').filter((f) => !f.includes('provenance')).map((f) => [f, readFileSync(path.join(dir, 'locales', f))]));
}

describe.skipIf(!available)('queue workers (Redis + BullMQ)', () => {
  it('three workers: total rate never above the account limit, every segment paid exactly once, bundles byte-identical to a single-process run', async () => {
    const server = await fake({ latencyMs: 20 });
    const dir = project(120);
    const q = queue();
    const pool = await startWorkers(3, dir, q.url, server);
    const run = await runCli(['run', '--queue', q.url, '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { locales: Array<{ locale: string; translated: number; missing: number }> };
    for (const locale of LOCALES) expect(report.locales.find((l) => l.locale === locale)).toMatchObject({ translated: 120, missing: 0 });
    const sent = server.translateRequests();
    expect(sent.every((r) => r.status === 200)).toBe(true); // not one 429: the shared window held
    expect(maxInWindow(sent.map((r) => r.at), RATE.perMs)).toBeLessThanOrEqual(RATE.requests);
    const paid = paidCounts(sent);
    expect(paid.size).toBe(360);
    expect([...paid.values()].every((n) => n === 1)).toBe(true);
    for (const w of pool) expect(batchesDone(w)).toBeGreaterThan(0); // all three took part
    for (const locale of LOCALES) expect(readTm(dir, locale)).toHaveLength(120);

    // The same project translated in one process gives the same bundle bytes.
    const single = project(120);
    const alone = await runCli(['run', '--json'], single, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: (await fake()).url });
    expect(alone.code, alone.stderr).toBe(0);
    const a = bundles(dir);
    const b = bundles(single);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBeGreaterThan(0);
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file) as Buffer), file).toBe(true);
  }, 90_000);

  it('a worker SIGKILLed mid-batch: the job completes, and nothing is paid twice but the request that worker had in flight', async () => {
    const LATENCY = 300;
    const server = await fake({ latencyMs: LATENCY });
    const dir = project(120, { ...ENGINE, concurrency: 1 });
    const q = queue();
    const [victim, ...others] = await startWorkers(3, dir, q.url, server, ['--lease', '2']);
    const run = runCli(['run', '--queue', q.url, '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    // Mid-batch: the victim holds a batch (its lease is running) and has sent at least one request of the run.
    while (batchesDone(victim as WorkerProcess) < 2) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 150));
    const killedAt = performance.now();
    (victim as WorkerProcess).child.kill('SIGKILL');
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { locales: Array<{ locale: string; translated: number; missing: number }> };
    for (const locale of LOCALES) expect(report.locales.find((l) => l.locale === locale)).toMatchObject({ translated: 120, missing: 0 });
    const sent = server.translateRequests();
    const paid = paidCounts(sent);
    expect(paid.size).toBe(360);
    // Paid twice only what was in flight at the kill: sent before it, answered after it (latency LATENCY).
    const inFlight = sent.filter((r) => r.at <= killedAt && r.at + LATENCY + 500 >= killedAt); // 500 ms of slack for a loaded machine
    const inFlightTexts = new Set(inFlight.flatMap((r) => (r.form.text as string[]).map((t) => `${String(r.form.target_lang)}\u0000${t}`)));
    const twice = [...paid].filter(([, n]) => n > 1).map(([k]) => k);
    for (const key of twice) expect(inFlightTexts.has(key), key).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(ENGINE.batchSize); // one batch: the victim's concurrency is 1
    expect([...paid.values()].every((n) => n <= 2)).toBe(true);
    expect(others.some((w) => batchesDone(w) > 0)).toBe(true);
    // The victim held a batch when it died: a surviving worker's stalled-job check queued it again.
    expect(others.some((w) => /went silent for the lease; queued again/.test(w.stderr()))).toBe(true);
  }, 120_000);

  it('a 429 from DeepL slows every worker: nothing arrives from any of them until its Retry-After is over', async () => {
    const server = await fake({ latencyMs: 20 });
    const dir = project(60);
    const q = queue();
    await startWorkers(3, dir, q.url, server);
    server.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const result = await runCli(['run', '--queue', q.url, '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    expect(result.code, result.stderr).toBe(0);
    const sent = server.translateRequests();
    const limited = sent.find((r) => r.status === 429) as RecordedRequest;
    expect(limited).toBeDefined();
    // Unthrottled, the account's 10/s would bring ~9 more in the next second. With the shared back-off only
    // requests already past the gate when the 429 came back (at most one per other worker slot) may land then.
    const during = sent.filter((r) => r.at > limited.at && r.at < limited.at + 950);
    expect(during.length).toBeLessThanOrEqual(3 * ENGINE.concurrency - 1);
    const next = sent.find((r) => r.at > limited.at + 950);
    expect(next).toBeDefined(); // and sending resumed after the Retry-After
    const paid = paidCounts(sent);
    expect(paid.size).toBe(180);
    expect([...paid.values()].every((n) => n === 1)).toBe(true);
    const report = JSON.parse(result.stdout) as { requests: Array<{ rateLimited: number }> };
    expect(report.requests.reduce((n, r) => n + r.rateLimited, 0)).toBe(1);
  }, 90_000);

  it('a run SIGKILLed while workers translate: the next run records the answered batches, paying nothing again', async () => {
    const server = await fake({ latencyMs: 20 });
    const dir = project(60);
    const q = queue();
    const env = { ...process.env, DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url, NO_COLOR: '1' };
    const first = spawn(process.execPath, [CLI, 'run', '--queue', q.url], { cwd: dir, env, stdio: 'ignore' });
    const bull = bullQueue(q.name);
    try {
      await until(async () => (await bull.getWaitingCount()) === 36, '36 queued batches (60 segments × 3 locales ÷ 5)');
      first.kill('SIGKILL'); // before any answer: nothing recorded, the batches stay queued
      await new Promise((r) => first.once('close', r));
      await startWorkers(3, dir, q.url, server);
      await until(async () => (await bull.getCompletedCount()) === 36, 'the workers to answer every batch');
      expect(LOCALES.every((l) => readTm(dir, l, { missingIsEmpty: true }).length === 0)).toBe(true);
      const paidBefore = server.translateRequests().length;
      const second = await runCli(['run', '--queue', q.url, '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
      expect(second.code, second.stderr).toBe(0);
      expect(server.translateRequests()).toHaveLength(paidBefore); // nothing sent again
      const report = JSON.parse(second.stdout) as { locales: Array<{ translated: number; missing: number }> };
      for (const l of report.locales) expect(l).toMatchObject({ translated: 60, missing: 0 });
      for (const l of LOCALES) expect(readTm(dir, l)).toHaveLength(60);
      expect(await bull.getCompletedCount()).toBe(0); // recorded, then removed from Redis
    } finally {
      await bull.close();
    }
  }, 90_000);

  it('a 456 (quota) pauses the queue for every worker and the run reports it; what was received is in the TM', async () => {
    const server = await fake({ latencyMs: 20, characterLimit: 4000 });
    const dir = project(120);
    const q = queue();
    await startWorkers(3, dir, q.url, server);
    const result = await runCli(['run', '--queue', q.url, '--force', '--json'], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url });
    expect(result.code).toBe(8);
    const report = JSON.parse(result.stdout) as { failure: { kind: string; message: string }; locales: Array<{ translated: number; missing: number }> };
    expect(report.failure.kind).toBe('engineQuota');
    expect(report.failure.message).toMatch(/quota/i);
    const sent = server.translateRequests();
    const first456 = sent.findIndex((r) => r.status === 456);
    expect(first456).toBeGreaterThan(0);
    // After the first 456 only requests already past the gate arrive: at most one per worker slot (3 workers × concurrency 2).
    expect(sent.length - first456 - 1).toBeLessThanOrEqual(3 * ENGINE.concurrency - 1);
    const count = sent.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.translateRequests()).toHaveLength(count); // every worker is paused
    const paused = bullQueue(q.name);
    try {
      expect(await paused.isPaused()).toBe(true);
    } finally {
      await paused.close();
    }
    const translated = report.locales.reduce((n, l) => n + l.translated, 0);
    const inTm = LOCALES.reduce((n, l) => n + readTm(dir, l, { missingIsEmpty: true }).length, 0);
    expect(translated).toBeGreaterThan(0);
    expect(inTm).toBe(translated);
    expect(paidCounts(sent).size).toBe(translated); // every answer paid for is in the TM
  }, 90_000);
});
