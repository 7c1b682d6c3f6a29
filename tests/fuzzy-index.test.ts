/**
 * The compact fuzzy index (src/tm/gram-index.ts) against brute force on random Russian-like data,
 * and its disk cache (src/tm/fuzzy-cache.ts): rebuilt when the TM's sources change (record + save, a
 * journal replay, a hand edit of the .jsonl), a corrupt file ignored, the TM's files untouched.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../bench/measure.js';
import { editedSentence, englishSentence, russianSentence } from '../bench/synthetic-text.js';
import { foldForMatch } from '../src/tm/fuzzy-distance.js';
import { foldUnits } from '../src/tm/fuzzy-grams.js';
import { fuzzyCachePath, loadFuzzyIndex, sourcesKey } from '../src/tm/fuzzy-cache.js';
import { similarity, type FuzzyMatch } from '../src/tm/fuzzy-match.js';
import { GramIndex } from '../src/tm/gram-index.js';
import { readGramIndexFile, writeGramIndexFile } from '../src/tm/gram-index-file.js';
import { TranslationMemory, type TmEntry } from '../src/tm/index.js';

const THRESHOLD = 0.75;

function randomSources(count: number, seed: number): string[] {
  const random = prng(seed);
  const unique = new Set<string>();
  while (unique.size < count) unique.add(russianSentence(random));
  return [...unique];
}

function bruteForce(sources: readonly string[], query: string, limit: number): FuzzyMatch[] {
  // Only the length filter first (a source whose length alone rules it out cannot reach the threshold).
  const n = query.length;
  const found = sources.filter((s) => s !== query && Math.min(n, s.length) >= 0.7 * Math.max(n, s.length)).map((source) => ({ source, similarity: similarity(query, source) }));
  return found
    .filter((m) => m.similarity >= THRESHOLD)
    .sort((x, y) => y.similarity - x.similarity || (x.source < y.source ? -1 : x.source > y.source ? 1 : 0))
    .slice(0, limit);
}

describe('foldUnits', () => {
  it('folds exactly as foldForMatch, or declines (−1) so the caller does', () => {
    const random = prng(2);
    const texts = [' Ёлка  и\tЁЖ\u00a0Қазақ ', 'ÀÉÎ Straße İstanbul', 'Σίσυφος', 'e\u0301', 'Ω Ω K', '«Кто?» — сказал он.\n', '   ', ''];
    for (let i = 0; i < 300; i++) texts.push(russianSentence(random).toUpperCase());
    const out = new Uint16Array(64);
    for (const text of texts) {
      const buffer = out.length >= text.length ? out : new Uint16Array(text.length);
      const length = foldUnits(text, buffer);
      if (length >= 0) expect(String.fromCharCode(...buffer.subarray(0, length)), JSON.stringify(text)).toBe(foldForMatch(text));
    }
    expect(foldUnits('e\u0301', out)).toBe(-1); // not NFC: the slow path
    expect(foldUnits('İ', out)).toBe(-1); // lower-cases to two units
  });
});

describe('GramIndex against brute force', () => {
  const sources = randomSources(6000, 7);
  const random = prng(11);
  const queries = Array.from({ length: 300 }, () => (random() < 0.85 ? editedSentence(random, sources[Math.floor(random() * sources.length)] as string) : russianSentence(random)));
  const truth = queries.map((q) => bruteForce(sources, q, 3));
  const above = truth.filter((t) => t.length > 0).length;

  const agreement = (index: GramIndex): number => {
    let same = 0;
    queries.forEach((q, i) => {
      if ((truth[i] as FuzzyMatch[]).length > 0 && JSON.stringify(index.best(q, { threshold: THRESHOLD, limit: 3 })) === JSON.stringify(truth[i])) same++;
    });
    return same / above;
  };

  it('has enough queries above the threshold to mean something', () => {
    expect(above).toBeGreaterThan(200);
  });

  it('with no budget and no short-list cut, gives exactly the brute-force top 3 for every query (the count filter is sound)', () => {
    const index = GramIndex.build(sources, { postingBudget: Infinity, shortList: Infinity });
    queries.forEach((q, i) => expect(index.best(q, { threshold: THRESHOLD, limit: 3 }), q).toEqual(truth[i]));
  });

  it('with a posting budget as tight, for this TM, as the default is at 10^6 entries, agrees on ≥ 99 % of queries above the threshold', () => {
    // The default budget is 0.1 posting per source (at least 10^4, so 10^5 at 10^6); the same share here, default short list.
    const index = GramIndex.build(sources, { postingBudget: 600 });
    expect(agreement(index)).toBeGreaterThanOrEqual(0.99);
  });

  it('with no budget but a short list of 8, agrees on ≥ 99 % (the short list is those sharing the most trigrams)', () => {
    const index = GramIndex.build(sources, { postingBudget: Infinity, shortList: 8 });
    expect(agreement(index)).toBeGreaterThanOrEqual(0.99);
  });

  it('with more than 255 distinct characters (Chinese: bytes shared, radix 256), still exactly brute force with no budget', () => {
    const random = prng(29);
    const hanzi = (count: number): string => Array.from({ length: count }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 600))).join('');
    const zh = Array.from({ length: 400 }, () => `${hanzi(12 + Math.floor(random() * 20))}。`);
    const index = GramIndex.build(zh, { postingBudget: Infinity, shortList: Infinity });
    for (let i = 0; i < 60; i++) {
      const base = zh[i] as string;
      const at = Math.floor(random() * base.length);
      const query = base.slice(0, at) + hanzi(1) + base.slice(at + 1);
      expect(index.best(query, { threshold: THRESHOLD, limit: 3 })).toEqual(bruteForce(zh, query, 3));
    }
  });

  it('numbers the texts by folded length, so the lengths a query can match are one id range', () => {
    const index = GramIndex.build(sources);
    const { order, lengths } = index.data;
    expect([...order].sort((a, b) => a - b)).toEqual(sources.map((_, i) => i));
    order.forEach((position, id) => {
      expect(lengths[id]).toBe(foldForMatch(sources[position] as string).length);
      if (id > 0) expect(lengths[id]).toBeGreaterThanOrEqual(lengths[id - 1] as number);
    });
  });

  it('never offers a match below the threshold or the query itself, even with a starved budget', () => {
    const index = GramIndex.build(sources, { postingBudget: 10, shortList: 4 });
    for (const q of [...queries.slice(0, 50), sources[0] as string]) {
      for (const m of index.best(q, { threshold: THRESHOLD, limit: 3 })) {
        expect(m.similarity).toBe(similarity(q, m.source));
        expect(m.similarity).toBeGreaterThanOrEqual(THRESHOLD);
        expect(m.source).not.toBe(q);
      }
    }
  });

  it('compares every source of a possible length for short queries (no trigram bound) and at threshold 0', () => {
    const short = ['да', 'нет', 'дай', 'Да!', 'дом', 'до'];
    const index = GramIndex.build(short, {});
    expect(index.best('да', { threshold: 0.5, limit: 5 }).map((m) => m.source)).toEqual(['Да!', 'дай', 'до']);
    expect(index.best('кот', { threshold: 0, limit: 10 })).toHaveLength(short.length);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function entry(source: string, target: string): TmEntry {
  return { source, target, origin: 'engine:deepl', status: 'machine', created: '2026-01-01T00:00:00.000Z', changed: '2026-01-01T00:00:00.000Z' };
}

async function tmWith(sources: readonly string[]): Promise<{ dir: string; tm: TranslationMemory }> {
  const dir = mkdtempSync(join(tmpdir(), 'tilmash-fuzzy-cache-'));
  dirs.push(dir);
  const tm = await TranslationMemory.open(dir, 'ru');
  const random = prng(3);
  await tm.record('en', sources.map((s) => entry(s, englishSentence(random, 40))));
  await tm.save();
  return { dir, tm: await TranslationMemory.open(dir, 'ru') };
}

const load = (tm: TranslationMemory) => loadFuzzyIndex({ dir: tm.dir, sourceLocale: 'ru', targetLocale: 'en', sources: tm.sources('en') }, { cache: true });

describe('the fuzzy index cache', () => {
  const sources = randomSources(500, 21);
  const near = editedSentence(prng(5), sources[10] as string, 1);

  it('is written beside the TM under a .gitignore of *, read back when current, and leaves the TM files byte-identical', async () => {
    const { dir, tm } = await tmWith(sources);
    const before = readFileSync(join(dir, 'ru-en.jsonl'));
    const first = load(tm);
    const file = fuzzyCachePath(dir, 'ru', 'en');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(join(dir, '.cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const written = statSync(file).mtimeMs;
    const second = load(tm);
    expect(statSync(file).mtimeMs).toBe(written); // read, not rebuilt
    expect(second.best(near, { threshold: THRESHOLD, limit: 3 })).toEqual(first.best(near, { threshold: THRESHOLD, limit: 3 }));
    expect(readFileSync(join(dir, 'ru-en.jsonl')).equals(before)).toBe(true);
    expect((await TranslationMemory.open(dir, 'ru')).targetLocales()).toEqual(['en']);
  });

  it('is rebuilt after a record and save, after a journal replay, and after a hand edit of the .jsonl', async () => {
    const { dir, tm } = await tmWith(sources);
    load(tm);
    const file = fuzzyCachePath(dir, 'ru', 'en');
    const keyOf = () => readFileSync(file).toString('latin1', 28, 60).replace(/\0+$/, '');
    expect(keyOf()).toBe(sourcesKey(tm.sources('en')));

    // record + save: the new source must be found.
    await tm.record('en', [entry(near, 'A new one.')]);
    await tm.save();
    const saved = await TranslationMemory.open(dir, 'ru');
    expect(load(saved).best(editedSentence(prng(9), near, 1), { threshold: 0.5, limit: 50 }).map((m) => m.source)).toContain(near);
    expect(keyOf()).toBe(sourcesKey(saved.sources('en')));

    // a journal left by a killed run: replayed on open, and the index follows.
    const replayed = 'Совершенно новая фраза о поездах и портах, которой не было в памяти.';
    appendFileSync(join(dir, 'ru-en.journal'), `${JSON.stringify(entry(replayed, 'Replayed.'))}\n`);
    const withJournal = await TranslationMemory.open(dir, 'ru');
    expect(load(withJournal).best(`${replayed.slice(0, -1)}!`, { threshold: THRESHOLD, limit: 3 })[0]?.source).toBe(replayed);
    expect(keyOf()).toBe(sourcesKey(withJournal.sources('en')));
    rmSync(join(dir, 'ru-en.journal'));

    // a hand edit of one source in the .jsonl (same length, so only the content differs).
    const jsonl = join(dir, 'ru-en.jsonl');
    const lines = readFileSync(jsonl, 'utf8').split('\n');
    const edited = JSON.parse(lines[0] as string) as TmEntry;
    const handSource = `Я${edited.source.slice(1)}`;
    lines[0] = JSON.stringify({ ...edited, source: handSource });
    writeFileSync(jsonl, lines.join('\n'));
    const hand = await TranslationMemory.open(dir, 'ru');
    expect(load(hand).best(`${handSource} и`, { threshold: THRESHOLD, limit: 3 })[0]?.source).toBe(handSource);
    expect(keyOf()).toBe(sourcesKey(hand.sources('en')));
  });

  it('ignores a corrupt or truncated cache file and replaces it', async () => {
    const { dir, tm } = await tmWith(sources);
    const expected = load(tm).best(near, { threshold: THRESHOLD, limit: 3 });
    const file = fuzzyCachePath(dir, 'ru', 'en');
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] as number) ^ 0xff;
    for (const broken of [flipped, bytes.subarray(0, bytes.length - 100), Buffer.from('not an index'), Buffer.alloc(0)]) {
      writeFileSync(file, broken);
      expect(load(tm).best(near, { threshold: THRESHOLD, limit: 3 })).toEqual(expected);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
  });

  it('ignores a whole, checksummed cache file whose id order is not a permutation or whose lengths are out of order', async () => {
    const { dir, tm } = await tmWith(sources);
    const index = load(tm);
    const expected = index.best(near, { threshold: THRESHOLD, limit: 3 });
    const file = fuzzyCachePath(dir, 'ru', 'en');
    const key = sourcesKey(tm.sources('en'));
    const twice = { ...index.data, order: index.data.order.slice() };
    twice.order[1] = twice.order[0] as number;
    const unordered = { ...index.data, lengths: index.data.lengths.slice().reverse() };
    for (const broken of [twice, unordered]) {
      writeGramIndexFile(file, broken, key);
      expect(readGramIndexFile(file, key, sources.length)).toBeUndefined();
      expect(load(tm).best(near, { threshold: THRESHOLD, limit: 3 })).toEqual(expected);
    }
  });

  it('keeps the index in memory when the cache cannot be written', async () => {
    const { dir, tm } = await tmWith(sources);
    writeFileSync(join(dir, '.cache'), 'a file where the cache folder would go');
    expect(load(tm).best(near, { threshold: THRESHOLD, limit: 1 })[0]?.source).toBe(sources[10]);
  });
});
