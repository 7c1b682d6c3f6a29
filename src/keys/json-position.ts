/** Where things are in a JSON text, for messages. Lines and columns are 1-based. */

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Line/column of a JSON.parse SyntaxError, when V8's message gives a position. */
export function syntaxErrorPosition(error: unknown, text: string): { line: number; column: number } | undefined {
  const message = error instanceof Error ? error.message : '';
  const explicit = /line (\d+) column (\d+)/.exec(message);
  if (explicit) return { line: Number(explicit[1]), column: Number(explicit[2]) };
  const position = /at position (\d+)/.exec(message);
  if (position) return lineColumn(text, Number(position[1]));
  if (/end of JSON input/.test(message)) return lineColumn(text, text.length);
  return undefined;
}

/**
 * Start line of each element of the top-level `"blocks"` array, by a scan that tracks strings
 * and nesting. Only called on text JSON.parse accepted, so the text is well-formed.
 */
export function blockEntryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastTopString = '';
  let blocksDepth = -1; // depth of the "blocks" array's contents, -1 outside it
  let expectElement = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') k++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastTopString = text.slice(stringStart + 1, k);
      }
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === blocksDepth && expectElement && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') {
      inString = true;
      stringStart = k;
    } else if (ch === '{' || ch === '[') {
      depth++;
      if (ch === '[' && depth === 2 && lastTopString === 'blocks') {
        blocksDepth = depth;
        expectElement = true;
      }
    } else if (ch === '}' || ch === ']') {
      if (depth === blocksDepth) blocksDepth = -1;
      depth--;
    } else if (ch === ',' && depth === blocksDepth) expectElement = true;
  }
  return lines;
}
