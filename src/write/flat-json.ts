/**
 * Serialises a flat string→string JSON object from ordered entries.
 *
 * Invariants: entries keep the given order (a JS object would move integer-like keys such as "10"
 * and "2" first, so no object is built); output is byte-identical to `JSON.stringify(obj, null, 2)`
 * for an object with that key order, uses `\n` line endings and ends with one trailing newline.
 * A duplicate key throws (a caller bug: JSON readers would silently keep only the last one).
 */
export function formatFlatJson(entries: ReadonlyArray<readonly [key: string, value: string]>): string {
  if (entries.length === 0) return '{}\n';
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (seen.has(key)) throw new Error(`duplicate key ${JSON.stringify(key)} in a flat JSON bundle`);
    seen.add(key);
    lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  }
  return `{\n${lines.join(',\n')}\n}\n`;
}
