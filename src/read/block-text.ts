/** Helpers shared by the plain-text and Markdown readers. */
import { isSpaceCode } from './char-scan.js';

/**
 * Block text as readers emit it: runs of spaces and tabs become one space, the ends are trimmed.
 * U+00A0 and U+202F inside the text are kept (they bind `26 млрд`).
 */
export function blockText(raw: string): string {
  // Most lines are already block text: return them as they are rather than as a copy.
  return isBlockText(raw) ? raw : raw.replace(/[ \t\n]+/g, ' ').trim();
}

/** No tab, line break or double space inside, no whitespace at either end. */
function isBlockText(raw: string): boolean {
  if (raw === '') return true;
  if (isSpaceCode(raw.charCodeAt(0)) || isSpaceCode(raw.charCodeAt(raw.length - 1))) return false;
  return !raw.includes('\t') && !raw.includes('\n') && !raw.includes('  ');
}

/** `RegExp#test` without the `lastIndex` state a `g` or `y` flag would carry between calls. */
export function matches(pattern: RegExp | ((text: string) => boolean), text: string): boolean {
  if (typeof pattern === 'function') return pattern(text);
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

export function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((p) => matches(p, text));
}
