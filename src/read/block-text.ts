/** Helpers shared by the plain-text and Markdown readers. */

/**
 * Block text as readers emit it: runs of spaces and tabs become one space, the ends are trimmed.
 * U+00A0 and U+202F inside the text are kept (they bind `26 млрд`).
 */
export function blockText(raw: string): string {
  return raw.replace(/[ \t\n]+/g, ' ').trim();
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
