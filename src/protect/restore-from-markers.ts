import { joinPieces } from './join-pieces.js';
import type { MarkerTable } from './marker-table.js';
import { countProblem, pairLabel, pairProblem, placeholderLabel } from './piece-labels.js';
import type { Piece, RestoreResult, Syntax } from './protect-types.js';

/** An engine answer read back: text between markers, and the markers. */
export type MarkerEvent =
  | { type: 'text'; text: string }
  /** `start`: a marker that is a placeholder or an opening tag, as its id says (sentinels). */
  | { type: 'placeholder' | 'open' | 'start'; id: number; marker: string }
  /** `id` undefined: closes the innermost open pair (XML `</g>`). */
  | { type: 'close'; id: number | undefined; marker: string }
  | { type: 'unknown'; marker: string };

/**
 * Puts the source pieces back in place of the markers, in the order the engine returned them
 * (languages reorder), and lists every marker that is missing, repeated, unknown or misnested.
 * Text is kept as the engine returned it, spaces around markers included.
 */
export function restoreFromMarkers(events: readonly MarkerEvent[], table: MarkerTable, syntax: Syntax): RestoreResult {
  const state: RestoreState = { table, problems: [], seen: new Map(), out: [], stack: [], misnested: new Set() };
  for (const event of events) {
    if (event.type === 'text') state.out.push({ type: 'text', text: event.text });
    else if (event.type === 'unknown') state.problems.push(`unknown marker ${event.marker}`);
    else if (event.type === 'close') restoreClose(state, event);
    else restoreOpen(state, event);
  }
  return { text: joinPieces(state.out, syntax), problems: [...state.problems, ...markerCountProblems(state)] };
}

interface RestoreState {
  table: MarkerTable;
  problems: string[];
  /** Per marker id: how often it opened (or stood, for a placeholder) and closed. */
  seen: Map<number, { opens: number; closes: number }>;
  out: Piece[];
  /** Ids of the pairs open now, innermost last. */
  stack: number[];
  misnested: Set<number>;
}

function countOf(state: RestoreState, id: number): { opens: number; closes: number } {
  const found = state.seen.get(id) ?? { opens: 0, closes: 0 };
  state.seen.set(id, found);
  return found;
}

function restoreClose(state: RestoreState, event: Extract<MarkerEvent, { type: 'close' }>): void {
  const { stack } = state;
  const id = event.id ?? stack.at(-1);
  const entry = id === undefined ? undefined : state.table.byId.get(id);
  if (id === undefined || entry?.kind !== 'pair') {
    state.problems.push(id === undefined ? `closing marker ${event.marker} closes nothing` : `unknown marker ${event.marker}`);
    return;
  }
  const depth = stack.lastIndexOf(id);
  const count = countOf(state, id);
  // Closed inside a pair opened after it, or before it opens at all.
  if ((depth >= 0 && depth < stack.length - 1) || (depth < 0 && count.opens === 0)) state.misnested.add(id);
  if (depth >= 0) stack.splice(depth, 1);
  count.closes += 1;
  state.out.push(entry.close);
}

function restoreOpen(state: RestoreState, event: Extract<MarkerEvent, { type: 'placeholder' | 'open' | 'start' }>): void {
  const entry = state.table.byId.get(event.id);
  if (entry?.kind === 'placeholder' && event.type !== 'open') {
    countOf(state, event.id).opens += 1;
    state.out.push(entry.piece);
  } else if (entry?.kind === 'pair' && event.type !== 'placeholder') {
    countOf(state, event.id).opens += 1;
    state.stack.push(event.id);
    state.out.push(entry.open);
  } else {
    state.problems.push(`unknown marker ${event.marker}`);
  }
}

/** Every marker of the table once: a placeholder exactly once, a pair opened and closed once, in order. */
function markerCountProblems(state: RestoreState): string[] {
  const problems: string[] = [];
  for (const [id, entry] of state.table.byId) {
    const { opens, closes } = state.seen.get(id) ?? { opens: 0, closes: 0 };
    if (entry.kind === 'placeholder') {
      const problem = countProblem(placeholderLabel(entry.piece.raw), 1, opens);
      if (problem !== undefined) problems.push(problem);
      continue;
    }
    const label = pairLabel(entry.open.raw, entry.close.raw);
    if (opens === 0 && closes === 0) problems.push(countProblem(label, 1, 0) as string);
    else if (opens === 0) problems.push(pairProblem(label, 'no-open'));
    else if (closes === 0) problems.push(pairProblem(label, 'no-close'));
    else if (opens > 1 || closes > 1) problems.push(countProblem(label, 1, Math.max(opens, closes)) as string);
    else if (state.misnested.has(id)) problems.push(pairProblem(label, 'misnested'));
  }
  return problems;
}
