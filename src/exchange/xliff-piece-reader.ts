/** Collects the pieces of one `<source>` or `<target>`, pairing tag codes and recalling source codes by id. */
import type { Piece, PlaceholderKind } from '../protect/protect-types.js';

/** What a source inline code stood for, looked up by id when a target code has no text of its own. */
export interface InlineCode {
  placeholder?: Extract<Piece, { type: 'placeholder' }>;
  open?: Extract<Piece, { type: 'open' }>;
  close?: Extract<Piece, { type: 'close' }>;
}

/** Pieces of one `<source>` or `<target>`. `sourceCodes` is undefined while reading a source. */
export class XliffPieceReader {
  readonly pieces: Piece[] = [];
  /** Pair of each open code of this element by id, for a close without `rid`. */
  readonly #pairById = new Map<string, number>();
  #nextPair = 0;

  constructor(
    readonly sourceCodes: ReadonlyMap<string, InlineCode> | undefined,
    /** Codes of this element by id, filled when given (while reading a source, for its target). */
    readonly codes?: Map<string, InlineCode>,
  ) {
    for (const code of sourceCodes?.values() ?? []) this.reservePair(code.open?.pair ?? code.close?.pair);
  }

  reservePair(pair: number | undefined): void {
    if (pair !== undefined && pair >= this.#nextPair) this.#nextPair = pair + 1;
  }

  text(text: string): void {
    const last = this.pieces.at(-1);
    if (last?.type === 'text') last.text += text;
    else if (text !== '') this.pieces.push({ type: 'text', text });
  }

  source(id: string): InlineCode | undefined {
    return this.sourceCodes?.get(id);
  }

  placeholder(id: string, raw: string, kind: PlaceholderKind): void {
    const piece = { type: 'placeholder' as const, raw, kind };
    this.pieces.push(piece);
    this.#record(id).placeholder ??= piece;
  }

  open(id: string, raw: string, rid: number | undefined): void {
    const pair = rid ?? this.source(id)?.open?.pair ?? this.#nextPair;
    this.reservePair(pair);
    this.#pairById.set(id, pair);
    const piece = { type: 'open' as const, raw, pair };
    this.pieces.push(piece);
    this.#record(id).open ??= piece;
  }

  close(id: string, raw: string, rid: number | undefined): void {
    const pair = rid ?? this.#pairById.get(id) ?? this.source(id)?.close?.pair ?? this.#nextPair;
    this.reservePair(pair);
    const piece = { type: 'close' as const, raw, pair };
    this.pieces.push(piece);
    this.#record(id).close ??= piece;
  }

  /** The code recorded for `id`; a scratch one when this element's codes are not kept. */
  #record(id: string): InlineCode {
    if (this.codes === undefined) return {};
    let code = this.codes.get(id);
    if (code === undefined) this.codes.set(id, (code = {}));
    return code;
  }
}
