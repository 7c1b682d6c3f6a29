/**
 * Character trigrams for the compact fuzzy index (`gram-index.ts`). Each UTF-16 unit of a folded
 * text is mapped to one byte through a character table (the first 255 distinct units seen get their
 * own byte, from 1 up; any further unit shares a byte with others), and a trigram is the number
 * (a·r + b)·r + c of its three bytes in radix r, one more than the highest byte the table uses: below
 * 2^24, and below 10^6 for the few dozen letters, digits and signs of one language's texts. Mapping
 * characters through any fixed table keeps the q-gram lemma sound: two texts within edit distance k
 * still differ in at most 3k trigram occurrences after the mapping, so a shared byte only adds
 * candidates, never drops one.
 */

/** UTF-16 unit → byte (0: never seen while building, so no indexed text contains it). */
export type CharTable = Uint8Array;

export function newCharTable(): CharTable {
  return new Uint8Array(0x1_0000);
}

/** Assigns bytes to the units of `units[from..to)` not yet in `table`; `next` is the next free byte (1–255). */
export function learnChars(table: CharTable, units: Uint16Array, from: number, to: number, next: number): number {
  for (let i = from; i < to; i++) {
    const unit = units[i] as number;
    if (table[unit] !== 0) continue;
    table[unit] = next <= 255 ? next++ : 1 + (unit % 255);
  }
  return next;
}

/** The radix of the table's trigram codes: one more than the highest byte it assigns (at least 2). */
export function gramRadix(table: CharTable): number {
  let highest = 1;
  for (const byte of table) if (byte > highest) highest = byte;
  return highest + 1;
}

/** The distinct trigram codes of `text` in `radix` (`gramRadix(table)`), unordered (for queries: a small Set is fine). */
export function distinctGrams(text: string, table: CharTable, radix: number): number[] {
  const codes = new Set<number>();
  if (text.length < 3) return [];
  let a = table[text.charCodeAt(0)] as number;
  let b = table[text.charCodeAt(1)] as number;
  for (let i = 2; i < text.length; i++) {
    const c = table[text.charCodeAt(i)] as number;
    codes.add((a * radix + b) * radix + c);
    a = b;
    b = c;
  }
  return [...codes];
}

/**
 * UTF-16 unit → its lower-case unit, for units where NFC is the identity and lower-casing is one unit
 * to one unit and context-free (ASCII, Latin-1 and Latin Extended, Cyrillic, general punctuation):
 * 0x20 for whitespace, 0 for any other unit (the slow path, `foldForMatch`, handles those texts).
 */
let lowerTable: Uint16Array | undefined;

const FAST_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x09, 0x0d], [0x20, 0x7e], [0xa0, 0x2ff], [0x400, 0x482], [0x48a, 0x52f], [0x2010, 0x2027], [0x202f, 0x205e], [0x20a0, 0x20c0],
];

function lowerUnits(): Uint16Array {
  if (lowerTable !== undefined) return lowerTable;
  const table = new Uint16Array(0x1_0000);
  for (const [from, to] of FAST_RANGES) {
    for (let unit = from; unit <= to; unit++) {
      const text = String.fromCharCode(unit);
      if (text.normalize('NFC') !== text) continue;
      if (/\s/u.test(text)) table[unit] = 0x20;
      else {
        const lower = text.toLowerCase();
        if (lower.length === 1 && lower !== ' ' && lower.normalize('NFC') === lower) table[unit] = lower.charCodeAt(0);
      }
    }
  }
  return (lowerTable = table);
}

/**
 * Writes `foldForMatch(text)` as UTF-16 units into `out` (at least `text.length` long) and returns its
 * length, or −1 when `text` has a unit outside the fast ranges (the caller folds it the slow way).
 * No string is made: building the index folds every source once.
 */
export function foldUnits(text: string, out: Uint16Array): number {
  const lower = lowerUnits();
  let length = 0;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const unit = lower[text.charCodeAt(i)] as number;
    if (unit === 0) return -1;
    if (unit === 0x20) {
      space = length > 0;
      continue;
    }
    if (space) out[length++] = 0x20;
    space = false;
    out[length++] = unit;
  }
  return length;
}
