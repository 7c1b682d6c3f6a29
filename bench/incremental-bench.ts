/**
 * Scale: incremental (issue 13). On generated projects (bench/incremental-project.ts: synthetic
 * Russian articles, the TM filled by a first run through a fake engine, then one steady run that
 * records the run manifest), every command runs in a fresh process and is measured by wall time and
 * peak RSS (`/usr/bin/time -f %M`, or the child's own `resourceUsage().maxRSS` for the baseline),
 * alternating with its baseline in the same run, median of `ROUNDS`:
 *
 * - no-change `run` and `check` at 50,000 segments vs reading and parsing every source, TM and
 *   bundle file (the baseline child: readFileSync + decodeText, JSON.parse per TM line, JSON.parse
 *   of key maps, bundles and ledgers) — targets ≤ 2× time and ≤ 2× peak memory;
 * - growth of the no-change `run` from 10,000 to 50,000 segments — target ≤ 5.5×;
 * - no-change `run` on the sample project vs `node -e 0` — target ≤ 2.5×;
 * - one changed source (a sentence added to one paragraph of one article; the other articles'
 *   outcomes come from the per-document cache, src/job/document-cache.ts) at each size vs the same
 *   baseline — target ≤ 2.5× — and its growth from 10,000 to 50,000 segments — target ≤ 5.5×
 *   (the fixed costs, reading the TM and the bundles, grow with the project; the work on keys does not);
 * - for information (no target): the full path of a no-change run (manifest deleted) and a run
 *   after one source changed with no cache at all, each against the same baseline.
 *
 * Usage: npm run build && node dist/bench/incremental-bench.js [--sizes 10000,50000] [--one-change-only]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../src/read/index.js';
import { makeProject } from './incremental-project.js';
import { median, nproc, printTable } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(here, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const ROUNDS = 3;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** No engine key: every run is TM-only and deterministic. */
const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete ENV['DEEPL_AUTH_KEY'];
delete ENV['OPENAI_API_KEY'];
delete ENV['NODE_OPTIONS'];

interface Measure {
  ms: number;
  rssMb: number;
}

