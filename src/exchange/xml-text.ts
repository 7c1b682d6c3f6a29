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
 * Replaces the five predefined entities and character references in one pass (so `&amp;lt;` gives
 * `&lt;`). An undeclared entity or a reference to a character XML forbids calls `onBad` with it.
 */
export function decodeXmlEntities(raw: string, onBad: (reference: string) => never): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]*);/g, (reference, name: string) => {
    const named = NAMED_ENTITIES[name];
    if (named !== undefined) return named;
    const numeric = /^#(?:([0-9]+)|x([0-9a-fA-F]+))$/.exec(name);
    if (numeric === null) return onBad(reference);
    const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 10) : Number.parseInt(numeric[2] ?? '', 16);
    if (code > 0x10ffff) return onBad(reference);
    const char = String.fromCodePoint(code);
    return findNonXmlChar(char) === undefined ? char : onBad(reference);
  });
}
