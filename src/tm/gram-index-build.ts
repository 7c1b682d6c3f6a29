/**
 * Builds the arrays of the compact fuzzy index (`gram-index.ts`) in two passes over the sources:
 * the first counts, per trigram code, the texts containing it (document frequency); the second fills
 * one flat `Uint32Array` of postings, each trigram's text ids ascending. No per-trigram JS objects:
 * at 10^6 sources the postings are one typed array of about 10^8 ids.
 *
 * Texts are numbered by folded length (shortest first, ties in source order; `order` maps an id back
 * to its source), so the texts of the lengths a query can match are one id range, and in every
 * posting list one run found by binary search: a query never reads a posting of a length it cannot
 * match, nor looks a length up.
 */
import { foldForMatch } from './fuzzy-distance.js';
import { foldUnits, gramRadix, learnChars, newCharTable } from './fuzzy-grams.js';

/** Everything a `GramIndex` needs besides the sources; what the disk cache stores. */
export interface GramIndexData {
  /** UTF-16 unit → byte (see fuzzy-grams.ts). */
  table: Uint8Array;
  /** Id → position of its text in the sources (ids are in folded-length order). */
  order: Uint32Array;
  /** Folded length of each text, by id: non-decreasing. */
  lengths: Uint32Array;
  /** Distinct trigram codes of each text, by id (the count filter's bound from its side). */
  distinct: Uint32Array;
  /** The trigram codes present, ascending. */
  gramCodes: Uint32Array;
  /** Postings of gramCodes[g] are postings[gramStart[g] .. gramStart[g + 1]). */
  gramStart: Uint32Array;
  /** Ids, ascending within each trigram. */
  postings: Uint32Array;
}

/** The folded units of every source, one after another, with each source's start (`foldForMatch`). */
interface Folded {
  units: Uint16Array;
  start: Uint32Array;
}

function foldAll(sources: readonly string[]): Folded {
  let total = 0;
  for (const source of sources) total += source.length;
  let units = new Uint16Array(total);
  const start = new Uint32Array(sources.length + 1);
  let at = 0;
  for (let id = 0; id < sources.length; id++) {
    const source = sources[id] as string;
    start[id] = at;
    let length = foldUnits(source, units.subarray(at));
    if (length < 0) {
      const slow = foldForMatch(source);
      if (at + slow.length > units.length) {
        const grown = new Uint16Array(Math.max(units.length * 2, at + slow.length));
        grown.set(units.subarray(0, at));
        units = grown;
      }
      for (let i = 0; i < slow.length; i++) units[at + i] = slow.charCodeAt(i);
      length = slow.length;
    }
    at += length;
  }
  start[sources.length] = at;
  return { units, start };
}

/** Source positions ordered by folded length (a stable counting sort). */
function lengthOrder(start: Uint32Array): Uint32Array {
  const count = start.length - 1;
  let longest = 0;
  for (let i = 0; i < count; i++) longest = Math.max(longest, (start[i + 1] as number) - (start[i] as number));
  const cursor = new Uint32Array(longest + 2);
  for (let i = 0; i < count; i++) {
    const slot = (start[i + 1] as number) - (start[i] as number) + 1;
    cursor[slot] = (cursor[slot] as number) + 1;
  }
  for (let l = 1; l < cursor.length; l++) cursor[l] = (cursor[l] as number) + (cursor[l - 1] as number);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const length = (start[i + 1] as number) - (start[i] as number);
    order[cursor[length] as number] = i;
    cursor[length] = (cursor[length] as number) + 1;
  }
  return order;
}

/** Pass 1: the folded lengths and each code's document frequency. */
function countGrams(folded: Folded, order: Uint32Array, table: Uint8Array, radix: number, stamp: Int32Array, frequency: Uint32Array): { lengths: Uint32Array; distinct: Uint32Array; total: number } {
  const { units, start } = folded;
  const count = order.length;
  const lengths = new Uint32Array(count);
  const distinct = new Uint32Array(count);
  let total = 0;
  for (let id = 0; id < count; id++) {
    const from = start[order[id] as number] as number;
    const to = start[(order[id] as number) + 1] as number;
    lengths[id] = to - from;
    if (to - from < 3) continue;
    const before = total;
    let a = table[units[from] as number] as number;
    let b = table[units[from + 1] as number] as number;
    for (let i = from + 2; i < to; i++) {
      const c = table[units[i] as number] as number;
      const code = (a * radix + b) * radix + c;
      if (stamp[code] !== id) {
        stamp[code] = id;
        frequency[code] = (frequency[code] as number) + 1;
        total++;
      }
      a = b;
      b = c;
    }
    distinct[id] = total - before;
  }
  return { lengths, distinct, total };
}

/** Turns frequencies into the compact code list and offsets; `frequency` becomes each code's write cursor. */
function layOut(frequency: Uint32Array): { gramCodes: Uint32Array; gramStart: Uint32Array } {
  let present = 0;
  for (let code = 0; code < frequency.length; code++) if (frequency[code] !== 0) present++;
  const gramCodes = new Uint32Array(present);
  const gramStart = new Uint32Array(present + 1);
  let g = 0;
  let offset = 0;
  for (let code = 0; code < frequency.length; code++) {
    const count = frequency[code] as number;
    if (count === 0) continue;
    gramCodes[g] = code;
    gramStart[g] = offset;
    frequency[code] = offset;
    offset += count;
    g++;
  }
  gramStart[present] = offset;
  return { gramCodes, gramStart };
}

/** Pass 2: every source id into the postings of each distinct trigram it has. */
function fillPostings(folded: Folded, order: Uint32Array, table: Uint8Array, radix: number, stamp: Int32Array, cursor: Uint32Array, postings: Uint32Array): void {
  const { units, start } = folded;
  for (let id = 0; id < order.length; id++) {
    const from = start[order[id] as number] as number;
    const to = start[(order[id] as number) + 1] as number;
    if (to - from < 3) continue;
    const mark = -2 - id; // pass 1 left non-negative marks
    let a = table[units[from] as number] as number;
    let b = table[units[from + 1] as number] as number;
    for (let i = from + 2; i < to; i++) {
      const c = table[units[i] as number] as number;
      const code = (a * radix + b) * radix + c;
      if (stamp[code] !== mark) {
        stamp[code] = mark;
        const at = cursor[code] as number;
        postings[at] = id;
        cursor[code] = at + 1;
      }
      a = b;
      b = c;
    }
  }
}

/** The index arrays for `sources` (ids in folded-length order, `order` back to positions in `sources`). */
export function buildGramIndexData(sources: readonly string[]): GramIndexData {
  const folded = foldAll(sources);
  const order = lengthOrder(folded.start);
  const table = newCharTable();
  learnChars(table, folded.units, 0, folded.start[sources.length] as number, 1);
  const radix = gramRadix(table);
  // Codes below radix³: for texts of a few dozen letters, arrays that stay in the CPU's caches.
  const stamp = new Int32Array(radix ** 3).fill(-1);
  const frequency = new Uint32Array(radix ** 3);
  const { lengths, distinct, total } = countGrams(folded, order, table, radix, stamp, frequency);
  const { gramCodes, gramStart } = layOut(frequency);
  const postings = new Uint32Array(total);
  fillPostings(folded, order, table, radix, stamp, frequency, postings);
  return { table, order, lengths, distinct, gramCodes, gramStart, postings };
}
