import { describe, expect, it } from 'vitest';
import { boundaries, intlSegmenter, parsePartition, readCorpus, readRazdelUnits, score } from '../bench/segment-accuracy.js';
import { segmentSentences } from '../src/segment/index.js';

// Reference segmentations no one here wrote: tests/fixtures/segmentation/README.md.
const root = process.cwd();
const ours = (text: string): string[] => segmentSentences(text);

describe('razdel unit partitions (natasha/razdel razdel/tests/test_sentenize.py, UNIT)', () => {
  const units = readRazdelUnits(root);

  it('has every partition of the list', () => {
    expect(units).toHaveLength(34);
  });

  it.each(units.map((unit) => [unit.sentences.join(' ‖ '), unit] as const))('%s', (_name, unit) => {
    expect(segmentSentences(unit.text)).toEqual(unit.sentences);
  });
});

describe('scoring', () => {
  it('parses a razdel partition', () => {
    expect(parsePartition('Раз.| |Два.')).toEqual({ text: 'Раз. Два.', sentences: ['Раз.', 'Два.'] });
  });

  it('counts missing and extra boundaries', () => {
    const partition = parsePartition('Раз.| |Два три.| |Четыре.');
    expect(boundaries(partition.text, partition.sentences)).toEqual([5, 14]);
    const split = score(() => ['Раз.', 'Два', 'три.', 'Четыре.'], [partition]);
    expect(split).toMatchObject({ sentences: 3, missing: 0, extra: 1, exact: 0 });
    const merged = score(() => ['Раз. Два три. Четыре.'], [partition]);
    expect(merged).toMatchObject({ missing: 2, extra: 0, perThousand: (2 * 1000) / 3 });
  });
});

describe('UD Russian corpus (GSD + Taiga): errors per 1000 sentences', () => {
  for (const file of ['ud-ru-tune.txt', 'ud-ru-heldout.txt']) {
    it(`${file}: fewer than half the errors of Intl.Segmenter`, () => {
      const corpus = readCorpus(root, file);
      const mine = score(ours, corpus);
      const intl = score(intlSegmenter, corpus);
      expect(mine.sentences).toBeGreaterThan(1400);
      expect(mine.perThousand).toBeLessThan(intl.perThousand / 2);
    });
  }
});
