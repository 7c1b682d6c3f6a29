/**
 * Workers on a Redis queue against the fake DeepL at a fixed account rate: `tilmash run --queue`
 * with 1, 2 and 4 `tilmash worker` processes (the built CLI), N segments × 3 locales. For each: the
 * wall time of the run, the translation phase (first request to last arrival at the fake) against
 * the rate floor (the least time the fake's window allows for that many requests), the most requests the fake saw in any rolling second (must not
 * exceed the limit: YES/NO) and the share of the limit reached (must be ≥ 90 %: YES/NO).
 * Skipped (exit 0, one line) when no Redis answers at TILMASH_BENCH_REDIS_URL / TILMASH_TEST_REDIS_URL
 * (default redis://127.0.0.1:6379).
 *
 * Usage: node dist/bench/queue-run.js [--segments 20000] [--workers 1,2,4] [--rate 50]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startFakeDeepl } from '../tests/helpers/fake-deepl-server.js';
import { nproc } from './measure.js';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const REDIS_URL = process.env.TILMASH_BENCH_REDIS_URL ?? process.env.TILMASH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'bench-queue-key:fx';
const LATENCY_MS = 20;
const BATCH = 50;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function redisUp(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A temp project: `segments` distinct Russian sentences in 20 documents, 4 to a paragraph; en, kk, zh. */
function makeProject(segments: number, rate: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-queue-bench-'));
  mkdirSync(path.join(dir, 'source'));
  const engine = { batchSize: BATCH, concurrency: 2, requestsPerInterval: rate, intervalMs: 1000, timeoutMs: 10000, maxRetries: 5 };
  const qa = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
  writeFileSync(path.join(dir, 'pipeline.config.ts'), `export default {\n  targets: { en: {}, kk: {}, zh: {} },\n  qa: ${JSON.stringify(qa)},\n  engine: ${JSON.stringify(engine)},\n};\n`);
  const per = Math.ceil(segments / 20);
  for (let d = 0; d < 20; d++) {
    const paragraphs: string[] = [];
    for (let p = d * per; p < Math.min(segments, (d + 1) * per); p += 4) {
      const n = Math.min(4, (d + 1) * per - p, segments - p);
      paragraphs.push(Array.from({ length: n }, (_, k) => `Совещание номер ${p + k + 1} в Астане обсудило торговлю, логистику и цены на зерно.`).join(' '));
    }
    writeFileSync(path.join(dir, 'source', `doc${d + 1}.ru.txt`), `${paragraphs.join('\n\n')}\n`);
  }
  return dir;
}

function spawnCli(args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function startWorker(dir: string, url: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawnCli(['worker', '--queue', url], dir, env);
  child.stdout?.resume();
  await new Promise<void>((resolve, reject) => {
    let err = '';
    let ready = false;
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      if (ready) return; // its log lines are not kept
      err += d;
      ready = err.includes('waiting for batches');
      if (ready) resolve();
    });
    child.on('close', (code) => reject(new Error(`worker exited (${code}): ${err}`)));
  });
  return child;
}

function waitExit(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout?.resume();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

interface QueueBenchRow {
  workers: number;
  requests: number;
  /** Answered 429 by the fake (0 when the shared window holds). */
  limited: number;
  wallMs: number;
  phaseMs: number;
  floorMs: number;
  maxPerSecond: number;
  share: number;
}

/** Most arrivals in any rolling window of `windowMs` that starts at one of them. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function benchOne(segments: number, workers: number, rate: number): Promise<QueueBenchRow> {
  const fake = await startFakeDeepl({ authKey: KEY, latencyMs: LATENCY_MS, rateLimit: { requests: rate, perMs: 1000, retryAfterSeconds: 1 }, characterLimit: 1e12 });
  const dir = makeProject(segments, rate);
  const name = `bench-${randomUUID().slice(0, 8)}`;
  const url = `${REDIS_URL.replace(/\/$/, '')}/0?name=${name}`;
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: fake.url };
  const pool = await Promise.all(Array.from({ length: workers }, () => startWorker(dir, url, env)));
  try {
    const start = performance.now();
    const run = await waitExit(spawnCli(['run', '--queue', url, '--json'], dir, env));
    const wallMs = performance.now() - start;
    if (run.code !== 0) throw new Error(`run --queue exited ${run.code}: ${run.stderr.slice(-2000)}`);
    const sent = fake.translateRequests();
    const times = sent.map((r) => r.at);
    // As bench/deepl-bench.ts: the fake's window admits `rate` arrivals per second, so at best they come in bursts
    // at 0, 1 s, 2 s, …; the last burst starts at (⌈requests ÷ rate⌉ − 1) s and is answered LATENCY_MS later.
    const phaseMs = Math.max(...times) - Math.min(...times) + LATENCY_MS;
    const floorMs = (Math.ceil(sent.length / rate) - 1) * 1000 + LATENCY_MS;
    const limited = sent.filter((r) => r.status === 429).length;
    return { workers, requests: sent.length, limited, wallMs, phaseMs, floorMs, maxPerSecond: maxInWindow(times, 1000), share: floorMs / phaseMs };
  } finally {
    for (const w of pool) w.kill('SIGTERM');
    await Promise.all(pool.map((w) => (w.exitCode === null ? new Promise((r) => w.on('close', r)) : undefined)));
    await fake.close();
    await cleanRedis(name);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cleanRedis(name: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    for (const pattern of [`bull:${name}:*`, `tilmash:${name}:*`]) {
      const keys = await client.keys(pattern);
      if (keys.length > 0) await client.del(...keys);
    }
  } finally {
    client.disconnect();
  }
}

function format(rows: readonly QueueBenchRow[], rate: number): string {
  const lines = ['| workers | requests | 429s | run wall s | translation phase s | rate floor s | most in any 1 s | ≤ limit | rate used | ≥ 90 % |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | :---: |'];
  for (const r of rows) {
    lines.push(`| ${r.workers} | ${r.requests} | ${r.limited} | ${(r.wallMs / 1000).toFixed(1)} | ${(r.phaseMs / 1000).toFixed(1)} | ${(r.floorMs / 1000).toFixed(1)} | ${r.maxPerSecond} | ${r.maxPerSecond <= rate && r.limited === 0 ? 'YES' : 'NO'} | ${(r.share * 100).toFixed(1)} % | ${r.share >= 0.9 ? 'YES' : 'NO'} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!(await redisUp())) {
    console.log(`Tilmash queue-workers benchmark: skipped (no Redis at ${REDIS_URL}; start one with \`redis-server --daemonize yes --port 6379 --bind 127.0.0.1\`).`);
    return;
  }
  const segments = Number(flag('--segments') ?? 20000);
  const rate = Number(flag('--rate') ?? 50);
  const counts = (flag('--workers') ?? '1,2,4').split(',').map(Number);
  console.log('Tilmash queue-workers benchmark (run --queue + N tilmash worker processes, Redis, fake DeepL)');
  console.log(`date ${new Date().toISOString()}; node ${process.version}; ${process.platform}/${process.arch}; nproc ${nproc()}; ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`${segments} segments × 3 locales, batches of ${BATCH}; account rate ${rate} requests/s (fake and config alike), fake latency ${LATENCY_MS} ms; worker concurrency 2\n`);
  const rows: QueueBenchRow[] = [];
  for (const workers of counts) {
    rows.push(await benchOne(segments, workers, rate));
    console.log(format(rows.slice(-1), rate).split('\n').slice(2).join('\n'));
  }
  console.log(`\n${format(rows, rate)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
