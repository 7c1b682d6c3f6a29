/**
 * Adaptive rate benchmark (issue 13, engine path): the whole job (`runJob` + the real DeepL adapter)
 * with the DEFAULT engine config (no rate tuning: `rate: 'adaptive'`, starting at 5 requests per
 * second) against the fake DeepL server limited at 10 and at 20 requests per second, 50 ms latency.
 * The server counts every request (translate, usage, languages, glossaries: `counts: 'all'`), and the
 * project has a glossary, so glossary calls travel during the engine phase as they do in a real run.
 * The server runs in a worker thread (bench/fake-deepl-worker.ts), with its own arrival clock.
 *
 * Per case, from the server's request log:
 * - engine phase: first translate arrival → last translate arrival + latency;
 * - floor: translate requests answered 200 ÷ the server's rate (requests ÷ rate);
 * - phase ÷ floor (target ≤ 1.1× for 2,000 × 3 at 10 req/s) and rate used = floor ÷ phase (≥ 85 %);
 * - 429s: all (≤ 2 % of the requests), and after the warm-up (arriving more than one interval after
 *   the first 429, which is the queue discovering the limit; target 0);
 * - the most arrivals (any path, 429s included) in any 1 s window, and the queue's final cap.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../src/config/resolve-config.js';
import { createDeeplEngine } from '../src/engine/deepl/deepl-engine.js';
import { engineRate } from '../src/job/engine-rate.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FakeDeeplOptions } from '../tests/helpers/fake-deepl-server.js';
import { documentsOf, russianSentences } from './deepl-bench.js';
import type { WorkerRequest } from './fake-deepl-worker.js';

export const RATE_LATENCY_MS = 50;
const AUTH_KEY = 'rate-bench-key';
const GLOSSARY = {
  terms: [
    { ru: 'Си Цзиньпин', en: 'Xi Jinping', kk: 'Си Цзиньпин', zh: '习近平' },
    { ru: 'ШОС', en: 'SCO', kk: 'ШЫҰ', zh: '上合组织' },
  ],
};

export interface RateCase {
  segments: number;
  /** The server's limit: requests per 1000 ms (sliding window over arrivals); 0: none (the pipeline's own capacity, the baseline). */
  serverRate: number;
  /** The server's Retry-After on a 429, seconds (undefined: none sent). */
  retryAfterSeconds?: number;
}

export const DEFAULT_RATE_CASES: readonly RateCase[] = [
  { segments: 2000, serverRate: 0 },
  { segments: 2000, serverRate: 10 },
  { segments: 5000, serverRate: 20 },
];

export interface RateResult extends RateCase {
  translateRequests: number;
  accepted: number;
  rateLimited: number;
  rateLimitedAfterWarmup: number;
  /** Requests to other paths (usage, languages, glossaries), and how many were answered 429. */
  sideRequests: number;
  sideRateLimited: number;
  maxArrivalsPerSecond: number;
  engineMs: number;
  floorMs: number;
  finalCap: number;
  learnedLimit: number | undefined;
}

export async function runRateBench(cases: readonly RateCase[] = DEFAULT_RATE_CASES): Promise<RateResult[]> {
  const results: RateResult[] = [];
  for (const c of cases) results.push(await runCase(c));
  return results;
}

/** The fake server in a worker thread: its arrival clock never waits for the job's event loop. */
async function startServer(options: FakeDeeplOptions): Promise<{ url: string; requests: () => Promise<WorkerRequest[]>; close: () => Promise<void> }> {
  const worker = new Worker(new URL('./fake-deepl-worker.js', import.meta.url), { workerData: options });
  const [ready] = (await once(worker, 'message')) as [{ url: string }];
  return {
    url: ready.url,
    requests: async () => {
      worker.postMessage({ collect: true });
      const [answer] = (await once(worker, 'message')) as [{ requests: WorkerRequest[] }];
      return answer.requests;
    },
    close: async () => {
      worker.postMessage({ close: true });
      await once(worker, 'exit');
    },
  };
}

