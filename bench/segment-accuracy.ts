/**
 * Segmentation accuracy: razdel's unit partitions and a corpus of Universal Dependencies Russian
 * sentences (tests/fixtures/segmentation/README.md), scored as razdel scores it: errors are
 * missing plus extra boundaries, per 1000 reference sentences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { split as splitSentences } from 'sentence-splitter';
import { median, time } from './measure.js';

/** A segmenter under test: text → sentences (trimmed or not; they are located in the text in order). */
export type Segmenter = (text: string) => readonly string[];

/** A text and its reference sentences. */
export interface Partition {
  readonly text: string;
  readonly sentences: readonly string[];
}

export const FIXTURES = join('tests', 'fixtures', 'segmentation');

/**
 * One razdel partition line (razdel/tests/partition.py): chunks split at `|`; a chunk of only
 * whitespace is the gap between two sentences.
 */
export function parsePartition(line: string): Partition {
  const chunks = line.split('|');
  return { text: chunks.join(''), sentences: chunks.filter((chunk) => chunk.trim() !== '') };
}

/** razdel's UNIT partitions, from the fixture (comment lines start with `# `). */
export function readRazdelUnits(root: string): Partition[] {
  return readFileSync(join(root, FIXTURES, 'razdel-unit.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('# '))
    .map(parsePartition);
}

/**
 * A corpus fixture: paragraphs headed by `## <source> <genre>`, one reference sentence a line.
 * A paragraph's text is its sentences joined by one space.
 */
export function readCorpus(root: string, file: string): (Partition & { genre: string })[] {
  const paragraphs: (Partition & { genre: string })[] = [];
  for (const block of readFileSync(join(root, FIXTURES, file), 'utf8').split(/\n(?=## )/)) {
    const [header = '', ...sentences] = block.split('\n').filter((line) => line !== '');
    if (!header.startsWith('## ') || sentences.length === 0) throw new Error(`${file}: bad paragraph near ${header}`);
    paragraphs.push({ genre: header.split(' ')[2] ?? '', text: sentences.join(' '), sentences });
  }
  return paragraphs;
}

/** Offsets where sentences 2…n start in `text` (each sentence located after the previous one). */
export function boundaries(text: string, sentences: readonly string[]): number[] {
  const starts: number[] = [];
  let cursor = 0;
  let first = true;
  for (const raw of sentences) {
    const sentence = raw.trim();
    if (sentence === '') continue;
    const at = text.indexOf(sentence, cursor);
    if (at < 0) throw new Error(`sentence not found in order: ${sentence.slice(0, 60)}`);
    if (!first) starts.push(at);
    first = false;
    cursor = at + sentence.length;
  }
  return starts;
}

export interface Score {
  readonly sentences: number;
  readonly missing: number;
  readonly extra: number;
  /** (missing + extra) per 1000 reference sentences. */
  readonly perThousand: number;
  /** Partitions segmented exactly as the reference. */
  readonly exact: number;
  readonly partitions: number;
}

/** Scores `segment` on `partitions`. */
export function score(segment: Segmenter, partitions: readonly Partition[]): Score {
  let sentences = 0;
  let missing = 0;
  let extra = 0;
  let exact = 0;
  for (const { text, sentences: reference } of partitions) {
    const want = new Set(boundaries(text, reference));
    const got = new Set(boundaries(text, segment(text)));
    const missed = [...want].filter((at) => !got.has(at)).length;
    const added = [...got].filter((at) => !want.has(at)).length;
    sentences += reference.length;
    missing += missed;
    extra += added;
    if (missed + added === 0) exact++;
  }
  return { sentences, missing, extra, perThousand: ((missing + extra) * 1000) / sentences, exact, partitions: partitions.length };
}

const intl = new Intl.Segmenter('ru', { granularity: 'sentence' });

/** `Intl.Segmenter('ru', { granularity: 'sentence' })` alone. */
export const intlSegmenter: Segmenter = (text) => Array.from(intl.segment(text), ({ segment }) => segment);

/** `sentence-splitter` (npm, textlint), its Sentence nodes. */
export const sentenceSplitterSegmenter: Segmenter = (text) =>
  splitSentences(text).flatMap((node) => (node.type === 'Sentence' ? [node.raw] : []));

export interface AccuracyRow {
  readonly segmenter: string;
  readonly units: Score;
  readonly tune: Score;
  readonly heldout: Score;
  /** Held-out score per genre. */
  readonly heldoutByGenre: ReadonlyMap<string, Score>;
  /** Over both corpus parts, median of 3. */
  readonly charsPerSec: number;
}

/** Scores our segmenter, Intl.Segmenter alone and sentence-splitter on every reference. */
export function runAccuracyBench(root: string, ours: Segmenter): AccuracyRow[] {
  const units = readRazdelUnits(root);
  const tune = readCorpus(root, 'ud-ru-tune.txt');
  const heldout = readCorpus(root, 'ud-ru-heldout.txt');
  const genres = [...new Set(heldout.map((p) => p.genre))];
  const texts = [...tune, ...heldout].map((p) => p.text);
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  const segmenters: [string, Segmenter][] = [
    ['Tilmash segmentSentences', ours],
    ['Intl.Segmenter alone', intlSegmenter],
    ['sentence-splitter 5.0.1', sentenceSplitterSegmenter],
  ];
  return segmenters.map(([name, segment]) => {
    const run = (): number => texts.reduce((sum, text) => sum + segment(text).length, 0);
    run();
    const rates = [0, 1, 2].map(() => chars / (time(run).ms / 1000));
    return {
      segmenter: name,
      units: score(segment, units),
      tune: score(segment, tune),
      heldout: score(segment, heldout),
      heldoutByGenre: new Map(genres.map((genre) => [genre, score(segment, heldout.filter((p) => p.genre === genre))])),
      charsPerSec: median(rates),
    };
  });
}
