/** Where a JSON.parse syntax error is, for messages. Lines and columns are 1-based. */

function lineColumn(text: string, offset: number): { line: number; column: number } {
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
