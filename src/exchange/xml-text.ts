/**
 * XML 1.0 text helpers shared by the TMX and XLIFF writers and readers. Escaping keeps every
 * character a parser would otherwise change: `\r` (line-end normalisation) in text, and tab and
 * line ends in attributes (attribute-value normalisation turns them into spaces).
 */

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;' };

/** Escapes element content. `>` is escaped too, so `]]>` can never appear. */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Escapes a value written between double quotes. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/[&<>"\r\t\n]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** Characters XML 1.0 cannot carry at all, not even as character references (C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character of `text` that XML 1.0 cannot carry: its index and its code point as `U+0001`. */
export function findNonXmlChar(text: string): { index: number; codePoint: string } | undefined {
  const found = NOT_XML_CHAR.exec(text);
  if (found === null) return undefined;
  return { index: found.index, codePoint: `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` };
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Every `&` of raw text: a character reference, a named entity, or (last alternative) a malformed
 * reference up to its `;` or a bare `&`. The parsers run with `processEntities: false` (they would
 * leave `&#x4E2D;` undecoded), so the decoder sees every `&` exactly once.
 */
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][\w.-]*));|&[^;&]*;?/g;

export interface DecodeXmlOptions {
  /**
   * A reference to a character XML 1.0 forbids (`&#1;`, written by some tools): `reject` (the
   * default) treats it as bad; `decode` decodes it, for the caller to find with `findNonXmlChar`.
   */
  forbidden?: 'reject' | 'decode';
  /**
   * Called with a bad reference as written and what is wrong with it (an entity other than the five
   * predefined ones, a bare `&`, a reference beyond U+10FFFF). Without it, an `Error` with the problem
   * is thrown, for the caller to wrap in its own error naming the file and line.
   */
  onBad?: (reference: string, problem: string) => never;
}

/**
 * Replaces the five predefined entities and character references of raw XML text in one pass (so
 * `&amp;lt;` gives `&lt;`); anything else is a bad reference (see `DecodeXmlOptions`).
 */
export function decodeXmlEntities(raw: string, options: DecodeXmlOptions = {}): string {
  if (!raw.includes('&')) return raw;
  const bad =
    options.onBad ??
    ((_reference: string, problem: string): never => {
      throw new Error(problem);
    });
  return raw.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      return NAMED_ENTITIES[name] ?? bad(whole, `the entity ${whole} is not supported (only &lt; &gt; &amp; &quot; &apos; and numeric references like &#x4E2D; are read)`);
    }
    if (hex === undefined && dec === undefined) return bad(whole, 'a bare "&" (write it as &amp;)');
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec as string, 10);
    if (code > 0x10ffff) return bad(whole, `the reference ${whole} is beyond U+10FFFF`);
    const char = String.fromCodePoint(code);
    if (options.forbidden === 'decode' || findNonXmlChar(char) === undefined) return char;
    return bad(whole, `the reference ${whole} stands for a character XML 1.0 forbids`);
  });
}
