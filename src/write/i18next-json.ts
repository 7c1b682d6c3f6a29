/**
 * i18next JSON v4 resource files: `locales/<lng>/<namespace>.json`, a flat key → string object.
 *
 * i18next has NO escape syntax for its own markers (i18next/i18next#722; the Interpolator in
 * i18next 26 has no escape branch). With default options `t()` rewrites, in a resource value:
 *   - `{{name}}` / `{{- name}}` / `{{name, format}}` (regex `{{(.+?)}}`, one line) whenever a variable
 *     of that name is passed — `t(key, {count: 2})` turns `{{count}}` into `2`; missing variables are
 *     kept only because `skipOnVariables` defaults to true;
 *   - `$t(other)` (nesting), which is replaced by the translation of `other`, or by `other` itself.
 * Changing the caller's `interpolation` options or inserting invisible characters would alter what
 * users see, so the chosen behaviour is: values are written verbatim (JSON escaping only), and a
 * value containing such syntax is refused. Callers check `findI18nextSyntax` first and report a
 * diagnostic for that key; `formatI18nextJson` throws a plain Error (a Tilmash bug) if they did not.
 */
import { formatFlatJson } from './flat-json.js';

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

/**
 * The resource value that renders as `text` under default i18next options: `text` itself, since
 * plain prose needs no escaping. Throws when `text` contains i18next syntax (see the file comment).
 */
export function escapeI18nextValue(text: string): string {
  const syntax = findI18nextSyntax(text);
  if (syntax !== undefined) {
    throw new Error(
      `i18next cannot show ${JSON.stringify(syntax)} literally; check findI18nextSyntax() before writing`,
    );
  }
  return text;
}

/**
 * One namespace file. Keys are written in the given order and must not contain i18next's key
 * separator `.` or namespace separator `:` (they would not be found by `t(key)`).
 */
export function formatI18nextJson(entries: ReadonlyArray<readonly [key: string, value: string]>): string {
  for (const [key] of entries) {
    if (key === '' || key.includes('.') || key.includes(':')) {
      throw new Error(`i18next key ${JSON.stringify(key)} is empty or contains "." or ":"`);
    }
  }
  return formatFlatJson(entries.map(([key, value]) => [key, escapeI18nextValue(value)] as const));
}