/** The baseline child: read and parse every file the project has (sources, key maps, TM, bundles, ledgers). */
function baselineChild(dir: string): void {
  let items = 0;
  const walk = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(folder, e.name)) : [path.join(folder, e.name)]));
  for (const file of [...walk(path.join(dir, 'source')), ...walk(path.join(dir, 'tm')), ...walk(path.join(dir, 'locales'))]) {
    const bytes = readFileSync(file);
    if (file.endsWith('.jsonl')) {
      for (const line of bytes.toString('utf8').split('\n')) if (line !== '') items += JSON.parse(line) === null ? 0 : 1;
    } else if (file.endsWith('.json')) {
      items += Object.keys(JSON.parse(bytes.toString('utf8')) as object).length;
    } else {
      items += decodeText(bytes, file).length;
    }
  }
  console.log(JSON.stringify({ items, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Runs `node args` in `cwd`; wall time and peak RSS of the child. */
function measure(args: string[], cwd: string, okCodes: number[] = [0]): Measure {
  const started = performance.now();
  const result = TIME
    ? spawnSync(TIME, ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8', env: ENV, maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: ENV, maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (!okCodes.includes(result.status ?? -1)) throw new Error(`node ${args.join(' ')} in ${cwd} exited ${result.status}: ${result.stderr}`);
  const fromTime = TIME ? Number(result.stderr.trim().split('\n').pop()) / 1024 : NaN;
  const fromChild = (() => {
    try {
      return (JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as { maxRssMb?: number }).maxRssMb ?? NaN;
    } catch {
      return NaN;
    }
  })();
  return { ms, rssMb: Number.isFinite(fromTime) ? fromTime : fromChild };
}

/** Median time and peak memory of `subject` and `baseline`, alternated `ROUNDS` times. */
function compare(subject: () => Measure, baseline: () => Measure): { subject: Measure; baseline: Measure } {
  const s: Measure[] = [];
  const b: Measure[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    b.push(baseline());
    s.push(subject());
  }
  const med = (list: Measure[]): Measure => ({ ms: median(list.map((m) => m.ms)), rssMb: median(list.map((m) => m.rssMb)) });
  return { subject: med(s), baseline: med(b) };
}

const row = (measure: string, value: number, target: number | undefined, detail: string): string[] => [measure, `${value.toFixed(2)}×`, target === undefined ? '—' : `≤ ${target}×`, target === undefined ? 'info' : value <= target ? 'YES' : 'NO', detail];
const fmt = (m: Measure) => `${(m.ms / 1000).toFixed(2)} s, ${m.rssMb.toFixed(0)} MB`;

async function generated(segments: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), `tilmash-bench-incr-${segments}-`));
  await makeProject(dir, segments);
  measure([CLI, 'run'], dir); // the steady run: proves nothing changed and records the run manifest
  if (!existsSync(path.join(dir, '.tilmash-cache', 'run-manifest.json'))) throw new Error('the steady run recorded no manifest');
  return dir;
}

function sizeRows(dir: string, segments: number, rows: string[][]): Measure {
  const baseline = () => measure([fileURLToPath(import.meta.url), '--baseline', dir], dir);
  const run = compare(() => measure([CLI, 'run'], dir), baseline);
  const check = compare(() => measure([CLI, 'check'], dir), baseline);
  const label = segments.toLocaleString('en-US');
  rows.push(row(`no-change run, ${label} segments: time vs read+parse all files`, run.subject.ms / run.baseline.ms, 2, `${fmt(run.subject)} vs ${fmt(run.baseline)}`));
  rows.push(row(`no-change run, ${label} segments: peak memory vs read+parse`, run.subject.rssMb / run.baseline.rssMb, 2, ''));
  rows.push(row(`no-change check, ${label} segments: time vs read+parse all files`, check.subject.ms / check.baseline.ms, 2, `${fmt(check.subject)} vs ${fmt(check.baseline)}`));
  rows.push(row(`no-change check, ${label} segments: peak memory vs read+parse`, check.subject.rssMb / check.baseline.rssMb, 2, ''));
  return run.subject;
}

/** Information rows: the full path without a manifest, and a run after one source changed. */
function fullPathRows(dir: string, segments: number, rows: string[][]): void {
  const label = segments.toLocaleString('en-US');
  const baseline = measure([fileURLToPath(import.meta.url), '--baseline', dir], dir);
  rmSync(path.join(dir, '.tilmash-cache'), { recursive: true, force: true });
  const full = measure([CLI, 'run'], dir);
  rows.push(row(`full path (manifest deleted), ${label} segments: time vs read+parse`, full.ms / baseline.ms, undefined, `${fmt(full)} vs ${fmt(baseline)}`));
  rmSync(path.join(dir, '.tilmash-cache'), { recursive: true, force: true });
  changeOneSource(dir, 0);
  const changed = measure([CLI, 'run'], dir, [0, 6]); // 6: the new sentence has no translation (no engine)
  rows.push(row(`one source changed, no cache at all, ${label} segments: time vs read+parse`, changed.ms / baseline.ms, undefined, `${fmt(changed)} vs ${fmt(baseline)}`));
}

/** Adds a new sentence to the first paragraph of the `n`-th article (a new sentence each time). */
function changeOneSource(dir: string, n: number): void {
  const names = readdirSync(path.join(dir, 'source')).filter((name) => name.endsWith('.ru.txt')).sort();
  const source = path.join(dir, 'source', names[n % names.length] as string);
  writeFileSync(source, readFileSync(source, 'utf8').replace(/\.\s/u, `. Новое предложение номер ${n + 1}. `));
}

/**
 * One changed source with the per-document cache: each round changes another article, measures
 * `run`, then lets an unmeasured `run` settle the change (so each measured run has exactly one
 * changed source), alternating with the baseline.
 */
function oneChangeRow(dir: string, segments: number, rows: string[][]): Measure {
  let round = 0;
  const result = compare(() => {
    changeOneSource(dir, round++);
    const changed = measure([CLI, 'run'], dir, [0, 6]); // 6: the new sentence has no translation (no engine)
    measure([CLI, 'run'], dir, [0, 6]);
    return changed;
  }, () => measure([fileURLToPath(import.meta.url), '--baseline', dir], dir));
  rows.push(row(`one source changed, ${segments.toLocaleString('en-US')} segments: time vs read+parse`, result.subject.ms / result.baseline.ms, 2.5, `${fmt(result.subject)} vs ${fmt(result.baseline)}`));
  return result.subject;
}

function sampleRow(rows: string[][]): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-bench-incr-sample-'));
  try {
    cpSync(path.join(ROOT, 'tests', 'fixtures', 'sample-project'), dir, { recursive: true });
    symlinkSync(path.join(ROOT, 'src'), path.join(dir, 'src')); // the sample's config imports ./src/config (as the tests' projects do)
    measure([CLI, 'run'], dir); // records the manifest
    const sample = compare(() => measure([CLI, 'run'], dir), () => measure(['-e', '0'], dir));
    rows.push(row('no-change run on the sample vs node -e 0', sample.subject.ms / sample.baseline.ms, 2.5, `${(sample.subject.ms).toFixed(0)} ms vs ${(sample.baseline.ms).toFixed(0)} ms`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = sizesArg > 0 ? (process.argv[sizesArg + 1] as string).split(',').map(Number) : [10_000, 50_000];
  const rows: string[][] = [];
  const oneChangeOnly = process.argv.includes('--one-change-only');
  const runs = new Map<number, Measure>();
  const changes = new Map<number, Measure>();
  const dirs: string[] = [];
  try {
    for (const segments of sizes) {
      const dir = await generated(segments);
      dirs.push(dir);
      const bytes = (folder: string) => readdirSync(path.join(dir, folder), { recursive: true, encoding: 'utf8' }).reduce((n, f) => n + (statSync(path.join(dir, folder, f)).isFile() ? statSync(path.join(dir, folder, f)).size : 0), 0);
      console.error(`${segments} segments: source ${(bytes('source') / 1e6).toFixed(1)} MB, tm ${(bytes('tm') / 1e6).toFixed(1)} MB, locales ${(bytes('locales') / 1e6).toFixed(1)} MB`);
      if (!oneChangeOnly) runs.set(segments, sizeRows(dir, segments, rows));
      changes.set(segments, oneChangeRow(dir, segments, rows));
    }
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    const growth = (what: string, of: Map<number, Measure>) => rows.push(row(`growth of the ${what}, ${small.toLocaleString('en-US')} → ${large.toLocaleString('en-US')} segments`, (of.get(large) as Measure).ms / (of.get(small) as Measure).ms, 5.5, `${large / small}× the segments`));
    if (sizes.length > 1 && !oneChangeOnly) growth('no-change run', runs);
    if (sizes.length > 1) growth('one-changed-source run', changes);
    if (!oneChangeOnly) sampleRow(rows);
    if (!oneChangeOnly) fullPathRows(dirs[dirs.length - 1] as string, large, rows);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  printTable(`Scale: incremental (node ${process.version}, ${nproc()} CPUs, median of ${ROUNDS}, fresh process each)`, ['measure', 'ratio', 'target', 'met', 'measured'], rows);
}

if (process.argv[2] === '--baseline') baselineChild(process.argv[3] as string);
else await main();
