/**
 * i18next JSON v4 plural keys: `<base>_<category>` and `<base>_ordinal_<category>`, with the CLDR
 * category names. `<base>_zero` is also i18next's special key for count 0 (cardinal only).
 */
import { CLDR_CATEGORY_ORDER } from './plural-categories.js';

const SUFFIX = new RegExp(`^(.+?)_(ordinal_)?(${CLDR_CATEGORY_ORDER.join('|')})$`);

export interface PluralKeyParts {
  base: string;
  ordinal: boolean;
  category: string;
}

/** The parts of a plural-suffixed key, or undefined for any other key. */
export function splitPluralKey(key: string): PluralKeyParts | undefined {
  const match = SUFFIX.exec(key);
  if (match === null) return undefined;
  return { base: match[1]!, ordinal: match[2] !== undefined, category: match[3]! };
}

export function pluralKey(base: string, category: string, ordinal: boolean): string {
  return `${base}_${ordinal ? 'ordinal_' : ''}${category}`;
}

/** A path with its last key replaced by the plural key. */
export function pluralPath(path: readonly string[], category: string, ordinal: boolean): string[] {
  return [...path.slice(0, -1), pluralKey(path[path.length - 1] ?? '', category, ordinal)];
}
