/**
 * DeepL path throughput benchmark: the whole job (`runJob` + the real DeepL adapter over deepl-node)
 * against the local fake DeepL server with a fixed latency and a sliding-window rate limit.
 *
 * For each workload (N distinct Russian sentences × 3 target locales, nothing in the TM) it measures,
 * each as a ratio to the limit the engine imposes:
 * - the engine phase (first request's arrival to last answer) vs the least time the rate limit allows
 *   for the minimum requests (see `leastWallMs`): "rate used". The job's own time before and after
 *   the engine (reading, planning, QA, writing) is reported separately, not counted against the queue;
 * - translate requests sent vs the least the count/size limits allow (computed from the wire sizes);
 * - characters billed vs the code points of the distinct segments × locales;
 * - 429 answers seen by the server;
 * and then a second run with nothing new (requests must be 0).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../src/config/resolve-config.js';
import { createDeeplEngine, joinContext } from '../src/engine/deepl/deepl-engine.js';
import { DEEPL_LIMITS } from '../src/engine/deepl/deepl-capabilities.js';
import { runJob } from '../src/workflows/run/run-job.js';
import type { JobPlan } from '../src/job/plan-job.js';
import { startFakeDeepl } from '../tests/helpers/fake-deepl-server.js';
import { pick, prng } from './measure.js';

/** The fake server's limits for this benchmark. */
export const LATENCY_MS = 50;
export const RATE_REQUESTS = 10;
export const RATE_PER_MS = 1000;
const AUTH_KEY = 'bench-key';
/** Paragraphs per source document. */
const PARAGRAPHS_PER_DOCUMENT = 100;

export interface DeeplBenchOptions {
  /** Distinct segments per workload. @default [1000, 10000] */
  sizes?: number[];
  /** Engine concurrency written to the config. @default 4 */
  concurrency?: number;
  /** Keep the temp projects (for inspection). @default false */
  keep?: boolean;
  /** Write each workload's server timeline (`deepl-trace-<size>.csv`: ms since the job started, status, texts, bytes) here. */
  traceDir?: string;
}

export interface DeeplBenchResult {
  segments: number;
  locales: number;
  documents: number;
  /** Segments the pipeline found in the sources (must equal `segments`: one per generated sentence). */
  segmentsFound: number;
  concurrency: number;
  /** Code points of the distinct segments × locales. */
  uniqueChars: number;
  /** Least translate requests the count (50) and size (128 KiB) limits allow, from the encoded texts alone. */
  minRequests: number;
  /** Requests the same limits need for the bodies the adapter really sends (texts + joined context). */
  minRequestsWithContext: number;
  /** Translate requests the server received (429s included). */
  requests: number;
  rateLimited: number;
  /** Largest request body the server received, bytes. */
  maxBodyBytes: number;
  /** Segments per accepted request, min and max. */
  batchMin: number;
  batchMax: number;
  billedChars: number;
  /** `leastWallMs(minRequests)`: the least wall time the rate limit and latency allow, ms. */
  minWallMs: number;
  /** runJob, first run, whole job. */
  wallMs: number;
  /** From the first translate request's arrival to the last answer. */
  engineMs: number;
  /** runJob before the first translate request (read, segment, keys, TM open, plan, usage). */
  beforeEngineMs: number;
  /** runJob after the last answer (TM save, bundles, key maps). */
  afterEngineMs: number;
  queueRetries: number;
  second: { requests: number; wallMs: number };
}

// ---------------------------------------------------------------------------------------------
// Deterministic Russian sentences: subject + verb + object + number + place/time (+ a tail).

