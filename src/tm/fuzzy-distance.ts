/**
 * The two primitives of fuzzy matching: the folded form texts are compared in, and a Levenshtein
 * distance that gives up once it exceeds a bound. Lengths and edits count UTF-16 code units (every
 * Russian, Kazakh and Chinese letter is one).
 */

/** NFC, lower case, every whitespace run as one space, trimmed: case and spacing are not edits. */
export function foldForMatch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Per pattern character, its bit mask in each 32-unit block of the pattern (`Peq` of Myers' algorithm). */
const slotOf = new Int32Array(0x1_0000).fill(-1);
let masks = new Int32Array(64);
let positive = new Int32Array(8);
let negative = new Int32Array(8);

/**
 * Levenshtein distance (insert, delete, substitute: cost 1 each) between `a` and `b` when it is at
 * most `max`, else `max + 1`. After the common prefix and suffix are stripped, the shorter remainder
 * is the pattern of Myers' bit-vector algorithm in Hyyrö's form for edit distance, in 32-unit blocks
 * (as edlib does): O(⌈m / 32⌉ · n) word operations for remainders of m ≤ n units, and the scan stops
 * once the last row's value minus the columns left exceeds `max` (no later column can bring it back).
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  const over = max + 1;
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > max) return over;
  let start = 0;
  while (start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start; // the text: the longer remainder
  const m = endB - start; // the pattern
  if (m === 0) return n <= max ? n : over;
  const blocks = (m + 31) >>> 5;
  patternMasks(b, start, m, blocks);
  const distance = bitParallel(a, start, n, m, blocks, max);
  for (let i = 0; i < m; i++) slotOf[b.charCodeAt(start + i)] = -1; // the table is shared: left as found
  return distance <= max ? distance : over;
}

/** Fills `masks` with the pattern's per-character block masks (`slotOf`: each distinct unit's row). */
function patternMasks(pattern: string, start: number, m: number, blocks: number): void {
  let slots = 0;
  for (let i = 0; i < m; i++) {
    const unit = pattern.charCodeAt(start + i);
    let slot = slotOf[unit] as number;
    if (slot < 0) {
      slot = slots++;
      slotOf[unit] = slot;
      if (masks.length < slots * blocks) {
        const grown = new Int32Array(slots * blocks * 2);
        grown.set(masks);
        masks = grown;
      }
      masks.fill(0, slot * blocks, (slot + 1) * blocks);
    }
    masks[slot * blocks + (i >>> 5)] = (masks[slot * blocks + (i >>> 5)] as number) | (1 << (i & 31));
  }
}

/**
 * The bottom-right cell of the edit-distance table of `text[start..start+n)` against the pattern in
 * `masks`, or a value above `max` once it cannot come back within it. Vertical deltas are kept as the
 * +1 and −1 bit vectors of each block; a block passes its horizontal delta out of its last row to the
 * block below (edlib's `calculateBlock`). Bits above the pattern's end in the last block are never
 * read: carries and shifts only move towards higher bits.
 */
function bitParallel(text: string, start: number, n: number, m: number, blocks: number, max: number): number {
  if (positive.length < blocks) {
    positive = new Int32Array(blocks * 2);
    negative = new Int32Array(blocks * 2);
  }
  positive.fill(-1, 0, blocks); // the first column: each row one more than the row above
  negative.fill(0, 0, blocks);
  const lastBit = (m - 1) & 31;
  let score = m;
  for (let j = 0; j < n; j++) {
    const slot = slotOf[text.charCodeAt(start + j)] as number;
    let hin = 1; // the top row: each column one more than the column left of it
    for (let block = 0; block < blocks; block++) {
      const pv = positive[block] as number;
      const mv = negative[block] as number;
      let eq = slot < 0 ? 0 : (masks[slot * blocks + block] as number);
      const xv = eq | mv;
      if (hin < 0) eq |= 1;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const high = block === blocks - 1 ? lastBit : 31;
      const hout = ((ph >>> high) & 1) - ((mh >>> high) & 1);
      ph = (ph << 1) | (hin > 0 ? 1 : 0);
      mh = (mh << 1) | (hin < 0 ? 1 : 0);
      positive[block] = mh | ~(xv | ph);
      negative[block] = ph & xv;
      hin = hout;
    }
    score += hin;
    if (score - (n - j - 1) > max) return max + 1;
  }
  return score;
}

/** Per UTF-16 unit, how often the query of the open `BagBound` has it (all zero between queries). */
const bag = new Int32Array(0x1_0000);

/**
 * A lower bound on the Levenshtein distance from one query to many candidates: the bag distance,
 * max(|a|, |b|) − the units the two texts have in common as multisets (an edit changes the multiset
 * of each side by at most one unit). O(|candidate|), so a candidate that cannot come within the
 * band is dropped before the bit-vector scan. `release()` must be called when done (the unit table
 * is shared).
 */
export class BagBound {
  readonly #query: string;

  constructor(query: string) {
    this.#query = query;
    for (let i = 0; i < query.length; i++) {
      const unit = query.charCodeAt(i);
      bag[unit] = (bag[unit] as number) + 1;
    }
  }

  lowerBound(candidate: string): number {
    let common = 0;
    for (let i = 0; i < candidate.length; i++) {
      const unit = candidate.charCodeAt(i);
      const left = bag[unit] as number;
      if (left > 0) common++;
      bag[unit] = left - 1;
    }
    for (let i = 0; i < candidate.length; i++) {
      const unit = candidate.charCodeAt(i);
      bag[unit] = (bag[unit] as number) + 1;
    }
    return Math.max(this.#query.length, candidate.length) - common;
  }

  release(): void {
    for (let i = 0; i < this.#query.length; i++) {
      const unit = this.#query.charCodeAt(i);
      bag[unit] = (bag[unit] as number) - 1;
    }
  }
}
