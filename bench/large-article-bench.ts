/**
 * Large inputs (issue 12): one article of 5, 10 and 20 MB through reading and segmentation
 * (`loadDocuments`: decode → blocks → keys → segments), each in a fresh child process, against the
 * baseline of reading the same file (readFileSync + decodeText) in the same run. Prints time and
 * peak memory (max RSS) with their ratios to the baseline.
 *
 * Usage: npm run build && node dist/bench/large-article-bench.js [sizes in MB, default 5 10 20]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../src/config/resolve-config.js';
import { loadDocuments } from '../src/job/load-documents.js';
import { decodeText } from '../src/read/index.js';
import { prng, printTable } from './measure.js';
import { russianSentence } from './synthetic-text.js';

interface Measure {
  ms: number;
  maxRssMb: number;
  segments: number;
}

/** An article of about `mb` MB: a title, then paragraphs of 3–6 sentences. */
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
  mkdirSync(path.join(dir, 'source'), { recursive: true });
  const file = path.join(dir, 'source', 'big.ru.txt');
  writeFileSync(file, parts.join('\n'));
  return file;
}

/** Child role: measure one mode on `dir` and print JSON. */
function child(mode: string, dir: string): void {
  const started = performance.now();
  let segments = 0;
  if (mode === 'read') {
    decodeText(readFileSync(path.join(dir, 'source', 'big.ru.txt')), 'source/big.ru.txt');
  } else {
    const config = resolveConfig({ targets: { en: {} } }, path.join(dir, 'pipeline.config.ts'));
    for (const doc of loadDocuments(config)) if (doc.format === 'text') segments += doc.units.reduce((n, u) => n + ('segments' in u ? (u.segments as unknown[]).length : 0), 0);
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, segments }));
}

function measure(mode: string, dir: string): Measure {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Measure;
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: string[][] = [];
  for (const mb of sizes.length > 0 ? sizes : [5, 10, 20]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-bench-large-'));
    try {
      writeArticle(dir, mb);
      const read = measure('read', dir);
      const load = measure('load', dir);
      rows.push([String(mb), read.ms.toFixed(0), load.ms.toFixed(0), (load.ms / read.ms).toFixed(1), read.maxRssMb.toFixed(0), load.maxRssMb.toFixed(0), (load.maxRssMb / mb).toFixed(1), String(load.segments)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable('Large article: reading + segmentation (loadDocuments) vs reading the file (readFileSync + decodeText), fresh process each', ['MB', 'read ms', 'load ms', 'time ratio', 'read RSS MB', 'load RSS MB', 'load RSS / file size', 'segments'], rows);
}

if (process.argv[2] === '--child') child(process.argv[3] as string, process.argv[4] as string);
else main();
