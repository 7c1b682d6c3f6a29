/**
 * The compact fuzzy index: an inverted index of character trigrams in flat typed arrays
 * (`gram-index-build.ts`), answering `best()` as `FuzzyIndex` does (same similarity, same order)
 * while touching only a bounded part of the TM.
 *
 * A query's distinct trigrams are probed rarest first (shortest posting list first), counting per
 * source the trigrams it shares, within the possible lengths only. Two cases:
 * - every trigram probed within the posting budget: the count filter is exact (a source within edit
 *   distance k of the query shares at least max(|distinct query trigrams|, |distinct source
 *   trigrams|) − 3k of them), so no match is lost, as in `FuzzyIndex`;
 * - the budget runs out (long queries made of frequent trigrams in a large TM): sources that share
 *   none of the trigrams probed are not considered.
 * When more sources pass the count filter than `shortList`, those sharing the most trigrams form
 * the short list. These two cuts are where a match can be missed; tests/fuzzy-index.test.ts and
 * bench/fuzzy-bench.ts measure it against brute force. Every source on the short list is ranked
 * by the exact `similarity` (banded Levenshtein, its band narrowed to what can still enter the top).
 */
import { boundedLevenshtein, foldForMatch } from './fuzzy-distance.js';
import { distinctGrams, foldUnits } from './fuzzy-grams.js';
import type { GramIndexData } from './gram-index-build.js';
import { buildGramIndexData } from './gram-index-build.js';
import { type FuzzyMatch, MAX_INEXACT_SIMILARITY } from './fuzzy-match.js';

export interface GramIndexOptions {
  /** Postings a query reads at most (after the first trigram); default 100 000. */
  postingBudget?: number;
  /** Most sources ranked exactly (those sharing the most trigrams); default 64. */
  shortList?: number;
}

const EPSILON = 1e-9;

export class GramIndex {
  readonly sources: readonly string[];
  readonly data: GramIndexData;
  readonly #budget: number;
  readonly #shortList: number;
  /** Source ids ordered by folded length, and where each length starts in that order. */
  readonly #byLength: Uint32Array;
  readonly #lengthStart: Uint32Array;
  #counts = new Uint32Array(0);
  #touched = new Uint32Array(0);

