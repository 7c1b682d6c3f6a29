/**
 * The compact fuzzy index: an inverted index of character trigrams in flat typed arrays
 * (`gram-index-build.ts`), answering `best()` as `FuzzyIndex` does (same similarity, same order)
 * while touching only a bounded part of the TM.
 *
 * Ids are in folded-length order, so the texts of the lengths a query can match are one id range
 * and each posting list's part of it one run (binary search). A query's distinct trigrams are probed
 * shortest run first, counting per text the trigrams it shares. Two cases:
 * - every run probed within the posting budget: the count filter is exact (a text within edit
 *   distance k of the query shares at least max(|distinct query trigrams|, |distinct text
 *   trigrams|) − 3k of them), so no match is lost, as in `FuzzyIndex`;
 * - the budget runs out (long queries made of frequent trigrams in a large TM): texts that share
 *   none of the trigrams probed are not considered.
 * When more texts pass the count filter than `shortList`, those sharing the most trigrams form the
 * short list; a tally by count kept while probing gives its cut, so only the ids at or above it are
 * looked at again. These two cuts are where a match can be missed; tests/fuzzy-index.test.ts and
 * bench/fuzzy-bench.ts measure it against brute force. The short list is ranked most shared first
 * by the exact `similarity`: the bag distance drops a text that cannot come within the band, then
 * the bit-vector Levenshtein, its band narrowed to what can still enter the top.
 */
import { BagBound, boundedLevenshtein, foldForMatch } from './fuzzy-distance.js';
import { distinctGrams, foldUnits, gramRadix } from './fuzzy-grams.js';
import type { GramIndexData } from './gram-index-build.js';
import { buildGramIndexData } from './gram-index-build.js';
import { type FuzzyMatch, MAX_INEXACT_SIMILARITY } from './fuzzy-match.js';

export interface GramIndexOptions {
  /**
   * Postings a query reads at most (after the first trigram); default one per ten sources, at least
   * 10 000 (10^5 at 10^6 sources): posting lists grow with the TM, so a share of it probes about as
   * many of a query's trigrams at any size.
   */
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
  /** The first id of each folded length (ids are in length order); the last entry is the count. */
  readonly #lengthStart: Uint32Array;
  /** The radix of the trigram codes (`gramRadix`). */
  readonly #radix: number;
  #counts = new Uint16Array(0);

  constructor(sources: readonly string[], data: GramIndexData, options: GramIndexOptions = {}) {
    if (data.lengths.length !== sources.length || data.order.length !== sources.length) throw new RangeError(`GramIndex: ${data.lengths.length} lengths for ${sources.length} sources`);
    this.sources = sources;
    this.data = data;
    this.#budget = options.postingBudget ?? Math.max(10_000, Math.ceil(sources.length / 10));
    this.#shortList = options.shortList ?? 64;
    this.#lengthStart = lengthStarts(data.lengths);
    this.#radix = gramRadix(data.table);
  }

  static build(sources: readonly string[], options: GramIndexOptions = {}): GramIndex {
    return new GramIndex(sources, buildGramIndexData(sources), options);
  }

  /** Bytes held by the typed arrays (the sources are the TM's own strings). */
  byteSize(): number {
    const d = this.data;
    const arrays = [d.table, d.order, d.lengths, d.distinct, d.gramCodes, d.gramStart, d.postings, this.#lengthStart, this.#counts];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
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
    const window = this.#window(bounds);
    const probe = this.#probe(folded, window);
    const ids = this.#candidates(probe, bounds, window);
    const normalized = query.normalize('NFC');
    const matches: Array<{ source: string; similarity: number }> = [];
    let floor = threshold; // the similarity a candidate must reach to enter the top `limit`
    const bagBound = new BagBound(folded);
    try {
      for (const id of ids) {
        const source = this.sources[this.data.order[id] as number] as string;
        const candidate = foldFast(source);
        if (candidate === folded && source.normalize('NFC') === normalized) continue;
        const longest = Math.max(folded.length, candidate.length);
        const max = Math.floor((1 - floor) * longest + EPSILON);
        if (bagBound.lowerBound(candidate) > max) continue;
        const distance = boundedLevenshtein(folded, candidate, max);
        const value = longest === 0 ? MAX_INEXACT_SIMILARITY : Math.min(MAX_INEXACT_SIMILARITY, 1 - distance / longest);
        if (value < floor) continue;
        matches.push({ source, similarity: value });
        if (matches.length >= options.limit) floor = Math.max(floor, kthBest(matches, options.limit));
      }
    } finally {
      bagBound.release();
    }
    matches.sort((x, y) => y.similarity - x.similarity || compareStrings(x.source, y.source));
    return matches.slice(0, options.limit);
  }

  /** The ids of the lengths `bounds` allows: [from, to). */
  #window(bounds: Bounds): Window {
    const starts = this.#lengthStart;
    const last = starts.length - 2; // the longest length
    const from = bounds.minLength > last ? this.sources.length : (starts[bounds.minLength] as number);
    const to = bounds.maxLength >= last ? this.sources.length : (starts[bounds.maxLength + 1] as number);
    return { from, to: Math.max(from, to) };
  }

