import type { BlockKind } from '../read/source-block.js';
import { slugWords } from './transliterate.js';

/**
 * Readable keys: `<prefix>-<first words>`, e.g. `p-predsedatel-knr-si`.
 * Invariant: every key matches KEY_PATTERN — no `.` (i18next key separator), no `_` (i18next
 * plural/context suffixes), never empty.
 */
export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest key built from words, before a uniqueness suffix (`-2`, `-3`…) is added. */
export const MAX_KEY_LENGTH = 32;

/** How many leading words of the text go into a key. */
const KEY_WORDS = 3;

const KIND_PREFIX: Readonly<Record<BlockKind, string>> = {
  title: 'title',
  heading: 'h',
  paragraph: 'p',
  caption: 'caption',
  'list-item': 'li',
  table: 'table',
};

/** `prefix-word1-word2-word3`, cut at a word boundary to MAX_KEY_LENGTH; `undefined` if no words. */
function wordsKey(prefix: string, text: string): string | undefined {
  let key = prefix;
  for (const word of slugWords(text, KEY_WORDS)) {
    const room = MAX_KEY_LENGTH - key.length - 1;
    if (word.length <= room) key += `-${word}`;
    else {
      // Only the first word may be cut, so that a key never ends up as the bare prefix.
      if (key === prefix) key += `-${word.slice(0, Math.max(room, 1))}`;
      break;
    }
  }
  return key === prefix ? undefined : key;
}

/**
 * The key of a new block, unique against `isTaken`: `title` for the first title, else the kind
 * prefix (`title`, `h`, `p`, `caption`, `li`) + the slug of the first 3 words, else `base-2`,
 * `base-3`… Keys without words count `p-1`, `p-2`… (and a title `title`, `title-2`…) rather
 * than `p-1-2`.
 *
 * `resume` (optional) remembers, per stem, where the next search for a free suffix starts, so that
 * k blocks of one stem cost k look-ups rather than k²/2. It is only right when every key returned
 * is then taken and no key is ever freed (as in `assignKeys`).
 */
export function uniqueSlugKey(kind: BlockKind, text: string, isTaken: (key: string) => boolean, resume?: Map<string, number>): string {
  const prefix = KIND_PREFIX[kind];
  if (kind === 'title' && !isTaken(prefix)) return prefix;
  const words = wordsKey(prefix, text);
  if (words !== undefined && !isTaken(words)) return words;
  const stem = words ?? prefix;
  for (let n = resume?.get(stem) ?? (words === undefined && kind !== 'title' ? 1 : 2); ; n++) {
    if (!isTaken(`${stem}-${n}`)) {
      resume?.set(stem, n + 1);
      return `${stem}-${n}`;
    }
  }
}
