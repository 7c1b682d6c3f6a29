import type { KeyMap } from '../keys/index.js';
import type { SourceMessage } from '../messages/message-types.js';
import type { Syntax } from '../protect/protect-types.js';
import type { BlockKind } from '../read/source-block.js';

/** A source document after reading, key assignment and segmentation. */
export interface SourceDocument {
  /** Bundle namespace: `source/article.ru.txt` → `article`. */
  namespace: string;
  /** Path relative to the project root, for messages. */
  file: string;
  /** `text`: an article (txt or md); `i18next` / `icu`: app strings. */
  format: 'text' | 'i18next' | 'icu';
  units: SourceUnit[];
  /** Articles only: the key map beside the source, what it should contain now, and whether to (re)write it. */
  keyMap?: { file: string; map: KeyMap; changed: boolean };
}

/** One bundle key of a document (an i18next plural group is one unit). */
export type SourceUnit = ArticleUnit | MessageUnit;

interface UnitBase {
  /** Unique within the namespace: the article key, or the message's key path joined with `.`. */
  key: string;
  /** 1-based line in the source file, for messages. */
  line: number;
  /** The source text as written (a plural group: its `other` form). */
  text: string;
  syntax: Syntax;
}

export interface ArticleUnit extends UnitBase {
  type: 'block';
  kind: BlockKind;
  /** Sentences of the block in order; one element for titles, headings and captions; a table's cells. */
  segments: string[];
  /** A table: the markup around and between the segments (`segments.length + 1` strings), written back as is. */
  glue?: string[];
}

export interface MessageUnit extends UnitBase {
  type: 'message';
  message: SourceMessage;
}
