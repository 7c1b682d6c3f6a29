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
  const specials = options.insidePlural === true ? PLURAL_SPECIALS : SPECIALS;
  if (!specials.test(text)) return text; // most article text: nothing to quote
  const plural = options.insidePlural === true;
  // Every special is ASCII, so UTF-16 indexes are safe (a surrogate pair is never split); literal
  // runs are copied as slices, not character by character.
  const quoted = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return c === 0x7b || c === 0x7d || c === 0x3c || (plural && c === 0x23); // { } < #
  };
  const parts: string[] = [];
  let literalStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!quoted(i) && c !== APOSTROPHE) {
      i += 1;
      continue;
    }
    parts.push(text.slice(literalStart, i));
    if (c === APOSTROPHE) {
      // Doubled when a single one would open a quote, and at the end, where ICU syntax may follow.
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : undefined;
      parts.push(next === undefined || next === APOSTROPHE || next === 0x3e || quoted(i + 1) ? "''" : "'");
      i += 1;
    } else {
      // A quoted run absorbs following specials and apostrophes (written `''` inside quotes), so
      // the closing `'` is never followed by an apostrophe that would merge into `''`.
      const runStart = i;
      while (i < text.length && (quoted(i) || text.charCodeAt(i) === APOSTROPHE)) i += 1;
      parts.push(`'${text.slice(runStart, i).replaceAll("'", "''")}'`);
    }
    literalStart = i;
  }
  parts.push(text.slice(literalStart));
  return parts.join('');
}

const APOSTROPHE = 0x27;
const SPECIALS = /[{}<']/u;
const PLURAL_SPECIALS = /[{}<'#]/u;
