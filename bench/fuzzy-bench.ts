/**
 * Fuzzy TM benchmark at N synthetic sources (10^5, 10^6), each size in its own child process
 * (`--expose-gc`, a large heap), like tm-bench.ts. Queries: edited TM sources (1–5 word edits, most
 * above the threshold) and fresh sentences (mostly below), at the default threshold 0.75, limit 3.
 *
 * Approaches, measured in the same child on the same queries:
 * - `GramIndex` (src/tm/gram-index.ts): typed-array trigram postings, rarest first, posting budget;
 * - `GramIndex` with no budget: the exact count filter over every query trigram (lossless);
 * - at 10^5 only: the old `FuzzyIndex` (JS arrays per trigram, multiset counts) and brute force
 *   (every source of a possible length through the banded Levenshtein);
 * - the on-disk cache (src/tm/fuzzy-cache.ts): write and load of the same index.
 * Recall: the share of queries with a match above the threshold whose top 3 equal the lossless
 * answer's (which brute force equals, checked at 10^5).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boundedLevenshtein, foldForMatch } from '../src/tm/fuzzy-distance.js';
import { FuzzyIndex, type FuzzyMatch } from '../src/tm/fuzzy-match.js';
import { GramIndex, type GramIndexOptions } from '../src/tm/gram-index.js';
import { readGramIndexFile, writeGramIndexFile } from '../src/tm/gram-index-file.js';
import { fullGc, heapUsedAfterGc, median, now, prng, time } from './measure.js';
import { editedSentence, russianSentence } from './synthetic-text.js';

const THRESHOLD = 0.75;
const LIMIT = 3;

export interface ApproachResult {
  approach: string;
  buildMs: number;
  /** Bytes the index holds (heap + array buffers after GC, minus before). */
  memoryBytes: number;
  p50Ms: number;
  p95Ms: number;
  queries: number;
  /** Share of above-threshold queries whose top 3 equal the lossless answer (undefined: it is the reference). */
  recall: number | undefined;
}

export interface FuzzyResult {
  entries: number;
  aboveThreshold: number;
  approaches: ApproachResult[];
  cacheWriteMs: number;
  cacheLoadMs: number;
  cacheBytes: number;
}

function sources(count: number, seed: number): string[] {
  const random = prng(seed);
  const unique = new Set<string>();
  while (unique.size < count) unique.add(russianSentence(random));
  return [...unique].sort();
}

function queries(all: readonly string[], count: number, seed: number): string[] {
  const random = prng(seed);
  const out: string[] = [];
  while (out.length < count) {
    if (random() < 0.8) out.push(editedSentence(random, all[Math.floor(random() * all.length)] as string));
    else out.push(russianSentence(random));
  }
  return out;
}

