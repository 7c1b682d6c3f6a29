/** Splitting a UTF-8 buffer into lines without decoding it as one (possibly huge) string. */

export interface LineVisitor {
  /**
   * Called once per line. `text` excludes the `\n`; `end` is the byte offset just after the line
   * (after its `\n` when `terminated`). Return `false` to stop.
   */
  (text: string, lineNumber: number, end: number, terminated: boolean): boolean | void;
}

/** Visits every line of `buf`; a final piece after the last `\n` is visited with `terminated: false`. */
export function forEachLine(buf: Uint8Array, visit: LineVisitor): void {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let start = 0;
  let lineNumber = 1;
  while (start < bytes.length) {
    const newline = bytes.indexOf(10, start);
    const terminated = newline !== -1;
    const end = terminated ? newline + 1 : bytes.length;
    const text = bytes.toString('utf8', start, terminated ? newline : end);
    if (visit(text, lineNumber, end, terminated) === false) return;
    start = end;
    lineNumber++;
  }
}
