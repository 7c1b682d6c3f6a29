/**
 * XML with entity declarations is refused by name before any parser sees it: Tilmash never reads an
 * external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`), a parameter entity (`<!ENTITY % p …>`)
 * or an internal one (entity expansion bombs). A DOCTYPE without declarations is fine.
 */

export interface EntityDeclaration {
  /** 1-based line and column of the `<!ENTITY`. */
  line: number;
  column: number;
  /** e.g. `an external entity 'xxe' (SYSTEM "file:///etc/passwd")`. */
  message: string;
}

const DOCTYPE = /<!DOCTYPE\b/iu;
const ENTITY = /<!ENTITY\s+(%\s*)?([^\s>]+)\s*(SYSTEM|PUBLIC)?\s*("[^"]*"|'[^']*')?/gu;

/** The first entity declaration in `text`'s DOCTYPE, or undefined. */
export function findEntityDeclaration(text: string): EntityDeclaration | undefined {
  const doctype = DOCTYPE.exec(text);
  if (!doctype) return undefined;
  ENTITY.lastIndex = doctype.index;
  const match = ENTITY.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  const [, percent, name, external, literal] = match;
  const what = percent ? 'a parameter entity' : external ? 'an external entity' : 'an entity declaration';
  const detail = external ? ` (${external}${literal ? ` ${literal}` : ''})` : '';
  return {
    line,
    column,
    message: `${what} '${name}'${detail} in the DOCTYPE is refused: Tilmash never reads or expands XML entities. Remove the <!ENTITY> declarations (and their uses) from the file.`,
  };
}
