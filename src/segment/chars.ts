/*
 * Character-class tests on UTF-16 code units, for the hot path of the segmenter (cheaper than
 * slicing and running a regex per character).
 */

const LETTER = /\p{L}/u;

/** A letter (`\p{L}`); Latin and Cyrillic are decided without a regex. */
export function isLetter(code: number): boolean {
  if (code < 0x80) return ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  if (code >= 0x400 && code <= 0x4ff) return code <= 0x481 || code >= 0x48a;
  return LETTER.test(String.fromCharCode(code));
}