async function runCase(c: RateCase): Promise<RateResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-rate-bench-'));
  const server = await startServer({
    latencyMs: RATE_LATENCY_MS,
    ...(c.serverRate > 0 ? { rateLimit: { requests: c.serverRate, perMs: 1000, counts: 'all' as const, ...(c.retryAfterSeconds !== undefined ? { retryAfterSeconds: c.retryAfterSeconds } : {}) } } : {}),
    characterLimit: 1e12,
    authKey: AUTH_KEY,
  });
  const engine = createDeeplEngine({ authKey: AUTH_KEY, serverUrl: server.url, timeoutMs: 30_000 });
  try {
    const configObject = { targets: { en: {}, kk: {}, zh: {} }, glossary: 'glossary.json' }; // no engine settings: the defaults
    const configFile = path.join(dir, 'pipeline.config.ts');
    writeFileSync(configFile, `export default ${JSON.stringify(configObject)};\n`);
    writeFileSync(path.join(dir, 'glossary.json'), JSON.stringify(GLOSSARY));
    mkdirSync(path.join(dir, 'source'));
    documentsOf(russianSentences(c.segments)).forEach((text, i) => writeFileSync(path.join(dir, 'source', `doc${String(i).padStart(3, '0')}.ru.txt`), text));
    const config = resolveConfig(configObject, configFile);
    const report = await runJob({ config, engine });
    if (report.failure) throw new Error(`rate bench ${c.segments} × 3 at ${c.serverRate}/s failed: ${report.failure.message}`);
    const missing = report.locales.reduce((n, l) => n + l.missing, 0);
    if (missing > 0) throw new Error(`rate bench left ${missing} segments untranslated`);
    const rate = engineRate(engine, { requestsPerInterval: 1, intervalMs: 1000 }); // the run's own (already made)
    return measure(c, await server.requests(), rate.cap, rate.limit);
  } finally {
    engine.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(c: RateCase, requests: readonly WorkerRequest[], finalCap: number, learnedLimit: number | undefined): RateResult {
  const translate = requests.filter((r) => r.path === '/v2/translate');
  const side = requests.filter((r) => r.path !== '/v2/translate');
  const accepted = translate.filter((r) => r.status === 200).length;
  const limited = requests.filter((r) => r.status === 429);
  const firstLimited = limited[0]?.at;
  const firstAt = Math.min(...translate.map((r) => r.at));
  const lastAt = Math.max(...translate.map((r) => r.at)) + RATE_LATENCY_MS;
  return {
    ...c,
    translateRequests: translate.length,
    accepted,
    rateLimited: limited.length,
    rateLimitedAfterWarmup: firstLimited === undefined ? 0 : limited.filter((r) => r.at > firstLimited + 1000).length,
    sideRequests: side.length,
    sideRateLimited: side.filter((r) => r.status === 429).length,
    maxArrivalsPerSecond: maxInWindow(requests.map((r) => r.at), 1000),
    engineMs: lastAt - firstAt,
    floorMs: c.serverRate > 0 ? (accepted / c.serverRate) * 1000 : Number.NaN,
    finalCap,
    learnedLimit,
  };
}

/** The most of `times` in any half-open window [t, t + windowMs). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export function rateTargets(r: RateResult): Array<{ name: string; value: string; target: string; met: boolean }> {
  if (r.serverRate === 0) return [];
  const label = `${r.segments} × 3 at ${r.serverRate}/s`;
  const used = r.floorMs / r.engineMs;
  const share = r.rateLimited / (r.translateRequests + r.sideRequests);
  const rows = [
    { name: `${label}: rate used over the engine phase`, value: `${(used * 100).toFixed(1)} %`, target: '≥ 85 %', met: used >= 0.85 },
    { name: `${label}: requests answered 429`, value: `${r.rateLimited} / ${r.translateRequests + r.sideRequests} (${(share * 100).toFixed(2)} %)`, target: '≤ 2 %', met: share <= 0.02 },
  ];
  if (r.segments === 2000 && r.serverRate === 10) {
    const ratio = r.engineMs / r.floorMs;
    rows.unshift(
      { name: `${label}: full phase vs floor (requests ÷ rate)`, value: `${(r.engineMs / 1000).toFixed(2)} s / ${(r.floorMs / 1000).toFixed(2)} s = ${ratio.toFixed(3)}×`, target: '≤ 1.1×', met: ratio <= 1.1 },
      { name: `${label}: 429s after warm-up`, value: String(r.rateLimitedAfterWarmup), target: '0', met: r.rateLimitedAfterWarmup === 0 },
    );
  }
  return rows;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function formatRateBench(results: readonly RateResult[]): string {
  const header = ['workload', 'server', 'requests', 'side req.', 'side 429s', '429s', '429s after warm-up', 'max arrivals/1 s', 'engine phase', 'achieved', 'floor', 'rate used', 'final cap', 'learned limit'];
  const rows = results.map((r) => [
    `${r.segments} seg × 3`,
    r.serverRate > 0 ? `${r.serverRate}/s` : 'no limit',
    String(r.translateRequests),
    String(r.sideRequests),
    String(r.sideRateLimited),
    String(r.rateLimited),
    String(r.rateLimitedAfterWarmup),
    String(r.maxArrivalsPerSecond),
    `${(r.engineMs / 1000).toFixed(2)} s`,
    `${(r.accepted / (r.engineMs / 1000)).toFixed(1)}/s`,
    r.serverRate > 0 ? `${(r.floorMs / 1000).toFixed(2)} s` : '–',
    r.serverRate > 0 ? `${((r.floorMs / r.engineMs) * 100).toFixed(1)} %` : '–',
    `${r.finalCap}/s`,
    r.learnedLimit === undefined ? '–' : `${r.learnedLimit}/s`,
  ]);
  const targets = results.flatMap(rateTargets).map((t) => [t.name, t.value, t.target, t.met ? 'YES' : 'NO']);
  return `${table(header, rows)}\n\n${table(['target', 'measured', 'target', 'met'], targets)}`;
}
