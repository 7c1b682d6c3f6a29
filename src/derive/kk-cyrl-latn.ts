import { KK_LATIN_ALL_CAPS, KK_LATIN_LOWER, KK_LATIN_UPPER } from './kk-latin-table.js';

/** A run of Cyrillic letters: the unit whose case decides how Ё, Ю, Я are capitalised. */
const CYRILLIC_RUN = /\p{Script=Cyrillic}+/gu;

/**
 * Kazakh Cyrillic text → the 2021 Latin alphabet (see `kk-latin-table.ts`). Only Cyrillic letters
 * change: digits, punctuation, Latin words and symbols are kept. A Cyrillic letter outside the
 * Kazakh alphabet (e.g. Ukrainian ї) is kept as it is, and the `script` check reports it.
 */
export function kazakhCyrillicToLatin(text: string): string {
  return text.replace(CYRILLIC_RUN, (word) => {
    const allCaps = word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
    let out = '';
    for (const letter of word) {
      const upper = KK_LATIN_UPPER[letter];
      if (upper !== undefined) out += (allCaps && KK_LATIN_ALL_CAPS[letter]) || upper;
      else out += KK_LATIN_LOWER[letter] ?? letter;
    }
    return out;
  });
}
