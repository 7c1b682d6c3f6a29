/**
 * `npm run bench` entry (compiled to dist/bench/run.js): runs every benchmark and prints the
 * results as tables on stdout. Run it with `node --expose-gc dist/bench/run.js`; the TM benchmark
 * always runs in child processes started with `--expose-gc`.
 *
 * Usage: node --expose-gc dist/bench/run.js [tm] [fuzzy] [startup] [segment] [segment-accuracy] [reader]   (default: all;
 * `segment` runs both segmentation sections)
 */
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canGc, mb, nproc, printTable, rate, ratio } from './measure.js';
import { runReaderBench } from './reader-bench.js';
import { runAccuracyBench, type Score } from './segment-accuracy.js';
import { runSegmentBench } from './segment-bench.js';
import { segmentSentences } from '../src/segment/index.js';
import { runStartupBench } from './startup-bench.js';
import { runTmBench, type TmResult } from './tm-bench.js';
import { runFuzzyBench, type FuzzyResult } from './fuzzy-bench.js';

/** The project root: dist/bench/run.js → ../.. */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Target {
  name: string;
  value: number;
  target: string;
  met: boolean;
}

const targets: Target[] = [];

function check(name: string, value: number, display: string, target: string, met: boolean): void {
  targets.push({ name, value, target: `${display} (target ${target})`, met });
}

async function tmBench(): Promise<void> {
  const results: TmResult[] = [];
  for (const count of [100_000, 1_000_000]) {
    console.error(`tm: ${count} entries (child process)…`);
    results.push(await runTmBench(count));
  }
  printTable(
    'Translation memory: load (TranslationMemory.open vs readFileSync + split + JSON.parse per line)',
    ['entries', 'file MB', 'TM load ms', 'baseline ms', 'ratio', 'rounds', 'save of 1 new ms'],
    results.map((r) => [
      r.entries.toExponential(0).replace('e+', 'e'),
      mb(r.fileBytes),
      r.loadMs.toFixed(0),
      `${r.baselineLoadMs.toFixed(0)}${r.baselineChunked ? ' (chunked)' : ''}`,
      ratio(r.loadMs / r.baselineLoadMs),
      String(r.loadRounds),
      r.saveMs.toFixed(0),
    ]),
  );
  printTable(
    'Translation memory: exact lookups (50% hits, shuffled) vs bare Map.get on the same keys',
    ['entries', 'keys', 'TM lookups/s', 'Map.get/s', 'TM ÷ Map'],
    results.map((r) => [
      r.entries.toExponential(0).replace('e+', 'e'),
      String(r.lookupKeys),
      rate(r.lookupsPerSec),
      rate(r.mapGetsPerSec),
      ratio(r.lookupsPerSec / r.mapGetsPerSec),
    ]),
  );
  printTable(
    'Translation memory: heap after load (forced GC), vs baseline Map<source, JSON.parse object>',
    ['entries', 'TM heap MB', 'TM B/entry', 'file B/line', 'baseline MB', 'baseline B/entry', 'TM ÷ baseline'],
    results.map((r) => [
      r.entries.toExponential(0).replace('e+', 'e'),
      mb(r.tmHeapBytes),
      (r.tmHeapBytes / r.entries).toFixed(0),
      (r.fileBytes / r.entries).toFixed(0),
      mb(r.baselineHeapBytes),
      (r.baselineHeapBytes / r.entries).toFixed(0),
      ratio(r.tmHeapBytes / r.baselineHeapBytes),
    ]),
  );
  const big = results.find((r) => r.entries === 1_000_000);
  if (big !== undefined) {
    const load = big.loadMs / big.baselineLoadMs;
    check('TM load, 1e6 entries', load, ratio(load), '< 5× raw parse', load < 5);
    check('TM load, 1e6 entries, absolute', big.loadMs, `${(big.loadMs / 1000).toFixed(1)} s`, '< 10 s', big.loadMs < 10_000);
    const lookup = big.lookupsPerSec / big.mapGetsPerSec;
    check('TM exact lookups vs Map.get of the same keys, 1e6', lookup, `${ratio(lookup)} (${rate(big.lookupsPerSec)}/s vs ${rate(big.mapGetsPerSec)}/s)`, '≥ 0.9× Map.get', lookup >= 0.9);
    const heap = big.tmHeapBytes / big.baselineHeapBytes;
    check('TM heap, 1e6 entries', heap, `${ratio(heap)} baseline (${(big.tmHeapBytes / big.entries).toFixed(0)} B/entry)`, '≤ 1.25× the raw parsed Map', heap <= 1.25);
  }
}

