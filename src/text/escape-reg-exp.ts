/**
 * `text` as a regex source that matches it literally. Only syntax characters and `/` are escaped:
 * they are the only identity escapes valid in `u` mode (`\-` is a syntax error there).
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
