/**
 * Fuzzy TM matching, as CAT tools offer it: for a new source segment, the stored sources that are
 * nearly the same, with a similarity in [0, 1].
 *
 * similarity = 1 − Levenshtein(a′, b′) / max(|a′|, |b′|), where a′, b′ are the texts folded by
 * `foldForMatch` (NFC, lower case, whitespace collapsed): character edits, so a changed inflection
 * (`Москвы` → `Москве`) costs one edit and a changed word costs its length. It is 1 only for texts that
 * are equal after NFC; any other pair scores at most 0.99, so texts differing only in case, spacing
 * or one comma in a long sentence still rank high but are never taken for exact matches.
 */
import { boundedLevenshtein, foldForMatch } from './fuzzy-distance.js';

/** Matches below this similarity are not worth showing a translator. */
export const DEFAULT_FUZZY_THRESHOLD = 0.75;

/** The highest similarity of two texts that are not identical. */
export const MAX_INEXACT_SIMILARITY = 0.99;

/** Tolerance for the floating-point bounds below, so rounding never drops a true match. */
const EPSILON = 1e-9;

export function similarity(a: string, b: string): number {
  if (a.normalize('NFC') === b.normalize('NFC')) return 1;
  const x = foldForMatch(a);
  const y = foldForMatch(b);
  const longest = Math.max(x.length, y.length);
  return score(boundedLevenshtein(x, y, longest), longest);
}

function score(distance: number, longest: number): number {
  return longest === 0 ? MAX_INEXACT_SIMILARITY : Math.min(MAX_INEXACT_SIMILARITY, 1 - distance / longest);
}

export interface FuzzyMatch {
  source: string;
  similarity: number;
}

/**
 * The sources of one TM, indexed for `best()`. Two sound filters keep a query from comparing against
 * every source, and neither can drop a match `similarity` would accept:
 * - length: the distance is at least the length difference, so a source of length m can reach t
 *   against a query of length n only if min(n, m) / max(n, m) ≥ t;
 * - trigrams (the q-gram lemma): texts within edit distance k share at least L − 2 − 3k character
 *   trigrams (counted as multisets), L the longer length. Counting shared trigrams through an inverted
 *   index costs the sum of the query trigrams' posting lists; only sources with enough shared trigrams
 *   get the banded Levenshtein, O(k · L). Where the lemma gives no bound (short texts, or thresholds
 *   much below 0.75) every source of a possible length is compared.
 * Building is O(total characters); a query on a 10 000-sentence TM at the default threshold compares
 * a handful of sources.
 */
export class FuzzyIndex {
  readonly #sources: string[] = [];
  readonly #normalized: string[] = [];
  readonly #folded: string[] = [];
  /** Source ids by folded length. */
  readonly #byLength = new Map<number, number[]>();
  /** Trigram → ids of the sources containing it and how often each does. */
  readonly #postings = new Map<number, { ids: number[]; counts: number[] }>();
  /** Shared-trigram counts of the query being answered (all zero between queries). */
  #shared = new Int32Array(0);

  constructor(sources: Iterable<string>) {
    const seen = new Set<string>();
    for (const source of sources) {
      if (seen.has(source)) continue;
      seen.add(source);
      const id = this.#sources.length;
      const folded = foldForMatch(source);
      this.#sources.push(source);
      this.#normalized.push(source.normalize('NFC'));
      this.#folded.push(folded);
      let sameLength = this.#byLength.get(folded.length);
      if (sameLength === undefined) this.#byLength.set(folded.length, (sameLength = []));
      sameLength.push(id);
      for (const [gram, count] of trigramCounts(folded)) {
        let posting = this.#postings.get(gram);
        if (posting === undefined) this.#postings.set(gram, (posting = { ids: [], counts: [] }));
        posting.ids.push(id);
        posting.counts.push(count);
      }
    }
    this.#shared = new Int32Array(this.#sources.length);
  }

  /**
   * Up to `limit` sources with `threshold ≤ similarity < 1` to `query`, best first (ties by source in
   * UTF-16 order). A source identical to the query is left out: the exact TM lookup serves it.
   */
  best(query: string, options: { threshold: number; limit: number }): FuzzyMatch[] {
    const { limit } = options;
    if (!(limit > 0)) return [];
    const threshold = Math.min(Math.max(options.threshold, 0), 1);
    const normalizedQuery = query.normalize('NFC');
    const folded = foldForMatch(query);
    const n = folded.length;
    const matches: Array<{ id: number; similarity: number }> = [];
    const consider = (id: number): void => {
      if (this.#normalized[id] === normalizedQuery) return;
      const candidate = this.#folded[id] as string;
      const longest = Math.max(n, candidate.length);
      const distance = boundedLevenshtein(folded, candidate, maxDistance(longest, threshold));
      const value = score(distance, longest);
      if (value >= threshold) matches.push({ id, similarity: value });
    };

    // Possible lengths: min/max ≥ threshold (all lengths when the threshold is 0).
    const minLength = threshold === 0 ? 0 : Math.ceil(n * threshold - EPSILON);
    const maxLength = threshold === 0 ? Infinity : Math.floor(n / threshold + EPSILON);
    const lengthFits = (length: number) => length >= minLength && length <= maxLength;
    const neededShared = (length: number) => {
      const longest = Math.max(n, length);
      return longest - 2 - 3 * maxDistance(longest, threshold);
    };

    const touched = this.#countSharedTrigrams(folded);
    for (const id of touched) {
      const length = (this.#folded[id] as string).length;
      if (lengthFits(length) && neededShared(length) > 0 && (this.#shared[id] as number) >= neededShared(length)) consider(id);
      this.#shared[id] = 0;
    }
    for (const [length, ids] of this.#byLength) {
      if (lengthFits(length) && neededShared(length) <= 0) for (const id of ids) consider(id);
    }

    matches.sort((x, y) => y.similarity - x.similarity || compareStrings(this.#sources[x.id] as string, this.#sources[y.id] as string));
    return matches.slice(0, limit).map(({ id, similarity: value }) => ({ source: this.#sources[id] as string, similarity: value }));
  }

  /** Fills `#shared` with the multiset trigram overlap of each source with `folded`; returns the ids touched. */
  #countSharedTrigrams(folded: string): number[] {
    const touched: number[] = [];
    for (const [gram, queryCount] of trigramCounts(folded)) {
      const posting = this.#postings.get(gram);
      if (posting === undefined) continue;
      const { ids, counts } = posting;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (this.#shared[id] === 0) touched.push(id);
        this.#shared[id] = (this.#shared[id] as number) + Math.min(queryCount, counts[i] as number);
      }
    }
    return touched;
  }
}

/** The largest distance that still scores ≥ threshold for texts whose longer one has `longest` units. */
function maxDistance(longest: number, threshold: number): number {
  return Math.floor((1 - threshold) * longest + EPSILON);
}

/** Character trigrams of `text` (three UTF-16 units packed into one number) with their counts. */
function trigramCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const gram = text.charCodeAt(i) * 0x1_0000_0000 + text.charCodeAt(i + 1) * 0x1_0000 + text.charCodeAt(i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
