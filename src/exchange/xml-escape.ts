/**
 * XML 1.0 text helpers shared by the exchange formats: escaping for element content and attribute
 * values, the characters XML 1.0 cannot carry at all, and decoding of character and entity references
 * (fast-xml-parser leaves numeric references undecoded, so readers run it with `processEntities:
 * false` and decode with `decodeXmlReferences`, which sees every `&` exactly once).
 */

/**
 * Element content: `&`, `<`, `>` as entities; CR as `&#13;` (a literal CR would become LF on
 * reading). Quotes need no escaping in content and are kept readable.
 */
export function escapeXmlText(text: string): string {
  return text.replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch] as string);
}

/** Attribute values (always written in double quotes): also `"`, and tab/LF/CR as references. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch] as string);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };

/** Code points outside XML 1.0's `Char` production: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NON_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character XML 1.0 cannot represent (not even as `&#…;`), or undefined when there is none. */
export function findNonXmlChar(text: string): { index: number; codePoint: string } | undefined {
  const match = NON_XML_CHAR.exec(text);
  if (match === null) return undefined;
  const code = match[0].codePointAt(0) as number;
  return { index: match.index, codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][\w.-]*));|&/g;

/**
 * Replaces `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#N;`/`&#xH;` in raw (undecoded) XML text.
 * Throws `Error` with a message for any other entity, a bare `&` or a reference beyond U+10FFFF;
 * callers wrap it in their own error naming the file and line. References to characters XML 1.0
 * forbids (`&#1;`, written by some tools) are decoded: check the result with `findNonXmlChar`.
 */
export function decodeXmlReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const value = PREDEFINED[name];
      if (value === undefined) {
        throw new Error(`the entity ${whole} is not supported (only &lt; &gt; &amp; &quot; &apos; and numeric references like &#x4E2D; are read)`);
      }
      return value;
    }
    if (hex === undefined && dec === undefined) throw new Error('a bare "&" (write it as &amp;)');
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec as string, 10);
    if (code > 0x10ffff) throw new Error(`the reference ${whole} is beyond U+10FFFF`);
    return String.fromCodePoint(code);
  });
}
