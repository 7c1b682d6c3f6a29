import { describe, expect, it } from 'vitest';
import { forEachLine } from '../src/tm/tm-lines.js';

type Line = [string, number, number, boolean];

/** What a line reader must give: each line decoded on its own, with its end offset in bytes. */
function linesOneByOne(buf: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let n = 1; start < buf.length; n++) {
    const newline = buf.indexOf(10, start);
    const end = newline === -1 ? buf.length : newline + 1;
    lines.push([buf.toString('utf8', start, newline === -1 ? end : newline), n, end, newline !== -1]);
    start = end;
  }
  return lines;
}

function read(buf: Buffer, chunkBytes?: number): Line[] {
  const lines: Line[] = [];
  forEachLine(buf, (text, n, end, terminated) => void lines.push([text, n, end, terminated]), chunkBytes);
  return lines;
}

describe('forEachLine (decoded a chunk at a time)', () => {
  const pieces = [Buffer.from('\n'), Buffer.from('Қазақ тілі 汉字 '), Buffer.from([0xd0]), Buffer.from([0xe6, 0xb1]), Buffer.from([0xff]), Buffer.from('{"a":1}')];
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const buffers = Array.from({ length: 300 }, () => Buffer.concat(Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)] as Buffer)));

  it('gives the same lines, offsets and line numbers as decoding each line alone, whatever the chunk size', () => {
    for (const buf of buffers) {
      const expected = linesOneByOne(buf);
      for (const chunk of [1, 2, 3, 5, 16, 1 << 22]) expect(read(buf, chunk)).toEqual(expected);
    }
  });

  it('stops when the visitor returns false', () => {
    const seen: string[] = [];
    forEachLine(Buffer.from('a\nб\nc\n'), (text) => (seen.push(text), text !== 'б'), 2);
    expect(seen).toEqual(['a', 'б']);
  });
});
