import { describe, expect, it } from 'vitest';
import { BagBound, boundedLevenshtein } from '../src/tm/fuzzy-distance.js';
import { DEFAULT_FUZZY_THRESHOLD, FuzzyIndex, MAX_INEXACT_SIMILARITY, similarity } from '../src/tm/fuzzy-match.js';
import { prng } from '../bench/measure.js';

const MEETING = 'Встреча прошла 18–19 мая в древней столице Китая, откуда начинался Великий шелковый путь.';

describe('similarity', () => {
  it('scores one changed word in a Russian sentence between 0.8 and 0.95', () => {
    const base = 'Встреча прошла в древней столице Китая на прошлой неделе.';
    const oneWord = [
      'Встреча прошла в новой столице Китая на прошлой неделе.',
      'Встреча прошла в древней столице Казахстана на прошлой неделе.',
      'Саммит прошёл в древней столице Китая на прошлой неделе.',
      'Встреча прошла в древней столице Китая на этой неделе.',
    ];
    for (const variant of oneWord) {
      const value = similarity(base, variant);
      expect(value, variant).toBeGreaterThanOrEqual(0.8);
      expect(value, variant).toBeLessThanOrEqual(0.95);
    }
  });

  it('counts characters, not words: a short word changed in a long sentence scores above 0.95', () => {
    const value = similarity(MEETING, MEETING.replace(' мая ', ' июня '));
    expect(value).toBe(1 - 3 / (MEETING.length + 1)); // мая → июня: 3 edits; the longer text has one more letter
    expect(value).toBeGreaterThan(0.95);
  });

  it('scores a changed inflection above a changed word', () => {
    const inflection = similarity('Вопрос в том, сумеют ли пять республик извлечь выгоду.', 'Вопрос в том, сумеют ли пять республики извлечь выгоду.');
    const word = similarity('Вопрос в том, сумеют ли пять республик извлечь выгоду.', 'Вопрос в том, сумеют ли пять государств извлечь выгоду.');
    expect(inflection).toBeGreaterThan(word);
    expect(inflection).toBeGreaterThan(0.95);
  });

  it('scores unrelated sentences below 0.5', () => {
    const others = [
      'Объём торговли между странами вырос до 26 млрд юаней за прошлый год.',
      '«Что Китай получает взамен?» — задаются вопросом аналитики.',
      'Центр Карнеги «Россия — Евразия» опубликовал новый доклад о регионе.',
    ];
    for (const other of others) expect(similarity(MEETING, other), other).toBeLessThan(0.5);
  });

  it('is 1 only for identical texts (after NFC); case, spacing and punctuation differences score high but below 1', () => {
    expect(similarity(MEETING, MEETING)).toBe(1);
    expect(similarity('Уже пришёл.', 'Уже приш\u0435\u0308л.')).toBe(1); // ё composed vs е + combining diaeresis
    expect(similarity(MEETING, MEETING.toUpperCase())).toBe(MAX_INEXACT_SIMILARITY);
    expect(similarity(MEETING, MEETING.replace(' мая ', '  мая\n'))).toBe(MAX_INEXACT_SIMILARITY);
    const comma = similarity(MEETING, MEETING.replace(',', ''));
    expect(comma).toBeGreaterThan(0.95);
    expect(comma).toBeLessThan(1);
    const short = similarity('Привет, мир!', 'Привет мир!');
    expect(short).toBeGreaterThan(0.9);
    expect(short).toBeLessThan(1);
  });

  it('is symmetric and stays in [0, 1]', () => {
    const pairs: Array<[string, string]> = [
      ['', 'а'],
      ['абв', ''],
      ['кот', 'ток'],
      [MEETING, 'x'],
    ];
    for (const [a, b] of pairs) {
      expect(similarity(a, b)).toBe(similarity(b, a));
      expect(similarity(a, b)).toBeGreaterThanOrEqual(0);
      expect(similarity(a, b)).toBeLessThan(1);
    }
    expect(similarity('кот', 'ток')).toBeCloseTo(1 / 3);
  });
});

