/**
 * Large inputs (issue 12): one article of 5, 10 and 20 MB through reading and segmentation
 * (`loadDocuments`: read → decode → line rules → blocks → page classes → keys → segments), each
 * measurement in a fresh child process, against two baselines measured in the same run:
 * - reading the same file plainly (readFileSync + toString + split('\n')): time per MB as a ratio;
 * - an empty run (the same `loadDocuments` child on a one-sentence article): its peak RSS is what
 *   Node, the modules and the config cost before any article, subtracted from each size's peak.
 * Each measurement is repeated (default 3 rounds, alternating baseline and subject); times are the
 * minimum of the rounds (the least disturbed by other processes), RSS the median.
 *
 * Targets (printed with YES/NO): time grows linearly (20 MB ÷ 5 MB ≤ 4.4×), and peak RSS above
 * the empty run ≤ 8× the file size at every size.
 *
 * Usage: npm run build && node dist/bench/large-article-bench.js [--rounds N] [sizes in MB, default 5 10 20]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config/resolve-config.js';
import { loadDocuments } from '../src/job/load-documents.js';
import { median, prng, printTable } from './measure.js';
import { russianSentence } from './synthetic-text.js';

const LINEAR_TARGET = 4.4;
const RSS_TARGET = 8;

interface Measure {
  ms: number;
  maxRssMb: number;
  segments: number;
}

/** An article of about `mb` MB (`mb` 0: one sentence): a title, then paragraphs of 3–6 sentences. */
function writeArticle(dir: string, mb: number): string {
  const random = prng(42);
  const parts: string[] = ['Большая статья для замера\n'];
  let bytes = 0;
  while (bytes < mb * 1024 * 1024) {
    const sentences = Array.from({ length: 3 + Math.floor(random() * 4) }, () => russianSentence(random));
    const paragraph = `${sentences.join(' ')}\n`;
    parts.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 1;
  }
  if (mb === 0) parts.push('Короткая статья из одного предложения.\n');
  mkdirSync(path.join(dir, 'source'), { recursive: true });
  const file = path.join(dir, 'source', 'big.ru.txt');
  writeFileSync(file, parts.join('\n'));
  return file;
}

/** Child role: measure one mode on `dir` and print JSON. Modules are loaded before the clock starts. */
function child(mode: string, dir: string): void {
  const started = performance.now();
  let segments = 0;
  if (mode === 'read') {
    segments = readFileSync(path.join(dir, 'source', 'big.ru.txt')).toString('utf8').split('\n').length;
  } else {
    const config = resolveConfig({ targets: { en: {} } }, path.join(dir, 'pipeline.config.ts'));
    for (const doc of loadDocuments(config)) if (doc.format === 'text') for (const unit of doc.units) segments += unit.type === 'block' ? unit.segments.length : 0;
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, segments }));
}

function measure(mode: string, dir: string): Measure {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measure;
}

/** `rounds` alternating measurements of read and load: minimum times, median RSS. */
function measureSize(dir: string, rounds: number): { read: Measure; load: Measure } {
  const reads: Measure[] = [];
  const loads: Measure[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) reads.push(measure('read', dir));
    loads.push(measure('load', dir));
    if (r % 2 === 1) reads.push(measure('read', dir));
  }
  const summary = (all: Measure[]): Measure => ({
    ms: Math.min(...all.map((m) => m.ms)),
    maxRssMb: median(all.map((m) => m.maxRssMb)),
    segments: all[0]?.segments ?? 0,
  });
  return { read: summary(reads), load: summary(loads) };
}

function withArticle<T>(mb: number, fn: (dir: string, fileMb: number) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-bench-large-'));
  try {
    const file = writeArticle(dir, mb);
    return fn(dir, statSync(file).size / (1024 * 1024));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const yes = (ok: boolean): string => (ok ? 'YES' : 'NO');

function main(): void {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Math.max(1, Number(args.splice(roundsAt, 2)[1])) : 3;
  const picked = args.map(Number).filter((n) => n > 0);
  const sizes = picked.length > 0 ? picked : [5, 10, 20];
  const empty = withArticle(0, (dir) => median(Array.from({ length: rounds }, () => measure('load', dir).maxRssMb)));
  const rows: string[][] = [];
  const results: Array<{ mb: number; loadMs: number; rssPerMb: number }> = [];
  for (const mb of sizes) {
    withArticle(mb, (dir, fileMb) => {
      const { read, load } = measureSize(dir, rounds);
      const rssPerMb = (load.maxRssMb - empty) / fileMb;
      results.push({ mb, loadMs: load.ms, rssPerMb });
      rows.push([fileMb.toFixed(1), read.ms.toFixed(0), load.ms.toFixed(0), (load.ms / fileMb).toFixed(0), (load.ms / read.ms).toFixed(1), read.maxRssMb.toFixed(0), load.maxRssMb.toFixed(0), (load.maxRssMb - empty).toFixed(0), rssPerMb.toFixed(1), String(load.segments)]);
    });
  }
  printTable(
    `Large article: loadDocuments (read, decode, line rules, blocks, page classes, keys, segments) vs reading the file (readFileSync + toString + split), fresh process each, ${rounds} rounds (min time, median RSS); empty run peak RSS ${empty.toFixed(0)} MB`,
    ['MB', 'read ms', 'load ms', 'load ms/MB', 'load ÷ read', 'read RSS MB', 'load RSS MB', 'load RSS − empty MB', '(RSS − empty) ÷ MB', 'segments'],
    rows,
  );
  printTargets(results);
}

function printTargets(results: ReadonlyArray<{ mb: number; loadMs: number; rssPerMb: number }>): void {
  const rows: string[][] = [];
  const smallest = results[0];
  const largest = results.at(-1);
  if (smallest && largest && largest.mb > smallest.mb) {
    const ratio = largest.loadMs / smallest.loadMs;
    const limit = (LINEAR_TARGET * largest.mb) / (4 * smallest.mb);
    rows.push([`time ${largest.mb} MB ÷ ${smallest.mb} MB (linear: ${(largest.mb / smallest.mb).toFixed(1)})`, `${ratio.toFixed(2)}×`, `≤ ${limit.toFixed(2)}×`, yes(ratio <= limit)]);
  }
  for (const { mb, rssPerMb } of results) rows.push([`peak RSS above the empty run, ${mb} MB`, `${rssPerMb.toFixed(1)}× file size`, `≤ ${RSS_TARGET}×`, yes(rssPerMb <= RSS_TARGET)]);
  printTable('Large article targets', ['target', 'value', 'target', 'met'], rows);
}

if (process.argv[2] === '--child') child(process.argv[3] as string, process.argv[4] as string);
else main();
