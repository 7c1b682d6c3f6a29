/**
 * Which article texts i18next would not show as written.
 *
 * i18next has NO escape syntax for its own markers (i18next/i18next#722; the Interpolator in
 * i18next 26 has no escape branch). With default options `t()` rewrites, in a resource value:
 *   - `{{name}}` / `{{- name}}` / `{{name, format}}` (regex `{{(.+?)}}`, one line) whenever a variable
 *     of that name is passed — `t(key, {count: 2})` turns `{{count}}` into `2`; missing variables are
 *     kept only because `skipOnVariables` defaults to true;
 *   - `$t(other)` (nesting), which is replaced by the translation of `other`, or by `other` itself.
 * Changing the caller's `interpolation` options or inserting invisible characters would alter what
 * users see, so values are written verbatim (JSON escaping only) and an article text containing
 * such syntax is left out: job/assemble-bundles.ts checks every article entry with
 * `findI18nextSyntax` and reports a problem for that key instead of writing it. (App strings in
 * i18next syntax mean their markers and are written as they are.)
 */

/** Same pattern as i18next's default interpolation regex (`.` does not cross line breaks). */
const INTERPOLATION = /\{\{.+?\}\}/;
/** Conservative superset of i18next's default nesting regex: `$t(` … `)` anywhere later. */
const NESTING = /\$t\([\s\S]*?\)/;

/** The first substring i18next would treat as interpolation or nesting, or undefined if none. */
export function findI18nextSyntax(text: string): string | undefined {
  const found = [INTERPOLATION.exec(text), NESTING.exec(text)].filter((m) => m !== null);
  found.sort((a, b) => a.index - b.index);
  return found[0]?.[0];
}
