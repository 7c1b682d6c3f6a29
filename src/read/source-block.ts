/** What a reader hands to the rest of the pipeline: one translatable unit of a source document. */
export const BLOCK_KINDS = ['title', 'heading', 'paragraph', 'caption', 'list-item', 'table'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface SourceBlock {
  kind: BlockKind;
  /**
   * Normalised text: no bullets, no indentation, no block markers (`#`, `>`, `-`). Markdown keeps
   * its inline markup (emphasis, links, code, inline HTML); captions have none.
   */
  text: string;
  /** 1-based line in the source file where the block starts, for messages. */
  line: number;
  /**
   * A block translated piece by piece inside fixed markup (a GFM table: one piece per cell):
   * `text` is `glue[0] + pieces[0] + glue[1] + … + pieces[n-1] + glue[n]`.
   */
  template?: { pieces: string[]; glue: string[] };
}

/** Titles, headings and captions are one translation unit each: never split. Paragraphs and list items are split into sentences. */
export const SINGLE_UNIT_KINDS: ReadonlySet<BlockKind> = new Set(['title', 'heading', 'caption']);
