import type { Piece } from './protect-types.js';
import type { RawToken } from './raw-token.js';

/**
 * Raw tokens → pieces. An opening half is paired with the nearest unpaired closing half of the same
 * `match`; halves left without a partner, and pairs that would cross another pair, become `tag`
 * placeholders, so the result always nests. Pairs are numbered 1, 2, … in the order they open;
 * adjacent texts are merged and empty texts dropped.
 */
export function resolvePairs(tokens: readonly RawToken[]): Piece[] {
  const partnerOf = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'open') stack.push(i);
    if (token.type !== 'close') return;
    const depth = stack.findLastIndex((j) => (tokens[j] as { match: string }).match === token.match);
    if (depth < 0) return;
    // Openings above the partner are closed by nothing inside this pair: they stay unpaired.
    const opener = stack[depth] as number;
    stack.length = depth;
    partnerOf.set(opener, i);
    partnerOf.set(i, opener);
  });

  const pairOf = new Map<number, number>();
  const pieces: Piece[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'text') {
      const last = pieces.at(-1);
      if (last?.type === 'text') last.text += token.text;
      else if (token.text !== '') pieces.push({ type: 'text', text: token.text });
      return;
    }
    if (token.type === 'placeholder') {
      pieces.push({ type: 'placeholder', raw: token.raw, kind: token.kind });
      return;
    }
    const partner = partnerOf.get(i);
    if (partner === undefined) {
      pieces.push({ type: 'placeholder', raw: token.raw, kind: 'tag' });
    } else if (token.type === 'open') {
      const pair = pairOf.size + 1;
      pairOf.set(i, pair);
      pieces.push({ type: 'open', raw: token.raw, pair });
    } else {
      pieces.push({ type: 'close', raw: token.raw, pair: pairOf.get(partner) as number });
    }
  });
  return pieces;
}
