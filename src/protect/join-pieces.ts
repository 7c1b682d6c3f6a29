import { escapeIcuLeaf } from './escape-icu-leaf.js';
import type { Piece, Syntax } from './protect-types.js';

/**
 * Pieces → source text in `syntax`; the inverse of `tokenizeSegment` for canonical input. In `icu`,
 * texts and the URL, e-mail and term placeholders beside them are visible text, escaped together
 * (so quotes of neighbouring runs never merge); everything else is written as its raw form.
 */
export function joinPieces(pieces: readonly Piece[], syntax: Syntax): string {
  let out = '';
  let visible = '';
  for (const piece of pieces) {
    if (piece.type === 'text') visible += piece.text;
    else if (syntax === 'icu' && isVisibleInIcu(piece)) visible += piece.raw;
    else {
      out += renderText(visible, syntax) + piece.raw;
      visible = '';
    }
  }
  return out + renderText(visible, syntax);
}

/** Text as it is written in `syntax`. */
function renderText(text: string, syntax: Syntax): string {
  return syntax === 'icu' ? escapeIcuLeaf(text) : text;
}

/** In `icu`, URL, e-mail and term placeholders hold visible text, not ICU source. */
function isVisibleInIcu(piece: Piece): boolean {
  return piece.type === 'placeholder' && (piece.kind === 'url' || piece.kind === 'email' || piece.kind === 'term');
}
