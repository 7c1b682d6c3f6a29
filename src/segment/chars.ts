/*
 * Character-class tests on UTF-16 code units, for the hot path of the merge pass (cheaper than
 * slicing and running a regex per piece). They agree with JS `\s` and `String.prototype.trim`.
 */

/** JS whitespace (`\s`): spaces, tabs, line breaks, NBSP and the other Unicode spaces. */
export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Line feed, vertical tab, form feed, carriage return, line and paragraph separators. */
export function isLineBreak(code: number): boolean {
  return (code >= 0x0a && code <= 0x0d) || code === 0x2028 || code === 0x2029;
}

const LETTER = /\p{L}/u;

/** A letter (`\p{L}`); Latin and Cyrillic are decided without a regex. */
export function isLetter(code: number): boolean {
  if (code < 0x80) return ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  if (code >= 0x400 && code <= 0x4ff) return code <= 0x481 || code >= 0x48a;
  return LETTER.test(String.fromCharCode(code));
}
