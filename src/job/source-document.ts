import type { KeyMap } from '../keys/index.js';
import type { BlockKind } from '../read/source-block.js';

/** A source document after reading, key assignment and segmentation. */
export interface SourceDocument {
  /** Bundle namespace: `source/article.ru.txt` → `article`. */
  namespace: string;
  /** Path relative to the project root, for messages. */
  file: string;
  blocks: DocumentBlock[];
  /** Where the key map lives and what it should contain now. */
  keyMapFile: string;
  keyMap: KeyMap;
  /** The key-map file must be (re)written. */
  keyMapChanged: boolean;
}

export interface DocumentBlock {
  key: string;
  kind: BlockKind;
  text: string;
  line: number;
  /** Sentences of the block in order; one element for titles, captions and list items. */
  segments: string[];
}
