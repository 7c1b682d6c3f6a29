import { countProblem, pairLabel, pairProblem, pairsOf, placeholderLabel } from './piece-labels.js';
import type { Piece, PlaceholderKind, Syntax } from './protect-types.js';
import { tokenizeSegment } from './tokenize-segment.js';

/** Do-not-translate terms are text here (no piece is a `term`): both sides are compared as written. */
const NO_TERMS = { doNotTranslate: [] };

interface Tally {
  /** The form shown in messages (the source's when both have it). */
  raw: string;
  source: number;
  target: number;
}

/**
 * Parity of a source text and a finished target in the same syntax: every placeholder (variable,
 * nesting, tag, code, URL, e-mail) and every paired tag of the source appears in the target as many
 * times, nothing is added, and the target's tags nest. Order may change. Spaces inside variables and
 * nestings do not count (`{{ name }}` is `{{name}}`). Placeholders of `ignoreKinds` are not
 * compared (QA leaves URLs and e-mails to its own check). Returns one message per problem.
 */
export function verifyPieces(
  source: string,
  target: string,
  syntax: Syntax,
  { ignoreKinds = [] }: { ignoreKinds?: readonly PlaceholderKind[] } = {},
): string[] {
  const from = tokenizeSegment(source, syntax, NO_TERMS);
  const to = tokenizeSegment(target, syntax, NO_TERMS);
  const placeholders = tally(placeholderKeys(from, ignoreKinds), placeholderKeys(to, ignoreKinds));
  const pairs = tally(pairKeys(from), pairKeys(to));
  const problems: string[] = [];

  /** A target placeholder beyond the source's count: a tag half the target left unpaired. */
  const takeExtra = (raw: string): boolean => {
    const t = placeholders.get(raw);
    if (t === undefined || t.target <= t.source) return false;
    t.target -= 1;
    return true;
  };

  for (const [key, pair] of pairs) {
    const [open = '', close = ''] = key.split('\u0000');
    const label = pairLabel(open, close);
    if (pair.target < pair.source) {
      const strayOpen = takeExtra(open);
      const strayClose = takeExtra(close);
      if (strayOpen && strayClose) problems.push(pairProblem(label, 'misnested'));
      else if (strayOpen) problems.push(pairProblem(label, 'no-close'));
      else if (strayClose) problems.push(pairProblem(label, 'no-open'));
      else problems.push(countProblem(label, pair.source, pair.target) as string);
    } else {
      const problem = countProblem(label, pair.source, pair.target);
      if (problem !== undefined) problems.push(problem);
    }
  }
  for (const p of placeholders.values()) {
    const problem = countProblem(placeholderLabel(p.raw), p.source, p.target);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

type Keyed = Array<{ key: string; raw: string }>;

function placeholderKeys(pieces: readonly Piece[], ignoreKinds: readonly PlaceholderKind[]): Keyed {
  return pieces.flatMap((p) =>
    p.type === 'placeholder' && !ignoreKinds.includes(p.kind)
      ? [{ key: p.kind === 'variable' || p.kind === 'nesting' ? withoutSpaces(p.raw) : p.raw, raw: p.raw }]
      : [],
  );
}

function pairKeys(pieces: readonly Piece[]): Keyed {
  return [...pairsOf(pieces).values()].map(({ open, close }) => ({ key: `${open}\u0000${close}`, raw: open }));
}

/** `{{ name }}` → `{{name}}`, `{n , number}` → `{n,number}`: spacing is not part of a variable. */
const withoutSpaces = (raw: string): string => raw.replace(/\s+/g, ' ').replace(/\s*([{}(),:])\s*/g, '$1');

function tally(source: Keyed, target: Keyed): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const add = (items: Keyed, side: 'source' | 'target'): void => {
    for (const { key, raw } of items) {
      const t = tallies.get(key) ?? { raw, source: 0, target: 0 };
      t[side] += 1;
      tallies.set(key, t);
    }
  };
  add(source, 'source');
  add(target, 'target');
  return tallies;
}
