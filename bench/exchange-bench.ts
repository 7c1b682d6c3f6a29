/**
 * Issue 13's exchange target: `xliff export -l kk` and `review` on a project of about 1,000 keys
 * whose TM holds 10^5 entries per locale, each ≤ 5 s, with `status` on the same project measured
 * in the same run as the baseline. The project is bench/incremental-project.ts's (synthetic Russian,
 * the TM filled by a fake engine, every entry `machine`, so the export carries every segment with its
 * fuzzy matches); the extra TM entries are edited copies of the project's sentences (near matches
 * the index must find) and fresh sentences, 10^5 per locale in all.
 *
 * Usage: npm run build && node dist/bench/exchange-bench.js [--segments 4500] [--tm 100000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TranslationMemory } from '../src/tm/translation-memory.js';
import type { TmEntry } from '../src/tm/tm-entry.js';
import { makeProject } from './incremental-project.js';
import { median, now, nproc, prng } from './measure.js';
import { editedSentence, russianSentence } from './synthetic-text.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const LOCALES = ['en', 'kk', 'zh'] as const;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The project's own sentences (its TM sources), to make near matches of. */
function projectSources(dir: string): string[] {
  const text = readFileSync(path.join(dir, 'tm', 'ru-kk.jsonl'), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as TmEntry).source);
}

async function growTm(dir: string, total: number): Promise<void> {
  const own = projectSources(dir);
  const random = prng(7);
  const tm = await TranslationMemory.open(path.join(dir, 'tm'), 'ru');
  const at = '2026-12-01T00:00:00.000Z';
  const sources = new Set<string>(own);
  const extra: string[] = [];
  while (sources.size < total) {
    const s = random() < 0.3 ? editedSentence(random, own[Math.floor(random() * own.length)] as string) : russianSentence(random);
    if (!sources.has(s)) sources.add(s), extra.push(s);
  }
  for (const locale of LOCALES) {
    await tm.record(locale, extra.map((source) => ({ source, target: `[${locale}] ${source}`, origin: 'import:tmx', status: 'translated', created: at, changed: at })));
  }
  await tm.save();
}

function timeCli(dir: string, args: string[]): number {
  const start = now();
  execFileSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  return now() - start;
}

const segments = option('segments', 4500);
const tmSize = option('tm', 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'tilmash-exchange-bench-'));
try {
  await makeProject(dir, segments);
  await growTm(dir, tmSize);
  const keys = readdirSync(path.join(dir, 'source')).reduce((n, file) => n + readFileSync(path.join(dir, 'source', file), 'utf8').split('\n\n').length, 0);
  console.log(`Exchange (node ${process.version}, ${nproc()} CPUs, median of 3, fresh process each): ${keys} keys, ${segments} segments, TM ${tmSize} entries per locale (${LOCALES.join(', ')})`);
  const rows: Array<[string, number]> = [];
  const commands: Array<[string, string[]]> = [
    ['status', ['status']],
    ['xliff export -l kk', ['xliff', 'export', '-l', 'kk', '--out', 'xliff-out']],
    ['review', ['review', '--out', 'review-out.html']],
  ];
  const times = new Map<string, number[]>(commands.map(([name]) => [name, []]));
  // The first round builds the fuzzy index caches (tm/.cache); rounds alternate the commands.
  for (let round = 0; round < 4; round++) {
    for (const [name, args] of commands) {
      const ms = timeCli(dir, args);
      if (round > 0) times.get(name)?.push(ms);
      else console.log(`  first (cold cache) ${name}: ${(ms / 1000).toFixed(2)} s`);
    }
  }
  for (const [name] of commands) rows.push([name, median(times.get(name) as number[])]);
  const status = rows[0]?.[1] as number;
  console.log('measure                                          time     vs status  target  met');
  for (const [name, ms] of rows.slice(1)) {
    const met = ms <= 5000 ? 'YES' : 'NO';
    console.log(`${`${name}, ${keys} keys, TM ${tmSize}`.padEnd(48)} ${`${(ms / 1000).toFixed(2)} s`.padStart(8)}  ${`${(ms / status).toFixed(2)}×`.padStart(8)}  ≤ 5 s   ${met}`);
  }
  console.log(`${'status (baseline)'.padEnd(48)} ${`${(status / 1000).toFixed(2)} s`.padStart(8)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
