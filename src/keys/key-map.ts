import type { BlockKind } from '../read/source-block.js';

/** One block of the source as last seen: its key and a snapshot of its kind and text. */
export interface KeyMapEntry {
  key: string;
  kind: BlockKind;
  text: string;
}

/**
 * `source/<name>.keys.json`. Invariants: entries are in source order, keys are unique and match
 * KEY_PATTERN.
 */
export interface KeyMap {
  version: 1;
  blocks: KeyMapEntry[];
}

export const KEY_MAP_VERSION = 1;
