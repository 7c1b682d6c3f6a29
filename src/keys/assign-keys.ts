import type { SourceBlock } from '../read/source-block.js';
import type { KeyMap, KeyMapEntry } from './key-map.js';
import { KEY_MAP_VERSION } from './key-map.js';
import { charDice, charDiceBound, fingerprint, wordDice } from './similarity.js';
import { uniqueSlugKey } from './slug-key.js';

/** An edited block keeps its key when its text is at least this similar (Dice, bigrams). */
const SIMILARITY_THRESHOLD = 0.5;

export interface AssignedKeys {
  /** `keys[i]` is the key of `blocks[i]`; all distinct. */
  keys: string[];
  /** The key map of the current blocks, in current order (to be written back). */
  map: KeyMap;
}

/**
 * Keys for `blocks`, reusing `previous` so that a block keeps its key when other blocks are
 * inserted, deleted or moved, and when its own text is edited:
 *  1. same kind and identical text → that entry's key (duplicates pair up in order);
 *  2. same kind and similar text (Dice over character bigrams ≥ SIMILARITY_THRESHOLD) → greedy,
 *     best pairs first (mean of bigram and word Dice), ties broken by current then previous position;
 *  3. otherwise a new slug key, unique among all keys of the new map.
 * Each previous entry gives its key to at most one block. `previous` must keep the KeyMap
 * invariant of unique keys (parseKeyMap checks it). Deterministic; O(n·m) comparisons.
 */
export function assignKeys(blocks: readonly SourceBlock[], previous: KeyMap | undefined): AssignedKeys {
  const old: readonly KeyMapEntry[] = previous?.blocks ?? [];
  const match: Matching = { keys: blocks.map(() => undefined), oldUsed: old.map(() => false) };
  matchExact(blocks, old, match);
  if (match.oldUsed.includes(false)) matchSimilar(blocks, old, match); // a new document: nothing left to match
  const final = newKeys(blocks, match.keys);
  return {
    keys: final,
    map: {
      version: KEY_MAP_VERSION,
      blocks: blocks.map((block, i) => ({ key: final[i]!, kind: block.kind, text: block.text })),
    },
  };
}

/** What the steps have decided so far: the key of each block, and which previous entries gave theirs. */
interface Matching {
  keys: (string | undefined)[];
  oldUsed: boolean[];
}

/** 1. Exact matches: queue the previous entries of each kind+text in order. */
function matchExact(blocks: readonly SourceBlock[], old: readonly KeyMapEntry[], match: Matching): void {
  const exact = new Map<string, number[]>();
  old.forEach((entry, j) => {
    const id = `${entry.kind}\n${entry.text}`;
    const queue = exact.get(id);
    if (queue === undefined) exact.set(id, [j]);
    else queue.push(j);
  });
  blocks.forEach((block, i) => {
    const j = exact.get(`${block.kind}\n${block.text}`)?.shift();
    if (j === undefined) return;
    match.keys[i] = old[j]!.key;
    match.oldUsed[j] = true;
  });
}

/**
 * 2. Similar matches among what is left: a pair qualifies on character similarity, pairs are
 * ranked by the mean of character and word similarity (words break near-ties of bigrams).
 * Each qualifying pair becomes one sortable integer: rank·2^32 + id, where rank grows as the
 * score falls (scores quantised to 2^-20, closer ones tie) and id = a·restOld.length + b orders
 * ties by current, then previous position. A plain numeric sort of up to n·m numbers is then
 * the greedy order, far faster than sorting objects with a comparator.
 */
function matchSimilar(blocks: readonly SourceBlock[], old: readonly KeyMapEntry[], match: Matching): void {
  const { keys, oldUsed } = match;
  const wordIds = new Map<string, number>();
  const restNew = blocks.flatMap((block, i) => (keys[i] === undefined ? [{ i, block, fp: fingerprint(block.text, wordIds) }] : []));
  const restOld = old.flatMap((entry, j) => (oldUsed[j] ? [] : [{ j, entry, fp: fingerprint(entry.text, wordIds) }]));
  const width = restOld.length;
  if (restNew.length * width > 2 ** 32) throw new RangeError('assignKeys: too many unmatched blocks');
  const ranked: number[] = [];
  restNew.forEach((n, a) => {
    restOld.forEach((o, b) => {
      if (n.block.kind !== o.entry.kind || charDiceBound(n.fp, o.fp) < SIMILARITY_THRESHOLD) return;
      const chars = charDice(n.fp, o.fp);
      if (chars < SIMILARITY_THRESHOLD) return;
      const score = (chars + wordDice(n.fp, o.fp)) / 2;
      ranked.push(Math.round((1 - score) * 2 ** 20) * 2 ** 32 + a * width + b);
    });
  });
  for (const value of Float64Array.from(ranked).sort()) {
    const id = value % 2 ** 32;
    const n = restNew[Math.floor(id / width)]!;
    const o = restOld[id % width]!;
    if (keys[n.i] !== undefined || oldUsed[o.j]) continue;
    keys[n.i] = o.entry.key;
    oldUsed[o.j] = true;
  }
}

/**
 * 3. New keys, in source order, avoiding every key kept above (distinct, as `previous` holds
 * each key once) and every key handed out here.
 */
function newKeys(blocks: readonly SourceBlock[], keys: readonly (string | undefined)[]): string[] {
  const taken = new Set(keys.filter((key) => key !== undefined));
  const resume = new Map<string, number>();
  return blocks.map((block, i) => {
    const kept = keys[i];
    if (kept !== undefined) return kept;
    const key = uniqueSlugKey(block.kind, block.text, (k) => taken.has(k), resume);
    taken.add(key);
    return key;
  });
}
