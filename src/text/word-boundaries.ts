// JavaScript's `\b` is ASCII-only: word edges are look-arounds on Unicode letters and digits.
// Sources for `new RegExp(..., 'u')`.

/** Not preceded by a letter or digit. */
export const WORD_START = '(?<![\\p{L}\\p{N}])';
/** Not followed by a letter or digit. */
export const WORD_END = '(?![\\p{L}\\p{N}])';
