import { place, TilmashError } from '../errors.js';
import type { BlockKind } from '../read/source-block.js';
import { blockEntryLines, syntaxErrorPosition } from './json-position.js';
import type { KeyMap, KeyMapEntry } from './key-map.js';
import { KEY_MAP_VERSION } from './key-map.js';
import { KEY_PATTERN } from './slug-key.js';

const FIX = 'fix the entry or delete the file to regenerate keys (keys of existing translations will change)';
const FIX_FILE = 'fix the file or delete it to regenerate keys (keys of existing translations will change)';

const KINDS: readonly BlockKind[] = ['title', 'heading', 'paragraph', 'caption', 'list-item'];

function bad(file: string, where: string, what: string, fix: string): TilmashError {
  return new TilmashError('badSource', `${where}: ${what}; ${fix}`, { file });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `source/<name>.keys.json`. Throws a `badSource` TilmashError naming the file, the place
 * (line, entry index and key) and the fix on anything a KeyMap's invariants rule out.
 */
export function parseKeyMap(text: string, file: string): KeyMap {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const at = syntaxErrorPosition(error, json);
    const reason = error instanceof Error ? error.message : String(error);
    throw bad(file, place(file, at?.line, at?.column), `key map is not valid JSON (${reason})`, FIX_FILE);
  }
  if (!isObject(data)) throw bad(file, file, 'key map must be a JSON object with "version" and "blocks"', FIX_FILE);
  if (data['version'] !== KEY_MAP_VERSION) {
    const found = JSON.stringify(data['version']) ?? 'nothing';
    throw bad(file, file, `key map has "version" ${found}, expected ${KEY_MAP_VERSION}`, FIX_FILE);
  }
  const raw = data['blocks'];
  if (!Array.isArray(raw)) throw bad(file, file, 'key map must have a "blocks" array', FIX_FILE);

  const lines = blockEntryLines(json);
  const firstIndex = new Map<string, number>();
  const blocks = raw.map((item: unknown, index): KeyMapEntry => {
    const key = isObject(item) && typeof item['key'] === 'string' ? item['key'] : undefined;
    const where = `${place(file, lines[index])}: blocks[${index}]${key === undefined ? '' : ` (key ${JSON.stringify(key)})`}`;
    const fail = (what: string): TilmashError => bad(file, where, what, FIX);
    if (!isObject(item)) throw fail('entry must be an object { "key", "kind", "text" }');
    if (key === undefined) throw fail('entry needs a string "key"');
    if (!KEY_PATTERN.test(key)) {
      throw fail('key may only have a-z, 0-9 and single "-" between them ("." separates i18next keys, "_" starts plural/context suffixes)');
    }
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) throw fail(`key is already used by blocks[${earlier}]`);
    firstIndex.set(key, index);
    const kind = item['kind'];
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      throw fail(`entry has "kind" ${JSON.stringify(kind) ?? 'missing'}, expected one of ${KINDS.join(', ')}`);
    }
    if (typeof item['text'] !== 'string') throw fail('entry needs a string "text"');
    return { key, kind: kind as BlockKind, text: item['text'] };
  });
  return { version: KEY_MAP_VERSION, blocks };
}

/**
 * Deterministic text of a key map: 2-space indent, one entry per line in source order (so a
 * changed block is a one-line diff), fields in the order key, kind, text, trailing newline.
 */
export function formatKeyMap(map: KeyMap): string {
  const entries = map.blocks.map(
    (e) => `    { "key": ${JSON.stringify(e.key)}, "kind": ${JSON.stringify(e.kind)}, "text": ${JSON.stringify(e.text)} }`,
  );
  const blocks = entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n  ]`;
  return `{\n  "version": ${map.version},\n  "blocks": ${blocks}\n}\n`;
}