  constructor(sources: readonly string[], data: GramIndexData, options: GramIndexOptions = {}) {
    if (data.lengths.length !== sources.length) throw new RangeError(`GramIndex: ${data.lengths.length} lengths for ${sources.length} sources`);
    this.sources = sources;
    this.data = data;
    this.#budget = options.postingBudget ?? 100_000;
    this.#shortList = options.shortList ?? 64;
    [this.#byLength, this.#lengthStart] = orderByLength(data.lengths);
  }

  static build(sources: readonly string[], options: GramIndexOptions = {}): GramIndex {
    return new GramIndex(sources, buildGramIndexData(sources), options);
  }

  /** Bytes held by the typed arrays (the sources are the TM's own strings). */
  byteSize(): number {
    const d = this.data;
    return d.table.byteLength + d.lengths.byteLength + d.distinct.byteLength + d.gramCodes.byteLength + d.gramStart.byteLength + d.postings.byteLength + this.#byLength.byteLength + this.#lengthStart.byteLength + this.#counts.byteLength + this.#touched.byteLength;
  }

  /**
   * Up to `limit` sources with `threshold ≤ similarity < 1` to `query`, best first (ties by source in
   * UTF-16 order). A source identical to the query is left out: the exact TM lookup serves it.
   */
  best(query: string, options: { threshold: number; limit: number }): FuzzyMatch[] {
    if (!(options.limit > 0) || this.sources.length === 0) return [];
    const threshold = Math.min(Math.max(options.threshold, 0), 1);
    const folded = foldForMatch(query);
    const bounds = new Bounds(folded.length, threshold);
    const probe = this.#probe(folded, bounds);
    const ids = this.#candidates(probe, bounds);
    const normalized = query.normalize('NFC');
    const matches: Array<{ id: number; similarity: number }> = [];
    let floor = threshold; // the similarity a candidate must reach to enter the top `limit`
    for (const id of ids) {
      const source = this.sources[id] as string;
      if (source.normalize('NFC') === normalized) continue;
      const candidate = foldFast(source);
      const longest = Math.max(folded.length, candidate.length);
      const distance = boundedLevenshtein(folded, candidate, Math.floor((1 - floor) * longest + EPSILON));
      const value = longest === 0 ? MAX_INEXACT_SIMILARITY : Math.min(MAX_INEXACT_SIMILARITY, 1 - distance / longest);
      if (value < floor) continue;
      matches.push({ id, similarity: value });
      if (matches.length >= options.limit) floor = Math.max(floor, kthBest(matches, options.limit));
    }
    matches.sort((x, y) => y.similarity - x.similarity || compareStrings(this.sources[x.id] as string, this.sources[y.id] as string));
    return matches.slice(0, options.limit).map(({ id, similarity }) => ({ source: this.sources[id] as string, similarity }));
  }

  /** Counts shared trigrams (rarest first, within the budget) into `#counts`; lists the sources touched. */
  #probe(folded: string, bounds: Bounds): Probe {
    const { gramCodes, gramStart, postings, lengths } = this.data;
    const grams = distinctGrams(folded, this.data.table);
    const lists: Array<[number, number]> = [];
    for (const code of grams) {
      const g = findCode(gramCodes, code);
      if (g >= 0) lists.push([gramStart[g] as number, gramStart[g + 1] as number]);
    }
    lists.sort((x, y) => x[1] - x[0] - (y[1] - y[0]));
    if (this.#counts.length < lengths.length) {
      this.#counts = new Uint32Array(lengths.length);
      this.#touched = new Uint32Array(lengths.length);
    }
    const counts = this.#counts;
    const touched = this.#touched;
    let touchedCount = 0;
    let read = 0;
    let probed = 0;
    for (const [start, end] of lists) {
      if (probed > 0 && read + (end - start) > this.#budget) break;
      read += end - start;
      probed++;
      for (let p = start; p < end; p++) {
        const id = postings[p] as number;
        const length = lengths[id] as number;
        if (length < bounds.minLength || length > bounds.maxLength) continue;
        if (counts[id] === 0) touched[touchedCount++] = id;
        counts[id] = (counts[id] as number) + 1;
      }
    }
    return { distinct: grams.length, probed, unprobed: lists.length - probed, touchedCount };
  }

  /** The source ids to rank exactly; resets `#counts`. */
  #candidates(probe: Probe, bounds: Bounds): number[] {
    const counts = this.#counts;
    const touched = this.#touched;
    const { lengths, distinct } = this.data;
    const kept: number[] = [];
    for (let i = 0; i < probe.touchedCount; i++) {
      const id = touched[i] as number;
      if ((counts[id] as number) >= bounds.neededShared(lengths[id] as number, Math.max(probe.distinct, distinct[id] as number)) - probe.unprobed) kept.push(id);
    }
    const ids = kept.length > this.#shortList ? this.#mostShared(kept, probe.probed) : kept;
    for (let i = 0; i < probe.touchedCount; i++) counts[touched[i] as number] = 0;
    // Sources the count filter cannot rule out with no trigram shared (short texts): compared too.
    let seen: Set<number> | undefined;
    for (let length = bounds.minLength; length <= Math.min(bounds.maxLength, this.#lengthStart.length - 2); length++) {
      if (bounds.neededShared(length, probe.distinct) > 0) continue;
      for (let i = this.#lengthStart[length] as number; i < (this.#lengthStart[length + 1] as number); i++) {
        const id = this.#byLength[i] as number;
        if (bounds.neededShared(length, distinct[id] as number) > 0) continue;
        seen ??= new Set(ids);
        if (!seen.has(id)) ids.push(id);
      }
    }
    return ids;
  }

  /** The `shortList` ids of `ids` with the highest shared counts (ties: lower id first). */
  #mostShared(ids: number[], probed: number): number[] {
    const counts = this.#counts;
    const histogram = new Uint32Array(probed + 1);
    for (const id of ids) {
      const count = counts[id] as number;
      histogram[count] = (histogram[count] as number) + 1;
    }
    let cut = probed;
    let taken = 0;
    while (cut > 0 && taken + (histogram[cut] as number) <= this.#shortList) taken += histogram[cut--] as number;
    const above = ids.filter((id) => (counts[id] as number) > cut);
    const at = ids.filter((id) => counts[id] === cut).slice(0, this.#shortList - above.length);
    return [...above, ...at];
  }
}

interface Probe {
  /** Distinct trigrams of the query. */
  distinct: number;
  /** Trigrams whose postings were read. */
  probed: number;
  /** Trigrams with postings that were not read (budget). */
  unprobed: number;
  touchedCount: number;
}

/** The length and shared-trigram bounds of one query at one threshold. */
class Bounds {
  readonly minLength: number;
  readonly maxLength: number;
  readonly #n: number;
  readonly #threshold: number;

  constructor(n: number, threshold: number) {
    this.#n = n;
    this.#threshold = threshold;
    this.minLength = threshold === 0 ? 0 : Math.ceil(n * threshold - EPSILON);
    this.maxLength = threshold === 0 ? 0xffff_ffff : Math.floor(n / threshold + EPSILON);
  }

  /** The largest distance that still scores ≥ threshold for texts whose longer one has `longest` units. */
  maxDistance(longest: number): number {
    return Math.floor((1 - this.#threshold) * longest + EPSILON);
  }

  /**
   * Trigrams a source of `length` must share with the query to possibly reach the threshold, where
   * `distinct` is the distinct trigram count of the query or of the source (each edit removes at most
   * three trigram occurrences from either side, so both bounds hold: pass the larger).
   */
  neededShared(length: number, distinct: number): number {
    return distinct - 3 * this.maxDistance(Math.max(this.#n, length));
  }
}

/** Ids ordered by length (counting sort) and the start of each length in that order. */
function orderByLength(lengths: Uint32Array): [Uint32Array, Uint32Array] {
  let longest = 0;
  for (const length of lengths) if (length > longest) longest = length;
  const start = new Uint32Array(longest + 2);
  for (const length of lengths) start[length + 1] = (start[length + 1] as number) + 1;
  for (let l = 1; l < start.length; l++) start[l] = (start[l] as number) + (start[l - 1] as number);
  const cursor = start.slice();
  const order = new Uint32Array(lengths.length);
  for (let id = 0; id < lengths.length; id++) {
    const length = lengths[id] as number;
    order[cursor[length] as number] = id;
    cursor[length] = (cursor[length] as number) + 1;
  }
  return [order, start];
}

/** Index of `code` in the ascending `codes`, or −1. */
function findCode(codes: Uint32Array, code: number): number {
  let low = 0;
  let high = codes.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = codes[mid] as number;
    if (value === code) return mid;
    if (value < code) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

let foldScratch = new Uint16Array(256);

/** `foldForMatch(text)`, through `foldUnits` when it can (no intermediate strings). */
function foldFast(text: string): string {
  if (text.length > 4096) return foldForMatch(text);
  if (foldScratch.length < text.length) foldScratch = new Uint16Array(text.length * 2);
  const length = foldUnits(text, foldScratch);
  return length < 0 ? foldForMatch(text) : String.fromCharCode.apply(null, foldScratch.subarray(0, length) as unknown as number[]);
}

/** The `k`-th highest similarity among `matches` (at least k of them). */
function kthBest(matches: ReadonlyArray<{ similarity: number }>, k: number): number {
  return matches.map((m) => m.similarity).sort((a, b) => b - a)[k - 1] as number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
