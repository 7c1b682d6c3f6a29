import { joinPieces } from './join-pieces.js';
import type { Piece, ProtectedSegment, Syntax } from './protect-types.js';

/**
 * `split`: only the text runs that contain a letter are sent, each trimmed (its leading and trailing
 * whitespace stays here); everything else never leaves Tilmash. The answers replace the runs in order.
 */
export function protectBySplit(pieces: readonly Piece[], syntax: Syntax): ProtectedSegment {
  const runs: Array<{ index: number; lead: string; core: string; trail: string }> = [];
  pieces.forEach((piece, index) => {
    if (piece.type !== 'text' || !/\p{L}/u.test(piece.text)) return;
    const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(piece.text) ?? [];
    runs.push({ index, lead, core, trail });
  });
  return {
    method: 'split',
    wire: runs.map((r) => r.core),
    format: 'text',
    restore(translated) {
      const problems =
        translated.length === runs.length ? [] : [`expected ${runs.length} translations, got ${translated.length}`];
      const out = [...pieces];
      runs.forEach((run, i) => {
        out[run.index] = { type: 'text', text: run.lead + (translated[i] ?? run.core) + run.trail };
      });
      return { text: joinPieces(out, syntax), problems };
    },
  };
}
