/**
 * LLM path benchmark: the whole job (`runJob` + the real llm adapter over the openai SDK) against
 * the local fake OpenAI-compatible server, on the DeepL benchmark's workload (N distinct Russian
 * sentences in paragraphs of 3–5 × en, kk, zh, nothing in the TM), then a second run with nothing new.
 *
 * The fake answers after `LATENCY_MS + latencyPer1000Chars × segment characters / 1000` (a model's
 * generation time grows with the text) and admits RATE_REQUESTS completions per RATE_PER_MS
 * (sliding; 429 + Retry-After above it). Measured:
 * - prompt characters (every message's content: system prompt, few-shot, JSON, context) per
 *   character of source sent (the distinct segments × locales), and prompt tokens (the server's
 *   `usage`, o200k_base) per source character — a prompt should not be 8× its source;
 * - completions sent vs the least the count and token limits allow;
 * - the engine phase vs its floor: the larger of the rate floor (bursts of RATE_REQUESTS per
 *   RATE_PER_MS, the last answered after its latency) and the latency floor (the sum of the answers'
 *   latencies ÷ concurrency);
 * - 429s, and the second run's requests (must be 0).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../src/config/resolve-config.js';
import { selectEngines } from '../src/engine/select-engine.js';
import { makeBatches } from '../src/job/make-batches.js';
import type { JobPlan } from '../src/job/plan-job.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { FakeOpenAiOptions } from '../tests/helpers/fake-openai-server.js';
import type { WorkerCompletion } from './fake-openai-worker.js';
import { documentsOf, russianSentences } from './deepl-bench.js';

export const LATENCY_MS = 50;
export const RATE_REQUESTS = 10;
export const RATE_PER_MS = 1000;
export const DEFAULT_LATENCY_PER_1000_CHARS = 100;
const MODEL = 'gpt-4o-mini';

export interface LlmBenchOptions {
  /** @default [1000, 10000] */
  sizes?: number[];
  /** @default 8 */
  concurrency?: number;
  /** Fake model time per 1,000 characters of segment text, ms. @default 100 */
  latencyPer1000Chars?: number;
  /** `engine.llm.maxSkewMs` written to the config. @default unset (the config's default: 100 ms) */
  maxSkewMs?: number;
}

export interface LlmBenchResult {
  segments: number;
  locales: number;
  concurrency: number;
  latencyPer1000Chars: number;
  maxSkewMs: number | undefined;
  /** Code points of the distinct segments × locales. */
  sourceChars: number;
  promptChars: number;
  promptTokens: number;
  completionTokens: number;
  requests: number;
  minRequests: number;
  rateLimited: number;
  /** Segments per request, min–max. */
  batchMin: number;
  batchMax: number;
  floorMs: number;
  engineMs: number;
  wallMs: number;
  second: { requests: number; wallMs: number };
}

/** The least completions the count and token limits allow: greedy packing in order (optimal for the count, within one request of it for the token sum). */
function leastRequests(plan: JobPlan, limits: Parameters<typeof makeBatches>[1], batchSize: number): number {
  return plan.locales.reduce((n, l) => n + makeBatches(l.missing.map((m) => ({ wire: [m.source] })), limits, batchSize).batches.length, 0);
}

/** The fake server in a worker thread: its CPU work never delays the job's event loop. */
async function startServer(options: FakeOpenAiOptions): Promise<{ baseURL: string; completions: () => Promise<WorkerCompletion[]>; close: () => Promise<void> }> {
  const worker = new Worker(new URL('./fake-openai-worker.js', import.meta.url), { workerData: options });
  const [ready] = (await once(worker, 'message')) as [{ baseURL: string }];
  return {
    baseURL: ready.baseURL,
    async completions() {
      worker.postMessage({ collect: true });
      const [answer] = (await once(worker, 'message')) as [{ completions: WorkerCompletion[] }];
      return answer.completions;
    },
    async close() {
      worker.postMessage({ close: true });
      await once(worker, 'exit');
    },
  };
}