async function fuzzyBench(): Promise<void> {
  const results: FuzzyResult[] = [];
  for (const count of [100_000, 1_000_000]) {
    console.error(`fuzzy: ${count} sources (child process)…`);
    results.push(await runFuzzyBench(count));
  }
  printTable(
    'Fuzzy TM suggestions (threshold 0.75, top 3; queries: edited TM sources and fresh sentences; recall: top 3 equal to the lossless answer, over queries with a match)',
    ['entries', 'approach', 'build s', 'memory MB', 'p50 ms', 'p95 ms', 'queries', 'recall'],
    results.flatMap((r) =>
      r.approaches.map((a) => [
        r.entries.toExponential(0).replace('e+', 'e'),
        a.approach,
        (a.buildMs / 1000).toFixed(2),
        mb(a.memoryBytes),
        a.p50Ms.toFixed(2),
        a.p95Ms.toFixed(2),
        String(a.queries),
        a.recall === undefined ? `reference (${r.aboveThreshold} with a match)` : `${(a.recall * 100).toFixed(1)} %`,
      ]),
    ),
  );
  printTable(
    'Fuzzy index cache on disk (tm/.cache/<pair>.fuzzy): write, and load + check (CRC, key, ids)',
    ['entries', 'file MB', 'write ms', 'load ms'],
    results.map((r) => [r.entries.toExponential(0).replace('e+', 'e'), mb(r.cacheBytes), r.cacheWriteMs.toFixed(0), r.cacheLoadMs.toFixed(0)]),
  );
  const small = results.find((r) => r.entries === 100_000);
  const big = results.find((r) => r.entries === 1_000_000);
  const gram = big?.approaches.find((a) => a.approach === 'GramIndex (default budget)');
  if (big === undefined || gram === undefined) return;
  check('fuzzy index build, 1e6', gram.buildMs, `${(gram.buildMs / 1000).toFixed(1)} s`, '≤ 10 s', gram.buildMs <= 10_000);
  check('fuzzy index memory, 1e6', gram.memoryBytes, `${mb(gram.memoryBytes)} MB`, '≤ 600 MB', gram.memoryBytes <= 600 * 1024 * 1024);
  check('fuzzy p95 suggestion, 1e6', gram.p95Ms, `${gram.p95Ms.toFixed(2)} ms`, '≤ 10 ms', gram.p95Ms <= 10);
  const recall = gram.recall ?? 0;
  check('fuzzy recall vs lossless, 1e6', recall, `${(recall * 100).toFixed(1)} %`, '≥ 99 %', recall >= 0.99);
  const old = small?.approaches.find((a) => a.approach === 'FuzzyIndex (old)');
  const gramSmall = small?.approaches.find((a) => a.approach === 'GramIndex (default budget)');
  if (old !== undefined && gramSmall !== undefined) {
    const speedup = old.p95Ms / gramSmall.p95Ms;
    check('fuzzy p95 vs old index, 1e5', speedup, `${ratio(speedup)} faster`, 'faster than the old index', speedup > 1);
  }
}

function startupBench(): void {
  console.error('startup: node dist/src/cli/main.js run vs node -e 0…');
  const r = runStartupBench(root, 10);
  printTable(
    `Startup with nothing changed (${r.runs} runs each, alternating)`,
    ['command', 'median ms', 'min ms'],
    [
      ['node dist/src/cli/main.js run', r.cliMedianMs.toFixed(0), r.cliMinMs.toFixed(0)],
      ['node -e 0', r.nodeMedianMs.toFixed(0), r.nodeMinMs.toFixed(0)],
      ['ratio (medians)', ratio(r.cliMedianMs / r.nodeMedianMs), ratio(r.cliMinMs / r.nodeMinMs)],
    ],
  );
  const startup = r.cliMedianMs / r.nodeMedianMs;
  check('startup, nothing changed', startup, `${ratio(startup)} node -e 0`, '≤ 5× node -e 0', startup <= 5);
}

function segmentBench(): void {
  console.error('segment: segmentSentences vs Intl.Segmenter…');
  const r = runSegmentBench(root);
  printTable(
    `Segmentation: text of ${r.chars} chars (${mb(r.utf8Bytes)} MB UTF-8), ${r.paragraphs} paragraphs; chars/s, median of 5 alternating rounds`,
    ['mode', 'calls', 'Tilmash chars/s', 'Intl chars/s', 'Tilmash ÷ Intl', 'sentences', 'Intl pieces'],
    r.modes.map((m) => [
      m.mode,
      String(m.calls),
      rate(m.tilmashCharsPerSec),
      rate(m.intlCharsPerSec),
      ratio(m.tilmashCharsPerSec / m.intlCharsPerSec),
      String(m.sentences),
      String(m.intlPieces),
    ]),
  );
  printTable(
    'Intl.Segmenter alone on ONE string (superlinear in V8: why Tilmash and the whole-text baseline go line by line)',
    ['chars', 'Intl chars/s'],
    r.intlOneString.map((s) => [String(s.chars), rate(s.charsPerSec)]),
  );
  for (const m of r.modes) {
    const value = m.tilmashCharsPerSec / m.intlCharsPerSec;
    check(`segmentation, ${m.mode}`, value, `${ratio(value)} Intl`, '≥ 0.5× Intl alone', value >= 0.5);
  }
  const perParagraph = r.modes[0];
  if (perParagraph !== undefined) {
    const value = perParagraph.tilmashCharsPerSec;
    check('segmentation throughput, per paragraph (absolute)', value, `${rate(value)} chars/s`, '≥ 1e6 chars/s', value >= 1e6);
  }
}

