/** What a reader hands to the rest of the pipeline: one translatable unit of a source document. */
export const BLOCK_KINDS = ['title', 'heading', 'paragraph', 'caption', 'list-item'] as const;
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
}

/** Titles, headings and captions are one translation unit each: never split. Paragraphs and list items are split into sentences. */
export const SINGLE_UNIT_KINDS: ReadonlySet<BlockKind> = new Set(['title', 'heading', 'caption']);
