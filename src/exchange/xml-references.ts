/**
 * Decoding of character and entity references for the TMX reader (fast-xml-parser leaves numeric
 * references undecoded, so it runs with `processEntities: false` and `decodeXmlReferences` sees
 * every `&` exactly once). Unlike `decodeXmlEntities` (xml-text.ts), references to characters XML
 * forbids are decoded, so the reader can skip that one unit instead of refusing the file.
 */

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