type Gender = 'm' | 'f' | 'n' | 'p';
const SUBJECTS: Array<[string, Gender]> = [
  ['Министерство финансов Казахстана', 'n'],
  ['Правительство Кыргызстана', 'n'],
  ['Национальный банк Узбекистана', 'm'],
  ['Председатель КНР Си Цзиньпин', 'm'],
  ['Президент Казахстана К.-Ж. Токаев', 'm'],
  ['Аналитики агентства «Рейтинг»', 'p'],
  ['Депутаты парламента', 'p'],
  ['Акимат г. Алматы', 'm'],
  ['Администрация г. Бишкек', 'f'],
  ['Министр энергетики Т. Умаров', 'm'],
  ['Комитет по статистике', 'm'],
  ['Евразийский банк развития', 'm'],
  ['Таможенная служба Таджикистана', 'f'],
  ['Правление АО «Казахстан темир жолы»', 'n'],
  ['Эксперты Всемирного банка', 'p'],
  ['Делегация Туркменистана', 'f'],
  ['Министерство сельского хозяйства', 'n'],
  ['Генеральный директор Н. А. Сейтказиев', 'm'],
  ['Фонд национального благосостояния', 'm'],
  ['Инвесторы из Китая и ЕС', 'p'],
];
const VERBS: Array<Record<Gender, string>> = [
  { m: 'объявил', f: 'объявила', n: 'объявило', p: 'объявили' },
  { m: 'сообщил', f: 'сообщила', n: 'сообщило', p: 'сообщили' },
  { m: 'предложил', f: 'предложила', n: 'предложило', p: 'предложили' },
  { m: 'утвердил', f: 'утвердила', n: 'утвердило', p: 'утвердили' },
  { m: 'одобрил', f: 'одобрила', n: 'одобрило', p: 'одобрили' },
  { m: 'подтвердил', f: 'подтвердила', n: 'подтвердило', p: 'подтвердили' },
  { m: 'запланировал', f: 'запланировала', n: 'запланировало', p: 'запланировали' },
  { m: 'рассмотрел', f: 'рассмотрела', n: 'рассмотрело', p: 'рассмотрели' },
];
/** `#` is replaced by the number and unit. */
const OBJECTS = [
  'выделение # на ремонт дорог',
  'строительство новой железной дороги протяженностью #',
  'программу льготных кредитов на сумму #',
  'закупку зерна в объеме #',
  'инвестиции в энергетику на #',
  'экспорт угля в объеме #',
  'модернизацию аэропорта стоимостью #',
  'соглашение о транзите грузов на #',
  'субсидии фермерам в размере #',
  'открытие школ и больниц на #',
  'повышение зарплат учителям на #',
  'выпуск облигаций на #',
];
const UNITS = ['млрд тенге', 'млн долл.', 'млрд руб.', 'тыс. тонн', 'км', 'млрд юаней', 'млн сомов', 'трлн тенге'];
const PLACES = [
  'в г. Астане',
  'в Туркестанской обл.',
  'на саммите ШОС',
  'в Ташкенте',
  'на заседании правительства',
  'в г. Шымкенте',
  'на форуме в Душанбе',
  'в Мангистауской обл.',
  'в ходе визита в Пекин',
  'в Бишкеке',
];
const TIMES = ['в 2024 г.', 'до конца 2026 г.', 'в первом полугодии', 'к 2030 г.', 'в прошлом году', 'в течение трех лет', 'с 1 января', 'в IV квартале'];
const TAILS = [
  ', т. е. почти вдвое больше, чем годом ранее',
  ', что на 12 % выше прогноза',
  ', сообщает пресс-служба ведомства',
  ', пишет агентство Kazinform',
  ', т. е. больше, чем за предыдущие пять лет',
  ' в рамках госпрограммы «Нурлы жол»',
  ', несмотря на критику со стороны оппозиции',
  ', отмечают в Минэкономики',
];

/** `count` distinct sentences of 60–200 characters, always the same for the same count. */
export function russianSentences(count: number, seed = 20_260_526): string[] {
  const random = prng(seed);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const [subject, gender] = pick(random, SUBJECTS);
    const verb = pick(random, VERBS)[gender];
    const whole = 1 + Math.floor(random() * 999);
    const number = random() < 0.4 ? `${whole},${1 + Math.floor(random() * 9)}` : String(whole);
    const object = pick(random, OBJECTS).replace('#', `${number} ${pick(random, UNITS)}`);
    const parts = [subject, verb, object];
    if (random() < 0.8) parts.push(pick(random, PLACES));
    if (random() < 0.7) parts.push(pick(random, TIMES));
    let sentence = parts.join(' ');
    if (random() < 0.6) sentence += pick(random, TAILS);
    sentence += '.';
    if (sentence.length < 60 || sentence.length > 200 || seen.has(sentence)) continue;
    seen.add(sentence);
    out.push(sentence);
    if (i > count * 50) throw new Error(`cannot make ${count} distinct sentences`);
  }
  return out;
}

