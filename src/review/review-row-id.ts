/**
 * The element id of a key's row: `row-<namespace>.<key>`. HTML ids may not contain whitespace, so
 * `%` and whitespace characters are percent-encoded (`%25`, `%20`…); ids stay unique per key and
 * usable as `#fragment` links.
 */
export function reviewRowId(namespace: string, key: string): string {
  const encoded = `${namespace}.${key}`.replace(/[%\s]/gu, (ch) =>
    Array.from(new TextEncoder().encode(ch), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return `row-${encoded}`;
}