async function memoryNow(): Promise<number> {
  const heap = await heapUsedAfterGc();
  return heap + process.memoryUsage().arrayBuffers;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function same(a: readonly FuzzyMatch[], b: readonly FuzzyMatch[]): boolean {
  return a.length === b.length && a.every((m, i) => m.source === b[i]?.source && m.similarity === b[i]?.similarity);
}

/** Times each query; returns the answers and the per-query milliseconds. */
function answer(best: (q: string) => FuzzyMatch[], qs: readonly string[]): { answers: FuzzyMatch[][]; ms: number[] } {
  const answers: FuzzyMatch[][] = [];
  const ms: number[] = [];
  for (const q of qs) {
    const t = time(() => best(q));
    answers.push(t.value);
    ms.push(t.ms);
  }
  return { answers, ms };
}

function recallOf(answers: readonly FuzzyMatch[][], reference: readonly FuzzyMatch[][]): number {
  let above = 0;
  let equal = 0;
  reference.forEach((ref, i) => {
    if (ref.length === 0) return;
    above++;
    if (same(answers[i] as FuzzyMatch[], ref)) equal++;
  });
  return above === 0 ? 1 : equal / above;
}

/**
 * Brute force: every source of a possible length through the banded Levenshtein (folded texts made
 * once), which scores exactly as `similarity` does for every pair at or above the threshold.
 */
function bruteForce(all: readonly string[]): (q: string) => FuzzyMatch[] {
  const folded = all.map(foldForMatch);
  return (q) => {
    const nq = q.normalize('NFC');
    const fq = foldForMatch(q);
    const found: FuzzyMatch[] = [];
    for (let i = 0; i < all.length; i++) {
      const candidate = folded[i] as string;
      const longest = Math.max(fq.length, candidate.length);
      if (Math.min(fq.length, candidate.length) < THRESHOLD * longest - 1e-9 || all[i] === nq) continue;
      const distance = boundedLevenshtein(fq, candidate, Math.floor((1 - THRESHOLD) * longest + 1e-9));
      const value = Math.min(0.99, 1 - distance / longest);
      if (value >= THRESHOLD) found.push({ source: all[i] as string, similarity: value });
    }
    found.sort((x, y) => y.similarity - x.similarity || (x.source < y.source ? -1 : x.source > y.source ? 1 : 0));
    return found.slice(0, LIMIT);
  };
}

interface Built {
  best: (q: string) => FuzzyMatch[];
  buildMs: number;
  memoryBytes: number;
  keep: unknown;
}

async function buildMeasured(make: () => { best: (q: string) => FuzzyMatch[]; keep: unknown }): Promise<Built> {
  fullGc();
  const before = await memoryNow();
  const t = time(make);
  const after = await memoryNow();
  return { ...t.value, buildMs: t.ms, memoryBytes: after - before };
}

function gram(all: readonly string[], options: GramIndexOptions): () => { best: (q: string) => FuzzyMatch[]; keep: unknown } {
  return () => {
    const index = GramIndex.build(all, options);
    return { best: (q) => index.best(q, { threshold: THRESHOLD, limit: LIMIT }), keep: index };
  };
}

async function measure(count: number): Promise<FuzzyResult> {
  const log = (message: string): void => console.error(`  fuzzy ${count}: ${message}`);
  const all = sources(count, 0xf0 + count);
  const qs = queries(all, count >= 1_000_000 ? 200 : 200, 0xabc);
  log('sources ready');
  const approaches: ApproachResult[] = [];
  let reference: FuzzyMatch[][] | undefined;
  const run = async (approach: string, make: () => { best: (q: string) => FuzzyMatch[]; keep: unknown }, subset = qs): Promise<Built> => {
    const built = await buildMeasured(make);
    const { answers, ms } = answer(built.best, subset);
    const recall = reference === undefined ? undefined : recallOf(answers, reference.slice(0, subset.length));
    if (reference === undefined) reference = answers;
    approaches.push({ approach, buildMs: built.buildMs, memoryBytes: built.memoryBytes, p50Ms: median(ms), p95Ms: percentile(ms, 0.95), queries: subset.length, recall });
    log(`${approach} done`);
    return built;
  };
  await run('GramIndex, no budget (lossless)', gram(all, { postingBudget: Infinity, shortList: Infinity }));
  const kept = await run('GramIndex (default budget)', gram(all, {}));
  if (count <= 100_000) {
    await run('FuzzyIndex (old)', () => {
      const index = new FuzzyIndex(all);
      return { best: (q) => index.best(q, { threshold: THRESHOLD, limit: LIMIT }), keep: index };
    });
    await run('brute force', () => ({ best: bruteForce(all), keep: undefined }), qs.slice(0, 40));
  }
  const cache = await cacheTimes(kept.keep as GramIndex, all);
  const aboveThreshold = (reference as unknown as FuzzyMatch[][]).filter((r) => r.length > 0).length;
  return { entries: count, aboveThreshold, approaches, ...cache };
}

async function cacheTimes(index: GramIndex, all: readonly string[]): Promise<{ cacheWriteMs: number; cacheLoadMs: number; cacheBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tilmash-bench-fuzzy-'));
  try {
    const file = join(dir, 'index.bin');
    const start = now();
    const cacheBytes = writeGramIndexFile(file, index.data, 'bench-key');
    const cacheWriteMs = now() - start;
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = now();
      const data = readGramIndexFile(file, 'bench-key', all.length);
      if (data === undefined) throw new Error('the cache written was not read back');
      new GramIndex(all, data);
      loads.push(now() - t0);
    }
    return { cacheWriteMs, cacheLoadMs: median(loads), cacheBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RESULT_PREFIX = 'FUZZY_BENCH_RESULT ';

/** Runs the fuzzy benchmark for `count` sources in a child process with its own heap. */
export function runFuzzyBench(count: number): Promise<FuzzyResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=6144', script, '--child', String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => (out += data));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) reject(new Error(`fuzzy benchmark child (${count}) exited with ${code}:\n${out}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as FuzzyResult);
    });
  });
}

if (process.argv[2] === '--child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  measure(Number(process.argv[3])).then(
    (result) => console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
