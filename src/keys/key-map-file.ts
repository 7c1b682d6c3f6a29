import { place, TilmashError } from '../errors.js';
import { jsonMember, jsonValue, parseOrderedJsonObject, type JsonNode } from '../messages/ordered-json.js';
import { BLOCK_KINDS, type BlockKind } from '../read/source-block.js';
import type { KeyMap, KeyMapEntry } from './key-map.js';
import { KEY_MAP_VERSION } from './key-map.js';
import { KEY_PATTERN } from './slug-key.js';

const FIX = 'fix the entry or delete the file to regenerate keys (keys of existing translations will change)';
const FIX_FILE = 'fix the file or delete it to regenerate keys (keys of existing translations will change)';

/**
 * The key map beside an article: `source/article.ru.md` and `source/article.md` →
 * `source/article.keys.json` (the source locale is not part of the name).
 */
export function keyMapFileOf(sourceFile: string, sourceLocale: string): string {
  return sourceFile.replace(/\.(txt|md|markdown)$/u, '.keys.json').replace(new RegExp(`\\.${sourceLocale}\\.keys\\.json$`, 'u'), '.keys.json');
}

/**
 * Reads `source/<name>.keys.json`. Throws a `badSource` TilmashError naming the file, the place
 * (line, entry index and key) and the fix on anything a KeyMap's invariants rule out.
 */
export function parseKeyMap(text: string, file: string): KeyMap {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const root = parseOrderedJsonObject(json, file, `a key map must be a JSON object with "version" and "blocks"; ${FIX_FILE}`, {
    name: 'key map',
    fix: `${FIX_FILE[0]!.toUpperCase()}${FIX_FILE.slice(1)}.`,
  });
  const shown = (node: JsonNode | undefined): string | undefined => (node === undefined ? undefined : JSON.stringify(jsonValue(node, json)));
  const version = jsonMember(root, 'version');
  if (version === undefined || jsonValue(version, json) !== KEY_MAP_VERSION) {
    throw bad(file, file, `key map has "version" ${shown(version) ?? 'nothing'}, expected ${KEY_MAP_VERSION}`, FIX_FILE);
  }
  const raw = jsonMember(root, 'blocks');
  if (raw?.kind !== 'array') throw bad(file, file, 'key map must have a "blocks" array', FIX_FILE);

  const firstIndex = new Map<string, number>();
  const blocks = raw.elements.map(({ line, value: item }, index): KeyMapEntry => {
    const field = (name: string): JsonNode | undefined => (item.kind === 'object' ? jsonMember(item, name) : undefined);
    const keyNode = field('key');
    const key = keyNode?.kind === 'string' ? keyNode.value : undefined;
    const where = `${place(file, line)}: blocks[${index}]${key === undefined ? '' : ` (key ${JSON.stringify(key)})`}`;
    const fail = (what: string): TilmashError => bad(file, where, what, FIX);
    if (item.kind !== 'object') throw fail('entry must be an object { "key", "kind", "text" }');
    if (key === undefined) throw fail('entry needs a string "key"');
    if (!KEY_PATTERN.test(key)) {
      throw fail('key may only have a-z, 0-9 and single "-" between them ("." separates i18next keys, "_" starts plural/context suffixes)');
    }
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) throw fail(`key is already used by blocks[${earlier}]`);
    firstIndex.set(key, index);
    const kindNode = field('kind');
    const kind = kindNode?.kind === 'string' ? kindNode.value : undefined;
    if (kind === undefined || !(BLOCK_KINDS as readonly string[]).includes(kind)) {
      throw fail(`entry has "kind" ${shown(kindNode) ?? 'missing'}, expected one of ${BLOCK_KINDS.join(', ')}`);
    }
    const text = field('text');
    if (text?.kind !== 'string') throw fail('entry needs a string "text"');
    return { key, kind: kind as BlockKind, text: text.value };
  });
  return { version: KEY_MAP_VERSION, blocks };
}

function bad(file: string, where: string, what: string, fix: string): TilmashError {
  return new TilmashError('badSource', `${where}: ${what}; ${fix}`, { file });
}

/**
 * Deterministic text of a key map: 2-space indent, one entry per line in source order (so a
 * changed block is a one-line diff), fields in the order key, kind, text, trailing newline.
 */
export function formatKeyMap(map: KeyMap): string {
  return [...keyMapPieces(map)].join('');
}

/**
 * Whether `text` is exactly `formatKeyMap(map)`, compared piece by piece, without building the
 * whole text (for a 20 MB article that is a second copy of it, only to learn "unchanged").
 */
export function keyMapFormatsAs(map: KeyMap, text: string): boolean {
  let offset = 0;
  for (const piece of keyMapPieces(map)) {
    if (!text.startsWith(piece, offset)) return false;
    offset += piece.length;
  }
  return offset === text.length;
}

/** The text of `formatKeyMap`, in order, one entry line at a time. */
function* keyMapPieces(map: KeyMap): Generator<string> {
  yield `{\n  "version": ${map.version},\n  "blocks": `;
  if (map.blocks.length === 0) yield '[]';
  else {
    yield '[\n';
    for (const [i, e] of map.blocks.entries()) {
      yield `${i === 0 ? '' : ',\n'}    { "key": ${JSON.stringify(e.key)}, "kind": ${JSON.stringify(e.kind)}, "text": ${JSON.stringify(e.text)} }`;
    }
    yield '\n  ]';
  }
  yield '\n}\n';
}
