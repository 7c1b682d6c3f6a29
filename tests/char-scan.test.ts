import { describe, expect, it } from 'vitest';
import { isSpaceCode, letterCounts, trimmedEnd, wordCount } from '../src/read/char-scan.js';
import { endsSentence, upperShare, wordsOf } from '../src/read/line-features.js';

// The regex forms the scanners replace: they must agree on every input.
const regexWords = (text: string): number => text.split(/\s+/u).filter((t) => /\p{L}/u.test(t)).length;
const regexLetters = (text: string): { letters: number; upper: number } => {
  const letters = text.match(/\p{L}/gu) ?? [];
  return { letters: letters.length, upper: letters.filter((c) => c !== c.toLowerCase()).length };
};
const regexEnds = (text: string): boolean => /[.!?…][»"”’')\]]*$/u.test(text.trimEnd());

/** Pieces that stress the classes: Russian and Kazakh letters, Ё, Greek, titlecase, astral letters, every kind of space, marks, lone surrogates. */
const PIECES = [
  'Ааб', 'ЁЖЗ', 'ёй', 'ӘәҒғҚқҢңӨөҰұҮүҺһІі', 'Ѐѐ', 'Ѡѡ', 'Ӏӏ', 'ΑΒγ', 'ǅ', 'İ', 'ß', 'ẞ', 'A', 'z', '1', '٣', '汉字',
  '𝐀', '𝐚', '𐐀', '𐐨', '😀', '👍🏽', '\u0301', '\u0483', '\uD800', '\uDC00', ' ', '  ', '\t', '\n', '\u00A0', '\u1680',
  '\u2003', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\uFEFF', '\u200B', '.', '!', '?', '…', '»', '"', '”', '’',
  "'", ')', ']', ',', ':', ';', '-', '—', '«', '(',
];

function randomText(random: () => number): string {
  let text = '';
  const length = Math.floor(random() * 12);
  for (let k = 0; k < length; k++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('char scans agree with the regexes they replace', () => {
  it('on 20,000 random texts of letters, spaces, marks and surrogates', () => {
    const random = lcg(12);
    for (let k = 0; k < 20_000; k++) {
      const text = randomText(random);
      expect(wordCount(text), JSON.stringify(text)).toBe(regexWords(text));
      expect(wordCount(text), JSON.stringify(text)).toBe(wordsOf(text).length);
      expect(letterCounts(text), JSON.stringify(text)).toEqual(regexLetters(text));
      expect(endsSentence(text), JSON.stringify(text)).toBe(regexEnds(text));
      expect(trimmedEnd(text), JSON.stringify(text)).toBe(text.trimEnd().length);
      const { letters, upper } = regexLetters(text);
      expect(upperShare(text)).toBe(letters < 4 ? 0 : upper / letters);
      for (let limit = 0; limit < 4; limit++) expect(wordCount(text, limit)).toBe(Math.min(limit, regexWords(text)));
    }
  });

  it('on every BMP code unit', () => {
    const wrong: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      const scanned = letterCounts(char);
      const matched = regexLetters(char);
      if (isSpaceCode(code) !== /^\s$/u.test(char) || scanned.letters !== matched.letters || scanned.upper !== matched.upper) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });
});
