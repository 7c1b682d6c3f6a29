import { asciiDigits } from '../text/ascii-digits.js';
import type { MarkerTable } from './marker-table.js';
import type { MarkerEvent } from './restore-from-markers.js';
import type { Piece } from './protect-types.js';

/** Placeholders and opening tags `⟦N⟧`, closing tags `⟦/N⟧` (U+27E6, U+27E7), text as it is. */
export function toSentinelWire(pieces: readonly Piece[], table: MarkerTable): string {
  return pieces
    .map((piece, i) => {
      const id = table.idOfPiece[i] ?? 0;
      if (piece.type === 'text') return piece.text;
      return piece.type === 'close' ? `⟦/${id}⟧` : `⟦${id}⟧`;
    })
    .join('');
}

/**
 * A sentinel as engines return it: spaces inside, fullwidth digits and slash, and the look-alike
 * brackets 〚〛 (U+301A/B) or doubled ASCII/fullwidth brackets `[[1]]`, `［［1］］`. A single `[1]`
 * or `【1】` is NOT read as a marker: it is an ordinary reference in prose.
 */
const SENTINEL = /(?:⟦|〚|\[\[|［［)\s*([/／]?)\s*([0-9０-９]+)\s*(?:⟧|〛|\]\]|］］)/g;

/** Reads an answer to `toSentinelWire`. */
export function parseSentinelAnswer(answer: string): MarkerEvent[] {
  const events: MarkerEvent[] = [];
  let at = 0;
  for (const m of answer.matchAll(SENTINEL)) {
    if (m.index > at) events.push({ type: 'text', text: answer.slice(at, m.index) });
    at = m.index + m[0].length;
    const id = Number(asciiDigits(m[2] ?? ''));
    events.push(m[1] === '' ? { type: 'start', id, marker: m[0] } : { type: 'close', id, marker: m[0] });
  }
  if (at < answer.length) events.push({ type: 'text', text: answer.slice(at) });
  return events;
}
