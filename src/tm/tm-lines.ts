/** Splitting a UTF-8 buffer into lines without decoding it as one (possibly huge) string. */

export interface LineVisitor {
  /**
   * Called once per line. `text` excludes the `\n`; `end` is the byte offset just after the line
   * (after its `\n` when `terminated`). Return `false` to stop.
   */
  (text: string, lineNumber: number, end: number, terminated: boolean): boolean | void;
}

/** Bytes decoded at a time: a chunk ends at a `\n`, so no UTF-8 sequence is cut (a longer line is one chunk). */
const CHUNK_BYTES = 1 << 22;

/**
 * Visits every line of `buf`; a final piece after the last `\n` is visited with `terminated: false`.
 * The buffer is decoded a few MB at a time (one decode per chunk, not per line) and each chunk's
 * lines are cut from its string: a `\n` byte is never part of a multi-byte sequence, so the bytes
 * and the string split at the same places and each line reads as if decoded alone.
 */
export function forEachLine(buf: Uint8Array, visit: LineVisitor, chunkBytes = CHUNK_BYTES): void {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let start = 0;
  let lineNumber = 1;
  while (start < bytes.length) {
    const newline = bytes.lastIndexOf(10, Math.min(start + chunkBytes, bytes.length) - 1);
    const chunkEnd = newline >= start ? newline + 1 : nextLineEnd(bytes, start);
    const text = bytes.toString('utf8', start, chunkEnd);
    let at = 0; // in `text`
    while (start < chunkEnd) {
      const byteNewline = bytes.indexOf(10, start);
      const terminated = byteNewline !== -1 && byteNewline < chunkEnd;
      const end = terminated ? byteNewline + 1 : chunkEnd;
      const charNewline = terminated ? text.indexOf('\n', at) : text.length;
      if (visit(text.slice(at, charNewline), lineNumber, end, terminated) === false) return;
      at = charNewline + 1;
      start = end;
      lineNumber++;
    }
  }
}

/** The end of the line starting at `start` (after its `\n`, or the end of the buffer). */
function nextLineEnd(bytes: Buffer, start: number): number {
  const newline = bytes.indexOf(10, start);
  return newline === -1 ? bytes.length : newline + 1;
}