/** Sentences into paragraphs of 3–5 sentences, then documents of PARAGRAPHS_PER_DOCUMENT paragraphs. */
export function documentsOf(sentences: readonly string[], seed = 7): string[] {
  const random = prng(seed);
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    const n = 3 + Math.floor(random() * 3);
    paragraphs.push(sentences.slice(i, i + n).join(' '));
    i += n;
  }
  const documents: string[] = [];
  for (let i = 0; i < paragraphs.length; i += PARAGRAPHS_PER_DOCUMENT) {
    documents.push(`${paragraphs.slice(i, i + PARAGRAPHS_PER_DOCUMENT).join('\n\n')}\n`);
  }
  return documents;
}

// ---------------------------------------------------------------------------------------------
// The least number of requests the count and size limits allow, from the bytes deepl-node sends.

/** Bytes of a form body as deepl-node 1.28 encodes it (URLSearchParams, `+` → `%20`). */
function formBytes(params: URLSearchParams): number {
  return Buffer.byteLength(params.toString().replace(/\+/g, '%20'));
}

/**
 * Greedy packing in order under 50 texts and 128 KiB of body, using exact wire sizes. Greedy is
 * optimal for the count limit and for a pure sum of sizes (any packing needs ≥ total ÷ capacity).
 * `withContext`: each request also carries the joined context of its segments (the adapter's own
 * `joinContext`, so the byte budget is the one it applies).
 */
function leastRequests(plan: JobPlan, withContext: boolean): number {
  let requests = 0;
  for (const locale of plan.locales) {
    const fixed = new URLSearchParams({ target_lang: locale.engineLanguage.toLowerCase(), source_lang: 'ru', show_billed_characters: '1' });
    const fixedBytes = formBytes(fixed);
    let count = 0;
    let bytes = fixedBytes;
    let contexts: string[] = [];
    const size = (textBytes: number, ctx: string[]): number => {
      if (!withContext) return textBytes;
      const joined = joinContext(ctx);
      return joined ? textBytes + formBytes(new URLSearchParams({ context: joined })) + 1 : textBytes;
    };
    for (const m of locale.missing) {
      const textBytes = formBytes(new URLSearchParams({ text: m.source })) + 1; // `&text=…`
      const nextContexts = [...contexts, m.context];
      if (count > 0 && (count === DEEPL_LIMITS.maxSegmentsPerRequest || size(bytes + textBytes, nextContexts) > DEEPL_LIMITS.maxRequestBytes)) {
        requests++;
        count = 0;
        bytes = fixedBytes;
        contexts = [];
      }
      count++;
      bytes += textBytes;
      contexts.push(m.context);
    }
    if (count > 0) requests++;
  }
  return requests;
}

/**
 * The least wall time in which the fake server can answer `requests` translate requests, ms.
 * Its sliding window admits RATE_REQUESTS arrivals per RATE_PER_MS (an arrival leaves the window
 * exactly RATE_PER_MS later), so at best the requests arrive in bursts of RATE_REQUESTS at
 * t = 0, RATE_PER_MS, 2·RATE_PER_MS, …; the last burst starts at (⌈requests ÷ RATE_REQUESTS⌉ − 1) ×
 * RATE_PER_MS and is answered LATENCY_MS later. E.g. 60 requests at 10 per 1000 ms with 50 ms
 * latency: 5 × 1000 + 50 = 5050 ms (not 60 ÷ 10 × 1000 = 6000 ms, which the window does not require).
 */
