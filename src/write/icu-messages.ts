/**
 * Plain text as an ICU MessageFormat message, for article texts in the ICU bundles
 * (`locales/icu/<lng>.json`, written by icu-bundle.ts).
 *
 * Escaping follows ICU's DOUBLE_OPTIONAL apostrophe mode, which @formatjs/icu-messageformat-parser
 * implements: `''` is always one apostrophe; a single `'` starts a quoted literal only before
 * `{ } < > '` (and `#` inside plural/selectordinal); any other `'` is literal. So `O'Brien` and the
 * typographic ’ « » “ ” stay as they are. `<` followed by an ASCII letter or `/` starts a rich-text
 * tag (the parser's `ignoreTag` defaults to false, as in `createIntl`), so every `<` is quoted;
 * `>` alone is literal. `{` `}` are always quoted. `#` is literal outside plurals and is left alone
 * unless `insidePlural` is set.
 */
export interface IcuEscapeOptions {
  /** The text goes inside a plural/selectordinal branch, where `#` is the number. */
  readonly insidePlural?: boolean;
}

/**
 * The ICU message that renders exactly as `text`. The result may sit between ICU syntax elements
 * (arguments, plural branch braces, tags); adjacent literal texts must be escaped together, since
 * two escaped pieces written side by side can merge their quotes.
 */
export function escapeIcuText(text: string, options: IcuEscapeOptions = {}): string {
  const quoted = (c: string | undefined): boolean =>
    c === '{' || c === '}' || c === '<' || (options.insidePlural === true && c === '#');
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; ) {
    const c = chars[i] as string;
    if (quoted(c)) {
      // A quoted run absorbs following specials and apostrophes (written `''` inside quotes), so
      // the closing `'` is never followed by an apostrophe that would merge into `''`.
      out += "'";
      while (i < chars.length && (quoted(chars[i]) || chars[i] === "'")) {
        out += chars[i] === "'" ? "''" : chars[i];
        i += 1;
      }
      out += "'";
    } else if (c === "'") {
      const next = chars[i + 1];
      // Doubled when a single one would open a quote, and at the end, where ICU syntax may follow.
      out += next === undefined || next === "'" || next === '>' || quoted(next) ? "''" : "'";
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
