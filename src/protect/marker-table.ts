import type { Piece } from './protect-types.js';

type PlaceholderPiece = Extract<Piece, { type: 'placeholder' }>;
type OpenPiece = Extract<Piece, { type: 'open' }>;
type ClosePiece = Extract<Piece, { type: 'close' }>;

export type MarkerEntry =
  | { kind: 'placeholder'; piece: PlaceholderPiece }
  | { kind: 'pair'; open: OpenPiece; close: ClosePiece };

/** Marker ids of a segment: 1, 2, … over placeholders and pairs in source order. */
export interface MarkerTable {
  byId: ReadonlyMap<number, MarkerEntry>;
  /** The id each piece is sent as (a pair's halves share one); 0 for text. */
  idOfPiece: readonly number[];
}

export function numberMarkers(pieces: readonly Piece[]): MarkerTable {
  const byId = new Map<number, MarkerEntry>();
  const idOfPair = new Map<number, number>();
  const idOfPiece = pieces.map((piece, i) => {
    if (piece.type === 'text') return 0;
    if (piece.type === 'close') return idOfPair.get(piece.pair) ?? 0;
    const id = byId.size + 1;
    if (piece.type === 'placeholder') {
      byId.set(id, { kind: 'placeholder', piece });
    } else {
      const close = pieces.slice(i + 1).find((p): p is ClosePiece => p.type === 'close' && p.pair === piece.pair);
      if (close === undefined) throw new Error(`pair ${piece.pair} has no closing piece`);
      byId.set(id, { kind: 'pair', open: piece, close });
      idOfPair.set(piece.pair, id);
    }
    return id;
  });
  return { byId, idOfPiece };
}
