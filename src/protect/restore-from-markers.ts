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
  const problems: string[] = [];
  const seen = new Map<number, { opens: number; closes: number }>();
  const countOf = (id: number): { opens: number; closes: number } => {
    const found = seen.get(id) ?? { opens: 0, closes: 0 };
    seen.set(id, found);
    return found;
  };
  const out: Piece[] = [];
  const stack: number[] = [];
  const misnested = new Set<number>();

  for (const event of events) {
    if (event.type === 'text') {
      out.push({ type: 'text', text: event.text });
      continue;
    }
    if (event.type === 'unknown') {
      problems.push(`unknown marker ${event.marker}`);
      continue;
    }
    if (event.type === 'close') {
      const id = event.id ?? stack.at(-1);
      const entry = id === undefined ? undefined : table.byId.get(id);
      if (id === undefined || entry?.kind !== 'pair') {
        problems.push(id === undefined ? `closing marker ${event.marker} closes nothing` : `unknown marker ${event.marker}`);
        continue;
      }
      const depth = stack.lastIndexOf(id);
      const count = countOf(id);
      // Closed inside a pair opened after it, or before it opens at all.
      if ((depth >= 0 && depth < stack.length - 1) || (depth < 0 && count.opens === 0)) misnested.add(id);
      if (depth >= 0) stack.splice(depth, 1);
      count.closes += 1;
      out.push(entry.close);
      continue;
    }
    const entry = table.byId.get(event.id);
    if (entry?.kind === 'placeholder' && event.type !== 'open') {
      countOf(event.id).opens += 1;
      out.push(entry.piece);
    } else if (entry?.kind === 'pair' && event.type !== 'placeholder') {
      countOf(event.id).opens += 1;
      stack.push(event.id);
      out.push(entry.open);
    } else {
      problems.push(`unknown marker ${event.marker}`);
    }
  }

  for (const [id, entry] of table.byId) {
    const { opens, closes } = seen.get(id) ?? { opens: 0, closes: 0 };
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
    else if (misnested.has(id)) problems.push(pairProblem(label, 'misnested'));
  }
  return { text: joinPieces(out, syntax), problems };
}