  /** Counts shared trigrams into `#counts` (the window's run of each list, rarest first, within the budget). */
  #probe(folded: string, window: Window): Probe {
    const { gramCodes, gramStart, postings } = this.data;
    const grams = distinctGrams(folded, this.data.table, this.#radix);
    const runs: Array<[number, number]> = [];
    for (const code of grams) {
      const g = findCode(gramCodes, code);
      if (g < 0) continue;
      const from = lowerBound(postings, gramStart[g] as number, gramStart[g + 1] as number, window.from);
      const to = lowerBound(postings, from, gramStart[g + 1] as number, window.to);
      if (to > from) runs.push([from, to]);
    }
    runs.sort((x, y) => x[1] - x[0] - (y[1] - y[0]));
    if (this.#counts.length < this.sources.length) {
      this.#counts = new Uint16Array(this.sources.length);
    }
    const counts = this.#counts;
    const tally = new Int32Array(Math.min(runs.length, MAX_PROBED) + 2); // ids by shared count (tally[0] unused)
    let read = 0;
    let probed = 0;
    for (const [from, to] of runs) {
      if (probed === MAX_PROBED || (probed > 0 && read + (to - from) > this.#budget)) break;
      read += to - from;
      probed++;
      for (let p = from; p < to; p++) {
        const id = postings[p] as number;
        const count = counts[id] as number;
        counts[id] = count + 1;
        tally[count] = (tally[count] as number) - 1;
        tally[count + 1] = (tally[count + 1] as number) + 1;
      }
    }
    let rankCut = probed;
    for (let atOrAbove = tally[probed] as number; rankCut > 1 && atOrAbove < this.#shortList; ) atOrAbove += tally[--rankCut] as number;
    return { distinct: grams.length, runs, probed, unprobed: runs.length - probed, rankCut: Math.max(rankCut, 1) };
  }

  /**
   * The ids to rank exactly; resets `#counts`. Those passing the count filter (at most `shortList`,
   * the most shared first), then those the filter cannot rule out with no trigram shared (short texts).
   * First only ids sharing at least the short list's cut (`rankCut`) are looked at, and all of them
   * again only when the count filter leaves the short list unfilled.
   */
  #candidates(probe: Probe, bounds: Bounds, window: Window): number[] {
    let kept = this.#walk(probe, bounds, probe.rankCut);
    if (kept.length < this.#shortList && probe.rankCut > 1) kept = this.#walk(probe, bounds, 1);
    const shortList = this.#mostShared(kept, probe.probed);
    const unfiltered = this.#unfiltered(probe, bounds, window);
    this.#counts.fill(0, window.from, window.to);
    return [...shortList, ...unfiltered];
  }

  /**
   * The ids sharing at least `atLeast` probed trigrams that pass the count filter. Such an id is in
   * `atLeast` of the probed runs, so in one of any `probed − atLeast + 1` of them: only that many of
   * the shortest are walked, each id taken once (marked in its count while walking).
   */
  #walk(probe: Probe, bounds: Bounds, atLeast: number): number[] {
    const counts = this.#counts;
    const { postings, lengths, distinct } = this.data;
    const kept: number[] = [];
    const marked: number[] = [];
    for (let r = 0; r <= probe.probed - atLeast; r++) {
      const [from, to] = probe.runs[r] as [number, number];
      for (let p = from; p < to; p++) {
        const id = postings[p] as number;
        const count = counts[id] as number;
        if (count < atLeast || count >= TAKEN) continue;
        counts[id] = count | TAKEN;
        marked.push(id);
        const edits = 3 * bounds.maxDistance(Math.max(bounds.n, lengths[id] as number)); // trigrams a match may lack
        const own = distinct[id] as number;
        if (probe.distinct <= edits && own <= edits) continue; // unfiltered: `#unfiltered` takes it
        if (count >= Math.max(probe.distinct, own) - edits - probe.unprobed) kept.push(id);
      }
    }
    for (const id of marked) counts[id] = (counts[id] as number) & ~TAKEN;
    return kept;
  }

  /** The window's ids the count filter cannot rule out even with no trigram shared (short texts). */
  #unfiltered(probe: Probe, bounds: Bounds, window: Window): number[] {
    const { lengths, distinct } = this.data;
    const starts = this.#lengthStart;
    const ids: number[] = [];
    for (let id = window.from; id < window.to; ) {
      const length = lengths[id] as number;
      const end = Math.min(window.to, starts[length + 1] as number);
      const edits = 3 * bounds.maxDistance(Math.max(bounds.n, length));
      if (probe.distinct <= edits) for (let i = id; i < end; i++) if ((distinct[i] as number) <= edits) ids.push(i);
      id = end;
    }
    return ids;
  }

  /** The `shortList` ids of `kept` with the highest shared counts, most shared first (ties: lower id first). */
  #mostShared(kept: number[], probed: number): number[] {
    const counts = this.#counts;
    const byCount = (x: number, y: number): number => (counts[y] as number) - (counts[x] as number) || x - y;
    if (kept.length <= this.#shortList) return kept.sort(byCount);
    const histogram = new Uint32Array(probed + 1);
    for (const id of kept) histogram[counts[id] as number] = (histogram[counts[id] as number] as number) + 1;
    let cut = probed;
    let taken = 0;
    while (cut > 0 && taken + (histogram[cut] as number) <= this.#shortList) taken += histogram[cut--] as number;
    return kept.filter((id) => (counts[id] as number) >= cut).sort(byCount).slice(0, this.#shortList);
  }
}

/** Ids of the lengths a query can match, [from, to). */
interface Window {
  from: number;
  to: number;
}

interface Probe {
  /** Distinct trigrams of the query. */
  distinct: number;
  /** The window's run of each query trigram's postings, shortest first. */
  runs: Array<[number, number]>;
  /** Trigrams whose postings were read (the first `probed` runs). */
  probed: number;
  /** Trigrams with postings in the window that were not read (budget). */
  unprobed: number;
  /** The highest shared count that at least `shortList` ids of the window reach (1 if none). */
  rankCut: number;
}

/** The length and shared-trigram bounds of one query at one threshold. */
class Bounds {
  readonly minLength: number;
  readonly maxLength: number;
  /** The folded query's length. */
  readonly n: number;
  readonly #threshold: number;

  constructor(n: number, threshold: number) {
    this.n = n;
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
    return distinct - 3 * this.maxDistance(Math.max(this.n, length));
  }
}

/** Counts (one per query trigram) fit 15 bits: further trigrams are left unprobed. */
const MAX_PROBED = 0x7fff;
/** The 16th bit of a count: the id was taken by `#walk`. */
const TAKEN = 0x8000;

/** The first id of each length in the non-decreasing `lengths`, then `lengths.length`. */
function lengthStarts(lengths: Uint32Array): Uint32Array {
  const longest = lengths.length === 0 ? 0 : (lengths[lengths.length - 1] as number);
  const starts = new Uint32Array(longest + 2);
  let id = 0;
  for (let length = 0; length <= longest + 1; length++) {
    while (id < lengths.length && (lengths[id] as number) < length) id++;
    starts[length] = id;
  }
  return starts;
}

/** The first position in `values[from..to)` (ascending) holding a value ≥ `value`, else `to`. */
function lowerBound(values: Uint32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
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
