/**
 * Translation-memory benchmark at N synthetic entries (10^5, 10^6).
 *
 * Each size runs in its own child process (`node --expose-gc --max-old-space-size=…`), so one size's
 * heap never distorts another's. The child writes a synthetic, canonical `ru-en.jsonl` (lines sorted
 * by source, keys in `TmEntry` order) into a temp dir, then measures, alternating subject and
 * baseline:
 *
 * - load: `TranslationMemory.open` vs the raw baseline `readFileSync` + `split('\n')` +
 *   `JSON.parse` per line into a `Map` (no validation);
 * - exact lookups (half hits, half misses, shuffled) via `tm.lookup('en', s)` vs a bare
 *   `Map.get` on a `Map` holding the same entries;
 * - heap used after load (after forced GC) minus the heap before load, per entry, for both.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TranslationMemory, type TmEntry } from '../src/tm/index.js';
import { fullGc, heapUsedAfterGc, median, now, prng, time, timeAsync } from './measure.js';
import { englishSentence, russianSentence } from './synthetic-text.js';

export interface TmResult {
  entries: number;
  fileBytes: number;
  /** Median milliseconds of `TranslationMemory.open`. */
  loadMs: number;
  /** Median milliseconds of the raw readFileSync + split + JSON.parse baseline. */
  baselineLoadMs: number;
  loadRounds: number;
  /** Exact lookups per second through `TranslationMemory.lookup`. */
  lookupsPerSec: number;
  /** `Map.get` per second on the same keys. */
  mapGetsPerSec: number;
  lookupKeys: number;
  /** Heap growth in bytes from loading the TM (after forced GC). */
  tmHeapBytes: number;
  /** Heap growth in bytes of the baseline's `Map<source, parsed object>`. */
  baselineHeapBytes: number;
  /** Whether the baseline had to decode the file in pieces (it is longer than one V8 string). */
  baselineChunked: boolean;
  /** Milliseconds of `save()` after recording one new entry (it re-reads the file to merge). */
  saveMs: number;
}

const ORIGINS = ['engine:deepl', 'engine:deepl', 'engine:deepl', 'engine:deepl', 'human', 'import:tmx'];

/** Writes a canonical TM file of `count` unique entries; returns the sources and the file size. */
function writeSyntheticTm(file: string, count: number, seed: number): { sources: string[]; bytes: number } {
  const random = prng(seed);
  const unique = new Set<string>();
  while (unique.size < count) unique.add(russianSentence(random));
  const sources = [...unique].sort(); // UTF-16 code-unit order, as the TM writes it
  unique.clear();
  // ~1000 batches: timestamps repeat as they do in a real TM.
  const stamps = Array.from({ length: 1000 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 * 7).toISOString());
  const fd = openSync(file, 'w');
  let bytes = 0;
  let chunk: string[] = [];
  const flush = (): void => {
    const text = `${chunk.join('\n')}\n`;
    bytes += writeSync(fd, text);
    chunk = [];
  };
  for (const source of sources) {
    const origin = ORIGINS[Math.floor(random() * ORIGINS.length)] as string;
    const status = origin === 'human' ? (random() < 0.5 ? 'translated' : 'reviewed') : random() < 0.9 ? 'machine' : 'needs-review';
    const created = stamps[Math.floor(random() * stamps.length)] as string;
    const changed = random() < 0.9 ? created : (stamps[Math.floor(random() * stamps.length)] as string);
    const entry: TmEntry = {
      source,
      target: englishSentence(random, Math.round(source.length * (0.8 + random() * 0.3))),
      origin,
      status,
      created,
      changed,
    };
    chunk.push(JSON.stringify(entry));
    if (chunk.length >= 10_000) flush();
  }
  if (chunk.length > 0) flush();
  closeSync(fd);
  return { sources, bytes };
}

/**
 * The raw baseline: read, split into lines, `JSON.parse` each, index by source. A file longer than
 * the longest V8 string is decoded in pieces cut at line ends (same work, no validation).
 */
