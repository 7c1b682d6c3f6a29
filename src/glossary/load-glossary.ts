import { readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { TilmashError } from '../errors.js';
import { decodeUtf8Text } from '../read/decode-text.js';
import { buildGlossaryTerms, type GlossaryColumns, type GlossaryRow } from './build-glossary-terms.js';
import type { Glossary } from './glossary-types.js';
import { CSV_EXTRA_COLUMNS, readCsvGlossary } from './read-csv-glossary.js';
import { JSON_EXTRA_KEYS, readJsonGlossary } from './read-json-glossary.js';
import { readTbxGlossary } from './read-tbx-glossary.js';

/**
 * Reads the project glossary (`.json`, `.csv` or `.tbx`, UTF-8; a BOM is tolerated) at `file`,
 * relative to `rootDir`, and validates it against the project's locales. Throws a `config`
 * TilmashError naming the file, the place (line, row or term) and the fix.
 */
export function loadGlossary(rootDir: string, file: string, targetLocales: readonly string[], sourceLocale: string): Glossary {
  const path = resolve(rootDir, file);
  const shown = isAbsolute(file) ? relative(rootDir, path) || file : file;
  const format = extname(file).toLowerCase();
  if (format !== '.json' && format !== '.csv' && format !== '.tbx') {
    throw new TilmashError('config', `${shown}: glossary files must end in .json, .csv or .tbx (found «${format || 'no extension'}»). Convert it or rename it, and set \`glossary\` in pipeline.config.ts.`, { file: shown });
  }
  const text = readText(path, shown);
  const base = { file: shown, sourceLocale, targetLocales };
  let rows: GlossaryRow[];
  let columns: GlossaryColumns;
  if (format === '.json') {
    columns = { ...base, columnWord: 'key', extraColumns: JSON_EXTRA_KEYS };
    rows = readJsonGlossary(text, shown);
  } else if (format === '.csv') {
    columns = { ...base, columnWord: 'column', extraColumns: CSV_EXTRA_COLUMNS };
    rows = readCsvGlossary(text, columns);
  } else {
    columns = { ...base, columnWord: 'language', extraColumns: [] };
    rows = readTbxGlossary(text, columns);
  }
  return { file: shown, terms: buildGlossaryTerms(rows, columns) };
}

/** The file as strict UTF-8, normalised as source documents are (see decodeText). */
function readText(path: string, file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(cause)})`;
    throw new TilmashError('config', `${file}: the glossary file ${why} (looked at ${path}). Create it, or fix \`glossary\` in pipeline.config.ts.`, { file, cause });
  }
  return decodeUtf8Text(bytes, file, 'config');
}