async function runWorkload(size: number, concurrency: number, latencyPer1000Chars: number, maxSkewMs: number | undefined): Promise<LlmBenchResult> {
  const sentences = russianSentences(size);
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-llm-bench-'));
  const server = await startServer({ models: [MODEL], latencyMs: LATENCY_MS, latencyMsPer1000Chars: latencyPer1000Chars, rateLimit: { requests: RATE_REQUESTS, perMs: RATE_PER_MS, retryAfterSeconds: 1 } });
  try {
    const configObject = {
      targets: { en: { engine: 'llm' }, kk: { engine: 'llm' }, zh: { engine: 'llm' } },
      // The LLM queue's cap equals the server's limit: the fixed rate (an adaptive one would probe above it).
      engine: { rate: 'fixed', llm: { baseURL: server.baseURL, model: MODEL, requestsPerInterval: RATE_REQUESTS, intervalMs: RATE_PER_MS, concurrency, ...(maxSkewMs !== undefined ? { maxSkewMs } : {}) } },
    };
    const configFile = path.join(dir, 'pipeline.config.ts');
    writeFileSync(configFile, `export default ${JSON.stringify(configObject, null, 2)};\n`);
    mkdirSync(path.join(dir, 'source'));
    documentsOf(sentences).forEach((text, i) => writeFileSync(path.join(dir, 'source', `doc${String(i).padStart(3, '0')}.ru.txt`), text));
    const config = resolveConfig(configObject, configFile);
    const run = async (onPlan?: (plan: JobPlan) => void) => {
      const engines = selectEngines(config, {});
      const start = performance.now();
      try {
        const report = await runJob({ config, enginesFor: engines.enginesFor, ...(onPlan ? { onPlan } : {}) });
        return { report, start, end: performance.now(), engines };
      } finally {
        engines.close();
      }
    };
    let plan: JobPlan | undefined;
    const first = await run((p) => (plan = p));
    if (!plan) throw new Error('runJob did not report its plan');
    if (first.report.failure) throw new Error(`first run failed: ${first.report.failure.message}`);
    const missing = first.report.locales.reduce((n, l) => n + l.missing, 0);
    if (missing > 0) throw new Error(`first run left ${missing} segments untranslated`);
    const sent = await server.completions();
    const answered = sent.filter((c) => c.status === 200);
    const latency = (c: (typeof sent)[number]) => LATENCY_MS + (latencyPer1000Chars * c.segmentChars) / 1000;
    const firstAt = Math.min(...sent.map((c) => c.at));
    const lastAt = Math.max(...answered.map((c) => c.at + latency(c)));
    const rateFloor = (Math.ceil(answered.length / RATE_REQUESTS) - 1) * RATE_PER_MS + Math.min(...answered.map(latency));
    const latencyFloor = answered.reduce((n, c) => n + latency(c), 0) / concurrency;
    const engine = first.engines.enginesFor('en')[0];
    if (!engine) throw new Error('no llm engine');
    const sizes = answered.map((c) => c.segments);
    const before = sent.length;
    const second = await run();
    const after = (await server.completions()).length;
    return {
      segments: size,
      locales: config.targets.length,
      concurrency,
      latencyPer1000Chars,
      maxSkewMs,
      sourceChars: plan.locales.reduce((n, l) => n + l.billedCharacters, 0),
      promptChars: sent.reduce((n, c) => n + c.promptChars, 0),
      promptTokens: first.report.tokens?.reduce((n, t) => n + t.promptTokens, 0) ?? 0,
      completionTokens: first.report.tokens?.reduce((n, t) => n + t.completionTokens, 0) ?? 0,
      requests: sent.length,
      minRequests: leastRequests(plan, engine.limits, config.engine.batchSize),
      rateLimited: sent.filter((c) => c.status === 429).length,
      batchMin: Math.min(...sizes),
      batchMax: Math.max(...sizes),
      floorMs: Math.max(rateFloor, latencyFloor),
      engineMs: lastAt - firstAt,
      wallMs: first.end - first.start,
      second: { requests: after - before, wallMs: second.end - second.start },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLlmBench(options: LlmBenchOptions = {}): Promise<LlmBenchResult[]> {
  const results: LlmBenchResult[] = [];
  for (const size of options.sizes ?? [1000, 10_000]) {
    console.error(`llm: ${size} segments × 3 locales…`);
    results.push(await runWorkload(size, options.concurrency ?? 8, options.latencyPer1000Chars ?? DEFAULT_LATENCY_PER_1000_CHARS, options.maxSkewMs));
  }
  return results;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function llmTargets(r: LlmBenchResult): Array<{ name: string; value: string; target: string; met: boolean }> {
  const w = `${r.segments} × ${r.locales}`;
  const perChar = r.promptChars / r.sourceChars;
  const extra = r.requests / r.minRequests - 1;
  const used = r.floorMs / r.engineMs;
  return [
    { name: `${w}: prompt chars per source char`, value: perChar.toFixed(2), target: '≤ 2.5', met: perChar <= 2.5 },
    { name: `${w}: requests vs minimum`, value: `${r.requests} / ${r.minRequests} (+${pct(extra)})`, target: '≤ +5 %', met: extra <= 0.05 },
    { name: `${w}: engine phase vs floor`, value: pct(used), target: '≥ 90 %', met: used >= 0.9 },
    { name: `${w}: 429s`, value: String(r.rateLimited), target: '0', met: r.rateLimited === 0 },
    { name: `${w}: second run requests`, value: String(r.second.requests), target: '0', met: r.second.requests === 0 },
  ];
}

export function formatLlmBench(results: readonly LlmBenchResult[]): string {
  const main = table(
    ['workload', 'conc.', 'max skew', 'ms/1000 ch', 'requests', 'min req.', 'batch', '429s', 'source chars', 'prompt chars', 'chars/src char', 'prompt tokens', 'tokens/src char', 'completion tokens', 'engine phase', 'floor', 'floor/phase', 'wall', '2nd run req.', '2nd run wall'],
    results.map((r) => [
      `${r.segments} seg × ${r.locales}`,
      String(r.concurrency),
      r.maxSkewMs === undefined ? 'default' : `${r.maxSkewMs} ms`,
      String(r.latencyPer1000Chars),
      String(r.requests),
      String(r.minRequests),
      `${r.batchMin}–${r.batchMax}`,
      String(r.rateLimited),
      String(r.sourceChars),
      String(r.promptChars),
      (r.promptChars / r.sourceChars).toFixed(2),
      String(r.promptTokens),
      (r.promptTokens / r.sourceChars).toFixed(3),
      String(r.completionTokens),
      s(r.engineMs),
      s(r.floorMs),
      pct(r.floorMs / r.engineMs),
      s(r.wallMs),
      String(r.second.requests),
      s(r.second.wallMs),
    ]),
  );
  const targets = table(['target', 'result', 'wanted', 'met'], results.flatMap(llmTargets).map((t) => [t.name, t.value, t.target, t.met ? 'yes' : 'NO']));
  return `${main}\n\n${targets}\n`;
}