export function leastWallMs(requests: number): number {
  if (requests <= 0) return 0;
  return (Math.ceil(requests / RATE_REQUESTS) - 1) * RATE_PER_MS + LATENCY_MS;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------

async function runWorkload(size: number, concurrency: number, keep: boolean, traceDir: string | undefined): Promise<DeeplBenchResult> {
  const sentences = russianSentences(size);
  const documents = documentsOf(sentences);
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-deepl-bench-'));
  const server = await startFakeDeepl({
    latencyMs: LATENCY_MS,
    rateLimit: { requests: RATE_REQUESTS, perMs: RATE_PER_MS, retryAfterSeconds: 1 },
    characterLimit: 1e12,
    authKey: AUTH_KEY,
  });
  try {
    const configObject = {
      targets: { en: {}, kk: {}, zh: {} },
      // The fixed cap equals the server's limit; only concurrency is tuned (the default adaptive rate: deepl-rate-bench.ts).
      engine: { rate: 'fixed', requestsPerInterval: RATE_REQUESTS, intervalMs: RATE_PER_MS, concurrency },
    };
    const configFile = path.join(dir, 'pipeline.config.ts');
    writeFileSync(configFile, `export default ${JSON.stringify(configObject, null, 2)};\n`);
    mkdirSync(path.join(dir, 'source'));
    documents.forEach((text, i) => writeFileSync(path.join(dir, 'source', `doc${String(i).padStart(3, '0')}.ru.txt`), text));
    const config = resolveConfig(configObject, configFile);
    const locales = config.targets.length;

    const translateRequests = () => server.requests.filter((r) => r.path === '/v2/translate');
    const run = async (onPlan?: (plan: JobPlan) => void) => {
      const engine = createDeeplEngine({ authKey: AUTH_KEY, serverUrl: server.url, timeoutMs: config.engine.timeoutMs });
      const start = performance.now();
      try {
        const report = await runJob({ config, engine, ...(onPlan ? { onPlan } : {}) });
        return { report, start, end: performance.now() };
      } finally {
        engine.close();
      }
    };

    let plan: JobPlan | undefined;
    const first = await run((p) => (plan = p));
    if (!plan) throw new Error('runJob did not report its plan');
    if (first.report.failure) throw new Error(`first run failed: ${first.report.failure.message}`);
    const sent = translateRequests();
    const segmentsFound = plan.locales[0]?.segments ?? 0;
    if (segmentsFound !== size) {
      const found = new Set(plan.locales[0]?.missing.map((m) => m.source));
      const lost = sentences.filter((s) => !found.has(s)).slice(0, 3);
      throw new Error(`segmentation: expected ${size} segments, found ${segmentsFound}; e.g. not found: ${JSON.stringify(lost)}`);
    }
    const missing = first.report.locales.reduce((n, l) => n + l.missing, 0);
    if (missing > 0) throw new Error(`first run left ${missing} segments untranslated`);

    const accepted = sent.filter((r) => r.status === 200);
    const batchSizes = accepted.map((r) => (r.form.text as string[]).length);
    const firstAt = Math.min(...sent.map((r) => r.at));
    const lastAt = Math.max(...sent.map((r) => r.at)) + LATENCY_MS;
    const uniqueChars = sentences.reduce((n, s) => n + codePoints(s), 0) * locales;
    const minRequests = leastRequests(plan, false);

    if (traceDir !== undefined) {
      const rows = sent.map((r) => `${(r.at - first.start).toFixed(1)},${r.status},${(r.form.text as string[]).length},${r.bodyBytes}`);
      writeFileSync(path.join(traceDir, `deepl-trace-${size}.csv`), `at_ms,status,texts,body_bytes\n${rows.join('\n')}\n`);
    }
    const before = translateRequests().length;
    const second = await run();
    const secondRequests = translateRequests().length - before;

    return {
      segments: size,
      locales,
      documents: documents.length,
      segmentsFound,
      concurrency,
      uniqueChars,
      minRequests,
      minRequestsWithContext: leastRequests(plan, true),
      requests: sent.length,
      rateLimited: sent.filter((r) => r.status === 429).length,
      maxBodyBytes: Math.max(...sent.map((r) => r.bodyBytes)),
      batchMin: Math.min(...batchSizes),
      batchMax: Math.max(...batchSizes),
      billedChars: server.billedCharacters(),
      minWallMs: leastWallMs(minRequests),
      wallMs: first.end - first.start,
      engineMs: lastAt - firstAt,
      beforeEngineMs: firstAt - first.start,
      afterEngineMs: first.end - lastAt,
      queueRetries: first.report.requests?.reduce((n, q) => n + q.retries, 0) ?? 0,
      second: { requests: secondRequests, wallMs: second.end - second.start },
    };
  } finally {
    await server.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

export async function runDeeplBench(options: DeeplBenchOptions = {}): Promise<DeeplBenchResult[]> {
  const results: DeeplBenchResult[] = [];
  for (const size of options.sizes ?? [1000, 10_000]) {
    console.error(`deepl: ${size} segments × 3 locales…`);
    results.push(await runWorkload(size, options.concurrency ?? 4, options.keep ?? false, options.traceDir));
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Whether each result meets the targets. */
export function deeplTargets(r: DeeplBenchResult): Array<{ name: string; value: string; target: string; met: boolean }> {
  const rateUsed = r.minWallMs / r.engineMs;
  const extra = r.requests / r.minRequests - 1;
  const billed = r.billedChars / r.uniqueChars;
  const w = `${r.segments} × ${r.locales}`;
  return [
    { name: `${w}: rate used`, value: pct(rateUsed), target: '≥ 90 %', met: rateUsed >= 0.9 },
    { name: `${w}: requests vs minimum`, value: `${r.requests} / ${r.minRequests} (+${pct(extra)})`, target: '≤ +5 %', met: extra <= 0.05 },
    { name: `${w}: billed vs unique chars`, value: `${billed.toFixed(4)}×`, target: '= 1.00', met: r.billedChars === r.uniqueChars },
    { name: `${w}: 429s`, value: String(r.rateLimited), target: '0', met: r.rateLimited === 0 },
    { name: `${w}: second run requests`, value: String(r.second.requests), target: '0', met: r.second.requests === 0 },
  ];
}

/**
 * Markdown tables: the measurements, then the targets. "min wall" = `leastWallMs(minimum requests)`;
 * "rate used" = min wall ÷ engine phase; "pacing" = `leastWallMs(requests actually sent)` ÷ engine
 * phase, i.e. how well the queue used the rate for the requests it chose to send (separates pacing
 * from batching). "wall" is the whole job; the engine phase is in the second table.
 * Both divide by the whole job's wall, so the time outside the engine phase counts against them.
 */
export function formatDeeplBench(results: readonly DeeplBenchResult[]): string {
  const main = table(
    ['workload', 'conc.', 'wall', 'min wall', 'rate used', 'pacing', 'requests', 'min req.', 'req. ratio', '429s', 'billed chars', 'unique chars', 'billed ratio', '2nd run req.', '2nd run wall'],
    results.map((r) => [
      `${r.segments} seg × ${r.locales}`,
      String(r.concurrency),
      s(r.wallMs),
      s(r.minWallMs),
      pct(r.minWallMs / r.engineMs),
      pct(leastWallMs(r.requests) / r.engineMs),
      String(r.requests),
      String(r.minRequests),
      `${(r.requests / r.minRequests).toFixed(3)}×`,
      String(r.rateLimited),
      String(r.billedChars),
      String(r.uniqueChars),
      `${(r.billedChars / r.uniqueChars).toFixed(4)}×`,
      String(r.second.requests),
      s(r.second.wallMs),
    ]),
  );
  const detail = table(
    ['workload', 'docs', 'segments found', 'before engine', 'engine phase', 'after engine', 'queue retries', 'batch size min–max', 'max body', 'min req. incl. context'],
    results.map((r) => [
      `${r.segments} seg × ${r.locales}`,
      String(r.documents),
      String(r.segmentsFound),
      s(r.beforeEngineMs),
      s(r.engineMs),
      s(r.afterEngineMs),
      String(r.queueRetries),
      `${r.batchMin}–${r.batchMax}`,
      `${(r.maxBodyBytes / 1024).toFixed(1)} KiB`,
      String(r.minRequestsWithContext),
    ]),
  );
  const targets = table(
    ['target', 'result', 'wanted', 'met'],
    results.flatMap(deeplTargets).map((t) => [t.name, t.value, t.target, t.met ? 'yes' : 'NO']),
  );
  return `${main}\n\n${detail}\n\n${targets}\n`;
}
