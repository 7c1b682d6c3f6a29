/** What a reader hands to the rest of the pipeline: one translatable unit of a source document. */
export type BlockKind = 'title' | 'heading' | 'paragraph' | 'caption' | 'list-item';

export interface SourceBlock {
  kind: BlockKind;
  /** Normalised text without markup (no bullets, no indentation, no Markdown markers). */
  text: string;
  /** 1-based line in the source file where the block starts, for messages. */
  line: number;
}

/** Titles, headings, captions and list items are one translation unit each: never split. */
export const SINGLE_UNIT_KINDS: ReadonlySet<BlockKind> = new Set(['title', 'heading', 'caption', 'list-item']);
