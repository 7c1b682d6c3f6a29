import { TilmashError } from '../errors.js';
import { jsonMember, jsonValue, parseOrderedJsonObject } from '../messages/ordered-json.js';
import type { GlossaryRow } from './build-glossary-terms.js';

/** Non-locale keys of a JSON glossary term. */
export const JSON_EXTRA_KEYS = ['doNotTranslate', 'note'] as const;

/**
 * A JSON glossary: `{ "terms": [ { "ru": "Синьхуа", "en": "Xinhua", "zh": "新华社", "note": "…" },
 * { "ru": "C5", "doNotTranslate": true } ] }`. Keys of a term are locale codes, `doNotTranslate`
 * (boolean) and `note`. Terms are named `term N (line L)` in messages. A key twice in one object is
 * an error (JSON.parse would keep the last silently).
 */
export function readJsonGlossary(text: string, file: string): GlossaryRow[] {
  const expected = 'a JSON glossary must be an object with a "terms" array: { "terms": [ { "ru": "…", "en": "…" } ] }.';
  const root = parseOrderedJsonObject(text, file, expected, { kind: 'config', name: 'the glossary', fix: 'Fix the syntax.' });
  const terms = jsonMember(root, 'terms');
  if (terms?.kind !== 'array') throw new TilmashError('config', `${file}: ${expected}`, { file });

  return terms.elements.map(({ line, value: term }, k): GlossaryRow => {
    const place = `term ${k + 1} (line ${line})`;
    const fail = (message: string) => new TilmashError('config', `${file}: ${place}: ${message}`, { file });
    if (term.kind !== 'object') throw fail('a term must be an object such as { "ru": "Синьхуа", "en": "Xinhua" }.');
    const cells = new Map<string, string>();
    let doNotTranslate = false;
    let note: string | undefined;
    for (const { key, value } of term.members) {
      const shown = (): string => JSON.stringify(jsonValue(value, text));
      if (key === 'doNotTranslate') {
        if (value.kind !== 'boolean') throw fail(`"doNotTranslate" must be true or false, not ${shown()}.`);
        doNotTranslate = jsonValue(value, text) as boolean;
      } else if (value.kind !== 'string') {
        throw fail(`"${key}" must be a string, not ${shown()}.`);
      } else if (key === 'note') note = value.value;
      else cells.set(key, value.value);
    }
    return { place, cells, doNotTranslate, ...(note !== undefined ? { note } : {}) };
  });
}