describe('boundedLevenshtein', () => {
  it('gives the exact distance within the bound and bound + 1 beyond it', () => {
    expect(boundedLevenshtein('kitten', 'sitting', 10)).toBe(3);
    expect(boundedLevenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(boundedLevenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(boundedLevenshtein('', 'abc', 5)).toBe(3);
    expect(boundedLevenshtein('abc', 'abc', 0)).toBe(0);
    expect(boundedLevenshtein('abcdef', 'azcdef', 0)).toBe(1);
  });

  it('agrees with the full dynamic programme on random strings', () => {
    const random = prng(7);
    for (let round = 0; round < 500; round++) {
      const a = randomString(random, 'абвг', 12);
      const b = randomString(random, 'абвг', 12);
      const exact = fullLevenshtein(a, b);
      const max = Math.floor(random() * 8);
      expect(boundedLevenshtein(a, b, max), `${a} / ${b} / ${max}`).toBe(exact <= max ? exact : max + 1);
    }
  });

  it('agrees with the full dynamic programme on texts longer than one 32-unit block, edited copies among them', () => {
    const random = prng(11);
    for (let round = 0; round < 600; round++) {
      const a = randomString(random, round % 2 ? 'аб вг' : 'абвгдеёжзийклмн ', 160);
      // Half the pairs are edited copies (close, with common prefixes and suffixes), half unrelated.
      let b = round % 4 < 2 ? a : randomString(random, 'абвгд ', 160);
      for (let e = Math.floor(random() * 12); round % 4 < 2 && e > 0; e--) {
        const at = Math.floor(random() * (b.length + 1));
        const cut = random() < 0.5 ? 1 : 0;
        b = b.slice(0, at) + (random() < 0.7 ? 'я' : '') + b.slice(at + cut);
      }
      const exact = fullLevenshtein(a, b);
      const max = random() < 0.3 ? 200 : Math.floor(random() * 40);
      expect(boundedLevenshtein(a, b, max), `${a} / ${b} / ${max}`).toBe(exact <= max ? exact : max + 1);
    }
  });
});

describe('BagBound', () => {
  const bagDistance = (a: string, b: string): number => {
    const left = [...b];
    let common = 0;
    for (const unit of a) {
      const at = left.indexOf(unit);
      if (at >= 0) {
        common++;
        left.splice(at, 1);
      }
    }
    return Math.max(a.length, b.length) - common;
  };

  it('is the bag distance, never above the Levenshtein distance, and leaves its table clean for the next query', () => {
    const random = prng(23);
    for (let round = 0; round < 200; round++) {
      const query = randomString(random, round % 2 ? 'абвгд ' : 'абвгдеёжзийклмнәғқңөұүһі', 1 + Math.floor(random() * 90));
      const bound = new BagBound(query);
      for (let c = 0; c < 5; c++) {
        const candidate = randomString(random, 'абвгдеәғқ ', Math.floor(random() * 90));
        const value = bound.lowerBound(candidate);
        expect(value, `${query} / ${candidate}`).toBe(bagDistance(query, candidate));
        expect(value).toBeLessThanOrEqual(fullLevenshtein(query, candidate));
      }
      bound.release();
    }
  });
});

describe('FuzzyIndex', () => {
  const sources = [
    MEETING,
    'Встреча прошла 18–19 июня в древней столице Китая, откуда начинался Великий шелковый путь.',
    'Встреча прошла 18–19 мая в новой столице Китая, откуда начинался Великий шелковый путь.',
    'Встреча прошла в Сиане.',
    'Объём торговли вырос до 26 млрд юаней.',
  ];
  const index = new FuzzyIndex(sources);

  it('leaves out the exact match and ranks the rest best first', () => {
    const matches = index.best(MEETING, { threshold: DEFAULT_FUZZY_THRESHOLD, limit: 10 });
    expect(matches.map((m) => m.source)).toEqual([sources[1], sources[2]]);
    expect(matches[0]?.similarity).toBe(similarity(MEETING, sources[1] as string));
    expect(matches[0]!.similarity).toBeGreaterThanOrEqual(matches[1]!.similarity);
  });

  it('honours the threshold and the limit', () => {
    expect(index.best(MEETING, { threshold: 0.97, limit: 10 })).toEqual([]);
    expect(index.best(MEETING, { threshold: 0.75, limit: 1 }).map((m) => m.source)).toEqual([sources[1]]);
    expect(index.best(MEETING, { threshold: 0.75, limit: 0 })).toEqual([]);
    for (const match of index.best('Встреча прошла в Сиане!', { threshold: 0.5, limit: 10 })) expect(match.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('offers a case-only variant of a source (it is not an exact hit)', () => {
    expect(index.best(MEETING.toUpperCase(), { threshold: 0.75, limit: 1 })).toEqual([{ source: MEETING, similarity: MAX_INEXACT_SIMILARITY }]);
  });

  it('finds the same matches as comparing with every source, on generated sentences', () => {
    const random = prng(42);
    const generated = [...new Set(Array.from({ length: 300 }, () => sentence(random)))];
    const corpus = [...generated, ...generated.slice(0, 100).map((text) => mutate(random, text)), 'Да.', 'Нет.', 'Итоги', 'Итог.'];
    const fuzzy = new FuzzyIndex(corpus);
    const unique = [...new Set(corpus)];
    const queries = [...generated.slice(50, 110).map((text) => mutate(random, text)), ...generated.slice(0, 10), 'Да!', 'Итоги.', 'Нт.', ''];
    let nonEmpty = 0;
    for (const query of queries) {
      const scored = unique.map((source) => ({ source, similarity: similarity(query, source) }));
      for (const threshold of [0.5, 0.75, 0.9]) {
        const expected = scored
          .filter((m) => m.similarity >= threshold && m.similarity < 1)
          .sort((x, y) => y.similarity - x.similarity || (x.source < y.source ? -1 : 1))
          .slice(0, 5);
        const actual = fuzzy.best(query, { threshold, limit: 5 });
        expect(actual, `${threshold} ${query}`).toEqual(expected);
        if (actual.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(100); // the comparison is not vacuous
  });
});

const SUBJECTS = ['Встреча', 'Саммит', 'Переговоры', 'Конференция', 'Выставка', 'Делегация', 'Комиссия', 'Торговля'];
const VERBS = ['прошла', 'состоялась', 'завершилась', 'началась', 'продолжилась', 'открылась'];
const PLACES = ['в Сиане', 'в Астане', 'в Пекине', 'в Алматы', 'в Бишкеке', 'в Ташкенте', 'в Душанбе', 'в Москве'];
const TIMES = ['в среду', '18 мая', 'на прошлой неделе', 'вчера вечером', 'в начале года', 'после долгой паузы'];
const TAILS = ['при участии пяти республик', 'под председательством Китая', 'без журналистов', 'с большим опозданием', 'в узком составе', ''];

function sentence(random: () => number): string {
  const words = [pick(random, SUBJECTS), pick(random, VERBS), pick(random, PLACES), pick(random, TIMES), pick(random, TAILS)].filter((w) => w !== '');
  return `${words.join(' ')}.`;
}

/** One small edit a translator meets: a replaced, dropped or repeated word, or a punctuation change. */
function mutate(random: () => number, text: string): string {
  const words = text.slice(0, -1).split(' ');
  const at = Math.floor(random() * words.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      words[at] = pick(random, [...SUBJECTS, ...VERBS]).toLowerCase();
      break;
    case 1:
      words.splice(at, 1);
      break;
    case 2:
      words.splice(at, 0, words[at] as string);
      break;
    default:
      return `${words.join(', ')}!`;
  }
  return `${words.join(' ')}.`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomString(random: () => number, alphabet: string, maxLength: number): string {
  let text = '';
  const length = Math.floor(random() * (maxLength + 1));
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}


function fullLevenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
    prev = cur;
  }
  return prev[b.length]!;
}
