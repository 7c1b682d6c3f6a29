import type { Piece } from './protect-types.js';

/** How a problem names a placeholder: its source form. */
export const placeholderLabel = (raw: string): string => `placeholder ${raw}`;

/** How a problem names a pair: `tag <0>…</0>`. */
export const pairLabel = (open: string, close: string): string => `tag ${open}…${close}`;

/**
 * The problem of a placeholder or tag found `found` times where `expected` were due, or undefined
 * when the counts agree. `expected` is 1 for a marker of a protected segment.
 */
export function countProblem(label: string, expected: number, found: number): string | undefined {
  if (found === expected) return undefined;
  if (found === 0) return `${label} is missing`;
  if (expected === 0) return `${label} is not in the source`;
  const times = `${found} ${found === 1 ? 'time' : 'times'}`;
  return expected === 1 ? `${label} appears ${times}` : `${label} appears ${times}, the source has ${expected}`;
}

/** What can be wrong with a pair besides its count. */
export type PairFault = 'misnested' | 'no-open' | 'no-close';

const PAIR_FAULTS: Readonly<Record<PairFault, string>> = {
  misnested: 'is misnested',
  'no-open': 'is missing its opening tag',
  'no-close': 'is missing its closing tag',
};

/** The problem of a pair whose halves do not nest or where one half is missing. */
export const pairProblem = (label: string, fault: PairFault): string => `${label} ${PAIR_FAULTS[fault]}`;

/** Every pair's opening and closing halves, by pair number. */
export function pairsOf(pieces: readonly Piece[]): Map<number, { open: string; close: string }> {
  const pairs = new Map<number, { open: string; close: string }>();
  for (const p of pieces) {
    if (p.type === 'open') pairs.set(p.pair, { open: p.raw, close: '' });
    if (p.type === 'close') {
      const pair = pairs.get(p.pair);
      if (pair !== undefined) pair.close = p.raw;
    }
  }
  return pairs;
}
