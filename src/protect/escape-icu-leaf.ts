/** Characters that must be quoted in a leaf (`#` is the count inside a plural branch). */
const SPECIAL = new Set(['{', '}', '<', '#']);

/**
 * Visible text → ICU source for a message leaf, as `tokenizeIcu` reads it back: every apostrophe
 * doubled (`'` → `''`), runs of `{ } < #` quoted (`'{'`, `'<b>'`…). A quoted run absorbs the
 * apostrophes right after it (as `''`), so its closing quote is never followed by one.
 */
export function escapeIcuLeaf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (SPECIAL.has(c)) {
      out += "'";
      while (i < text.length && (SPECIAL.has(text[i] as string) || text[i] === "'")) {
        out += text[i] === "'" ? "''" : text[i];
        i += 1;
      }
      out += "'";
    } else {
      out += c === "'" ? "''" : c;
      i += 1;
    }
  }
  return out;
}