async function readerBench(): Promise<void> {
  console.error('reader: the real-page corpus…');
  const { label, score } = await runReaderBench(root);
  printTable(
    `Reader on the real-page corpus (${score.pages.length} pages; ${label})`,
    ['page', 'chrome kept', 'content lost', 'headline'],
    [...score.pages.map((p) => [p.name, String(p.chromeKept), String(p.contentLost), p.headlineFound ? 'found' : 'MISSED']), ['all', `${score.chromeKept} of ${score.chromeBlocks} chrome lines`, `${score.contentLost} of ${score.expectedBlocks} blocks`, `${score.headlinesFound}/${score.pages.length}`]],
  );
  const kept = score.chromeKept / Math.max(1, score.chromeBlocks);
  check('reader: chrome kept', kept, `${(kept * 100).toFixed(1)} %`, '≤ 2 %', kept <= 0.02);
  check('reader: content blocks lost', score.contentLost, String(score.contentLost), '0', score.contentLost === 0);
  check('reader: headlines found', score.headlinesFound, `${score.headlinesFound}/${score.pages.length}`, 'every page', score.headlinesFound === score.pages.length);
}

const errors = (s: Score): string => `${s.perThousand.toFixed(1)} (${s.missing} missing + ${s.extra} extra)`;

function segmentAccuracyBench(): void {
  console.error('segment accuracy: razdel units, UD Russian GSD + Taiga (tune, held-out)…');
  const rows = runAccuracyBench(root, (text) => segmentSentences(text));
  const [tune, heldout] = [rows[0]?.tune, rows[0]?.heldout];
  printTable(
    `Segmentation accuracy: razdel unit partitions exact; errors per 1000 sentences (missing + extra boundaries) on UD Russian, tune ${tune?.sentences} sentences / ${tune?.partitions} paragraphs, held-out ${heldout?.sentences} / ${heldout?.partitions}`,
    ['segmenter', 'razdel units', 'tune errors/1000', 'held-out errors/1000', 'chars/s on the corpus'],
    rows.map((r) => [r.segmenter, `${r.units.exact}/${r.units.partitions}`, errors(r.tune), errors(r.heldout), rate(r.charsPerSec)]),
  );
  const genres = [...(rows[0]?.heldoutByGenre.keys() ?? [])];
  printTable(
    'Held-out errors per 1000 sentences by genre (sentences)',
    ['segmenter', ...genres.map((g) => `${g} (${rows[0]?.heldoutByGenre.get(g)?.sentences})`)],
    rows.map((r) => [r.segmenter, ...genres.map((g) => r.heldoutByGenre.get(g)?.perThousand.toFixed(1) ?? '')]),
  );
  const [ours, intl] = rows;
  if (ours === undefined || intl === undefined) return;
  const unitsMissed = ours.units.partitions - ours.units.exact;
  check('razdel unit partitions', ours.units.exact, `${ours.units.exact}/${ours.units.partitions}`, 'at most one missed', unitsMissed <= 1);
  for (const part of ['tune', 'heldout'] as const) {
    const value = ours[part].perThousand / intl[part].perThousand;
    const shown = `${ours[part].perThousand.toFixed(1)} vs ${intl[part].perThousand.toFixed(1)} errors/1000 = ${ratio(value)}`;
    check(`segmentation errors, UD ${part === 'tune' ? 'tune' : 'held-out'}`, value, shown, '< 0.5× Intl alone', value < 0.5);
  }
}

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const all = wanted.size === 0;
  const started = Date.now();
  console.log('Tilmash benchmarks');
  console.log(
    `date ${new Date().toISOString()}; node ${process.version}; ${process.platform}/${process.arch}; nproc ${nproc()}; ` +
      `${cpus()[0]?.model ?? 'unknown CPU'}; ${mb(totalmem())} MB RAM; --expose-gc ${canGc() ? 'yes' : 'no (heap figures come from the TM child processes, which always have it)'}`,
  );
  if (all || wanted.has('tm')) await tmBench();
  if (all || wanted.has('fuzzy')) await fuzzyBench();
  if (all || wanted.has('startup')) startupBench();
  if (all || wanted.has('segment')) segmentBench();
  if (all || wanted.has('reader')) await readerBench();
  if (all || wanted.has('segment') || wanted.has('segment-accuracy')) segmentAccuracyBench();
  if (targets.length > 0) {
    printTable(
      'Targets',
      ['target', 'result', 'met'],
      targets.map((t) => [t.name, t.target, t.met ? 'YES' : 'NO']),
    );
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