function baselineLoad(file: string): { map: Map<string, TmEntry>; chunked: boolean } {
  const map = new Map<string, TmEntry>();
  const addLines = (text: string): void => {
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const entry = JSON.parse(line) as TmEntry;
      map.set(entry.source, entry);
    }
  };
  const buf = readFileSync(file);
  // A two-byte string (Cyrillic) may hold at most MAX_STRING_LENGTH UTF-16 units; bytes ≥ units.
  if (buf.length < bufferConstants.MAX_STRING_LENGTH) {
    addLines(buf.toString('utf8'));
    return { map, chunked: false };
  }
  const piece = 64 << 20;
  let start = 0;
  while (start < buf.length) {
    let end = Math.min(buf.length, start + piece);
    if (end < buf.length) end = buf.indexOf(10, end) + 1 || buf.length;
    addLines(buf.toString('utf8', start, end));
    start = end;
  }
  return { map, chunked: true };
}

/** Keys for the lookup benchmark: half existing sources (fresh string copies), half misses, shuffled. */
function lookupKeys(sources: readonly string[], count: number, seed: number): { keys: string[]; hits: number } {
  const random = prng(seed);
  const present = new Set(sources);
  const keys: string[] = [];
  let hits = 0;
  while (keys.length < count) {
    if (random() < 0.5) {
      const source = sources[Math.floor(random() * sources.length)] as string;
      keys.push(` ${source}`.slice(1)); // a distinct string object, as a segmenter would produce
      hits++;
    } else {
      const miss = russianSentence(random);
      if (!present.has(miss)) keys.push(miss);
    }
  }
  return { keys, hits };
}

function countGets(map: Map<string, TmEntry>, keys: readonly string[], passes: number): number {
  let found = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < keys.length; i++) if (map.get(keys[i] as string) !== undefined) found++;
  }
  return found;
}

function countLookups(tm: TranslationMemory, keys: readonly string[], passes: number): number {
  let found = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < keys.length; i++) if (tm.lookup('en', keys[i] as string) !== undefined) found++;
  }
  return found;
}

/** Heap growth of the baseline's map (forced GC before and after, map held meanwhile). */
async function baselineHeapBytes(file: string, count: number): Promise<{ bytes: number; chunked: boolean }> {
  const before = await heapUsedAfterGc();
  const loaded = baselineLoad(file);
  const after = await heapUsedAfterGc();
  if (loaded.map.size !== count) throw new Error(`baseline loaded ${loaded.map.size} of ${count} entries`);
  return { bytes: after - before, chunked: loaded.chunked };
}

async function tmHeapBytesOf(dir: string, count: number): Promise<number> {
  const before = await heapUsedAfterGc();
  const tm = await TranslationMemory.open(dir, 'ru');
  const after = await heapUsedAfterGc();
  if (tm.size('en') !== count) throw new Error(`TM loaded ${tm.size('en')} of ${count} entries`);
  return after - before;
}

function timeBaselineLoad(file: string, count: number): number {
  fullGc();
  const { ms, value } = time(() => baselineLoad(file));
  if (value.map.size !== count) throw new Error(`baseline loaded ${value.map.size} of ${count} entries`);
  return ms;
}

async function timeTmLoad(dir: string, count: number): Promise<number> {
  fullGc();
  const { ms, value } = await timeAsync(() => TranslationMemory.open(dir, 'ru'));
  if (value.size('en') !== count) throw new Error(`TM loaded ${value.size('en')} of ${count} entries`);
  return ms;
}

/** `save()` after one `record()`: the merge re-reads the pair from disk, then rewrites it. */
async function timeSaveOfOne(tm: TranslationMemory): Promise<number> {
  const stamp = '2026-12-01T00:00:00.000Z';
  await tm.record('en', [{ source: 'Новая строка для замера сохранения.', target: 'A new line.', origin: 'human', status: 'translated', created: stamp, changed: stamp }]);
  fullGc();
  return (await timeAsync(() => tm.save())).ms;
}

