import { TilmashError } from '../errors.js';
import { syntaxErrorPosition } from '../keys/json-position.js';
import type { GlossaryRow } from './build-glossary-terms.js';

/** Non-locale keys of a JSON glossary term. */
export const JSON_EXTRA_KEYS = ['doNotTranslate', 'note'] as const;

/**
 * A JSON glossary: `{ "terms": [ { "ru": "Синьхуа", "en": "Xinhua", "zh": "新华社", "note": "…" },
 * { "ru": "C5", "doNotTranslate": true } ] }`. Keys of a term are locale codes, `doNotTranslate`
 * (boolean) and `note`. Terms are named `term N (line L)` in messages.
 */
export function readJsonGlossary(text: string, file: string): GlossaryRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const at = syntaxErrorPosition(cause, text);
    const where = at ? `${file}:${at.line}:${at.column}` : file;
    throw new TilmashError('config', `${where}: the glossary is not valid JSON (${(cause as Error).message}). Fix the syntax.`, { file, cause });
  }
  const terms = isObject(data) ? data.terms : undefined;
  if (!Array.isArray(terms)) {
    throw new TilmashError('config', `${file}: a JSON glossary must be an object with a "terms" array: { "terms": [ { "ru": "…", "en": "…" } ] }.`, { file });
  }
  const lines = termsElementLines(text);

  return terms.map((term: unknown, k): GlossaryRow => {
    const line = lines[k];
    const place = line === undefined ? `term ${k + 1}` : `term ${k + 1} (line ${line})`;
    const fail = (message: string) => new TilmashError('config', `${file}: ${place}: ${message}`, { file });
    if (!isObject(term)) throw fail('a term must be an object such as { "ru": "Синьхуа", "en": "Xinhua" }.');
    const cells = new Map<string, string>();
    let doNotTranslate = false;
    let note: string | undefined;
    for (const [key, value] of Object.entries(term)) {
      if (key === 'doNotTranslate') {
        if (typeof value !== 'boolean') throw fail(`"doNotTranslate" must be true or false, not ${JSON.stringify(value)}.`);
        doNotTranslate = value;
      } else if (typeof value !== 'string') {
        throw fail(`"${key}" must be a string, not ${JSON.stringify(value)}.`);
      } else if (key === 'note') note = value;
      else cells.set(key, value);
    }
    return { place, cells, doNotTranslate, ...(note !== undefined ? { note } : {}) };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Start line of each element of the top-level `"terms"` array, by a scan that tracks strings and
 * nesting. Only called on text JSON.parse accepted, so the text is well-formed.
 */
function termsElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let lastKey = '';
  let inTerms = false;
  let expectElement = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === '\n') {
      line++;
      continue;
    }
    if (/\s/.test(ch) || ch === ':') continue;
    if (inTerms && depth === 2 && expectElement && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') {
      const start = k;
      for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === '\\') k++;
      if (depth === 1) lastKey = text.slice(start + 1, k);
    } else if (ch === '{' || ch === '[') {
      depth++;
      if (ch === '[' && depth === 2 && lastKey === 'terms') {
        inTerms = true;
        expectElement = true;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 1) inTerms = false;
    } else if (ch === ',' && inTerms && depth === 2) expectElement = true;
  }
  return lines;
}
