/*
 * Letter, case and whitespace counts over a whole text in one pass of char codes, with no array of
 * per-character strings (`text.match(/\p{L}/gu)` on a 20 MB article is 10^7 strings). Each answer
 * is exactly what the regex form gives: a code point is a letter when `/\p{L}/u` matches it, upper
 * case when it differs from its `toLowerCase()`, and whitespace when `/\s/u` matches it. Each BMP
 * code unit is decided once (by those very tests) and remembered; astral letters are tested as met.
 */

const LETTER = /^\p{L}$/u;
const SPACE = /^\s$/u;

/** Bits per BMP code unit: KNOWN once decided, then LETTER_BIT, UPPER_BIT, SPACE_BIT. */
const KNOWN = 1;
const LETTER_BIT = 2;
const UPPER_BIT = 4;
const SPACE_BIT = 8;
const bmp = new Uint8Array(0x10000);

function classOf(char: string): number {
  let bits = KNOWN;
  if (LETTER.test(char)) bits |= LETTER_BIT | (char !== char.toLowerCase() ? UPPER_BIT : 0);
  if (SPACE.test(char)) bits |= SPACE_BIT;
  return bits;
}

function bmpClass(code: number): number {
  let bits = bmp[code] as number;
  if (bits === 0) {
    // Lone surrogates are neither letters nor spaces (the `u` regexes never match them).
    bits = code >= 0xd800 && code <= 0xdfff ? KNOWN : classOf(String.fromCharCode(code));
    bmp[code] = bits;
  }
  return bits;
}

/** Set in `bitsAt`'s answer when the code point is a surrogate pair (two code units). */
const PAIR = 16;

/** The class bits of the code point at `i` (with PAIR when it takes two code units). */
function bitsAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  // ASCII and Russian without a table look-up: most of a Russian article.
  if (code >= 0x430 && code <= 0x44f) return KNOWN | LETTER_BIT;
  if (code >= 0x410 && code < 0x430) return KNOWN | LETTER_BIT | UPPER_BIT;
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return classOf(text.slice(i, i + 2)) | PAIR;
  }
  return bmpClass(code);
}

/** `/\s/u.test(char)` for one UTF-16 code unit (every `\s` character is in the BMP). */
export function isSpaceCode(code: number): boolean {
  return (bmpClass(code) & SPACE_BIT) !== 0;
}

/** Letters and upper-case letters of `text`, as `text.match(/\p{L}/gu)` and `c !== c.toLowerCase()` count them. */
export function letterCounts(text: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const bits = bitsAt(text, i);
    if (bits & LETTER_BIT) letters++;
    if (bits & UPPER_BIT) upper++;
    if (bits & PAIR) i++;
  }
  return { letters, upper };
}

/**
 * How many tokens of `text.split(/\s+/u)` hold a letter (see `wordsOf`), counting at most `limit`
 * (a caller that only asks "more than 30?" stops reading there).
 */
export function wordCount(text: string, limit = Infinity): number {
  let words = 0;
  let inToken = false;
  let lettered = false;
  for (let i = 0; i < text.length && words < limit; i++) {
    const bits = bitsAt(text, i);
    if (bits & SPACE_BIT) {
      if (inToken && lettered) words++;
      inToken = lettered = false;
    } else {
      inToken = true;
      if (bits & LETTER_BIT) lettered = true;
    }
    if (bits & PAIR) i++;
  }
  if (inToken && lettered && words < limit) words++;
  return words;
}

/** `text.trimEnd().length`, without the copy. */
export function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}
