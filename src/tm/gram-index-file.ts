/**
 * The fuzzy index on disk: a 64-byte header (magic, format version, counts, the key of the TM state
 * it was built from, a CRC-32 of the payload) and the typed arrays of `GramIndexData`, little-endian,
 * each 4-byte aligned. Reading checks everything that could make a query wrong or crash (size, key,
 * CRC, offsets, ids) and returns undefined for any file that does not pass: the caller rebuilds.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { GramIndexData } from './gram-index-build.js';
import { gramRadix } from './fuzzy-grams.js';

const MAGIC = 'TLMSHFZ1';
const VERSION = 4;
const HEADER_BYTES = 64;
const KEY_BYTES = 32;
const TABLE_BYTES = 0x1_0000;

function payloadParts(data: GramIndexData): Uint8Array[] {
  return [data.table, data.order, data.lengths, data.distinct, data.gramCodes, data.gramStart, data.postings].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function header(data: GramIndexData, key: string, crc: number): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(VERSION, 8);
  head.writeUInt32LE(data.lengths.length, 12);
  head.writeUInt32LE(data.gramCodes.length, 16);
  head.writeUInt32LE(data.postings.length, 20);
  head.writeUInt32LE(crc >>> 0, 24);
  head.write(key.padEnd(KEY_BYTES, '\0').slice(0, KEY_BYTES), 28, 'latin1');
  return head;
}

/**
 * Writes the index to `file` through a temp file and a rename (a reader sees the old or the new file);
 * returns its size. Synchronous: suggestions are asked for synchronously (`createSuggester`).
 */
export function writeGramIndexFile(file: string, data: GramIndexData, key: string): number {
  const parts = payloadParts(data);
  let crc = 0;
  for (const part of parts) crc = crc32(part, crc);
  const temp = join(dirname(file), `.tilmash-tmp-${randomBytes(6).toString('hex')}-${basename(file)}`);
  const fd = openSync(temp, 'wx');
  let size = 0;
  try {
    for (const part of [header(data, key, crc), ...parts]) {
      for (let done = 0; done < part.length; ) done += writeSync(fd, part, done);
      size += part.length;
    }
    closeSync(fd);
    renameSync(temp, file);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temp);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
  return size;
}

/** The index in `file` when it is whole, current (`key`, `sources` count) and consistent; otherwise undefined. */
export function readGramIndexFile(file: string, key: string, sources: number): GramIndexData | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 8) !== MAGIC || bytes.readUInt32LE(8) !== VERSION) return undefined;
  if (bytes.toString('latin1', 28, 28 + KEY_BYTES) !== key.padEnd(KEY_BYTES, '\0').slice(0, KEY_BYTES)) return undefined;
  const n = bytes.readUInt32LE(12);
  const grams = bytes.readUInt32LE(16);
  const postings = bytes.readUInt32LE(20);
  if (n !== sources || bytes.length !== HEADER_BYTES + TABLE_BYTES + 4 * (3 * n + grams + grams + 1 + postings)) return undefined;
  if (crc32(bytes.subarray(HEADER_BYTES)) >>> 0 !== bytes.readUInt32LE(24)) return undefined;
  // readFile gives a buffer of its own, but copy when it is not 4-byte aligned.
  const base = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  let at = base.byteOffset + HEADER_BYTES;
  const take = (length: number): Uint32Array => {
    const view = new Uint32Array(base.buffer, at, length);
    at += 4 * length;
    return view;
  };
  const table = new Uint8Array(base.buffer, at, TABLE_BYTES);
  at += TABLE_BYTES;
  const data: GramIndexData = { table, order: take(n), lengths: take(n), distinct: take(n), gramCodes: take(grams), gramStart: take(grams + 1), postings: take(postings) };
  return consistent(data) ? data : undefined;
}

/** Codes ascending, offsets ascending from 0 to the postings' end, every id a text, `order` a permutation, lengths in order. */
function consistent(data: GramIndexData): boolean {
  const { gramCodes, gramStart, postings, lengths, order } = data;
  const seen = new Uint8Array(order.length);
  for (const position of order) {
    if (position >= order.length || seen[position] === 1) return false;
    seen[position] = 1;
  }
  for (let id = 1; id < lengths.length; id++) if ((lengths[id] as number) < (lengths[id - 1] as number)) return false;
  const space = gramRadix(data.table) ** 3;
  if (gramCodes.length > 0 && (gramCodes[0] as number) >= space) return false;
  for (let g = 1; g < gramCodes.length; g++) if ((gramCodes[g] as number) <= (gramCodes[g - 1] as number) || (gramCodes[g] as number) >= space) return false;
  if (gramStart[0] !== 0 || gramStart[gramCodes.length] !== postings.length) return false;
  for (let g = 1; g < gramStart.length; g++) if ((gramStart[g] as number) < (gramStart[g - 1] as number)) return false;
  const n = lengths.length;
  for (let p = 0; p < postings.length; p++) if ((postings[p] as number) >= n) return false;
  return true;
}