/** The measurement itself; runs inside the child process. */
async function measure(count: number): Promise<TmResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tilmash-bench-tm-'));
  const t0 = now();
  const log = (message: string): void => console.error(`  tm ${count}: ${message}`);
  try {
    const file = join(dir, 'ru-en.jsonl');
    let generated: { sources: string[]; bytes: number } | undefined = writeSyntheticTm(file, count, 0x5eed + count);
    const fileBytes = generated.bytes;
    const { keys, hits } = lookupKeys(generated.sources, 200_000, 0xbeef);
    generated = undefined;

    // Heap first, each in its own function so no stale reference to an earlier load survives in
    // this (async, suspended) frame: only the keys are live before each measurement.
    const baselineHeap = await baselineHeapBytes(file, count);
    const tmHeapBytes = await tmHeapBytesOf(dir, count);
    log(`heap measured at ${((now() - t0) / 1000).toFixed(1)} s`);

    const loadRounds = count >= 1_000_000 ? 3 : 5;
    const loadMs: number[] = [];
    const baselineMs: number[] = [];
    for (let round = 0; round < loadRounds; round++) {
      // Baseline first in even rounds, TM first in odd rounds.
      if (round % 2 === 0) {
        baselineMs.push(timeBaselineLoad(file, count));
        loadMs.push(await timeTmLoad(dir, count));
      } else {
        loadMs.push(await timeTmLoad(dir, count));
        baselineMs.push(timeBaselineLoad(file, count));
      }
    }
    log(`loads timed at ${((now() - t0) / 1000).toFixed(1)} s`);
    fullGc();
    const tm = await TranslationMemory.open(dir, 'ru');

    log(`loads done at ${((now() - t0) / 1000).toFixed(1)} s`);
    // The bare Map holds the very same entries (same key strings), built in file order like the TM.
    const bare = new Map<string, TmEntry>();
    for (const entry of tm.entries('en')) bare.set(entry.source, entry);
    // Calibrate passes so each timed sample takes ≥ ~150 ms.
    countGets(bare, keys, 1);
    countLookups(tm, keys, 1);
    const probe = time(() => countGets(bare, keys, 1)).ms;
    const passes = Math.max(1, Math.ceil(150 / Math.max(probe, 1)));
    const mapRates: number[] = [];
    const tmRates: number[] = [];
    for (let round = 0; round < 7; round++) {
      const a = time(() => countGets(bare, keys, passes));
      const b = time(() => countLookups(tm as TranslationMemory, keys, passes));
      if (a.value !== hits * passes || b.value !== hits * passes) {
        throw new Error(`lookup hits ${a.value}/${b.value}, expected ${hits * passes}`);
      }
      mapRates.push((keys.length * passes) / (a.ms / 1000));
      tmRates.push((keys.length * passes) / (b.ms / 1000));
    }
    const saveMs = await timeSaveOfOne(tm);
    log(`save after one record: ${saveMs.toFixed(0)} ms (open ${median(loadMs).toFixed(0)} ms)`);
    return {
      saveMs,
      entries: count,
      fileBytes,
      loadMs: median(loadMs),
      baselineLoadMs: median(baselineMs),
      loadRounds,
      lookupsPerSec: median(tmRates),
      mapGetsPerSec: median(mapRates),
      lookupKeys: keys.length,
      tmHeapBytes,
      baselineHeapBytes: baselineHeap.bytes,
      baselineChunked: baselineHeap.chunked,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RESULT_PREFIX = 'TM_BENCH_RESULT ';

/** Runs the TM benchmark for `count` entries in a child process with its own heap. */
export function runTmBench(count: number): Promise<TmResult> {
  const script = fileURLToPath(import.meta.url);
  const heapMb = count >= 1_000_000 ? 6144 : 2048;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${heapMb}`, script, '--child', String(count)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => (out += data));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`TM benchmark child (${count} entries) exited with ${code}:\n${out}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as TmResult);
    });
  });
}

if (process.argv[2] === '--child' && process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[3]);
  const start = now();
  measure(count).then(
    (result) => {
      console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
      console.error(`  tm ${count}: done in ${((now() - start) / 1000).toFixed(1)} s`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
