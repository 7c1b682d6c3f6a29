import { TilmashError } from '../errors.js';
import { localeOfColumn, type GlossaryColumns, type GlossaryRow } from './build-glossary-terms.js';
import { parseCsv } from './parse-csv.js';

/** Non-locale columns of a CSV glossary. */
export const CSV_EXTRA_COLUMNS = ['dnt', 'note'] as const;

/**
 * A CSV glossary (RFC 4180, UTF-8): a header row of column names — locale codes (`ru,en,kk,zh`)
 * in any order, `dnt` (do not translate: yes/true/1, or no/false/0/empty) and `note` — then one
 * term per row. Rows are named by their line for messages.
 */
export function readCsvGlossary(text: string, columns: GlossaryColumns): GlossaryRow[] {
  const { file } = columns;
  const [header, ...records] = parseCsv(text, file);
  if (header === undefined) throw new TilmashError('config', `${file}: the glossary is empty. Start it with a header row such as \`ru,en,kk,zh,dnt,note\`.`, { file });
  const names = header.fields.map((name) => name.trim());
  names.forEach((name, k) => {
    if (name === '') throw new TilmashError('config', `${file}:${header.line}: column ${k + 1} of the header has no name. Name it with a locale code, \`dnt\` or \`note\`, or remove it.`, { file });
    if (names.findIndex((n) => n.toLowerCase() === name.toLowerCase()) !== k) throw new TilmashError('config', `${file}:${header.line}: the column «${name}» appears twice in the header. Keep one.`, { file });
    if (!(CSV_EXTRA_COLUMNS as readonly string[]).includes(name.toLowerCase())) localeOfColumn(name, columns, `line ${header.line} (header)`);
  });

  return records.map((record): GlossaryRow => {
    const place = `line ${record.line}`;
    if (record.fields.length !== names.length) {
      throw new TilmashError('config', `${file}:${record.line}: the row has ${record.fields.length} fields but the header has ${names.length}. Quote fields that contain commas ("…"), and give every row one field per column.`, { file });
    }
    const cells = new Map<string, string>();
    let doNotTranslate = false;
    let note: string | undefined;
    names.forEach((name, k) => {
      const value = record.fields[k] ?? '';
      const lower = name.toLowerCase();
      if (lower === 'dnt') doNotTranslate = parseFlag(value, file, record.line);
      else if (lower === 'note') note = value;
      else cells.set(name, value);
    });
    return { place, cells, doNotTranslate, ...(note !== undefined ? { note } : {}) };
  });
}

function parseFlag(value: string, file: string, line: number): boolean {
  const flag = value.trim().toLowerCase();
  if (flag === 'yes' || flag === 'true' || flag === '1') return true;
  if (flag === '' || flag === 'no' || flag === 'false' || flag === '0') return false;
  throw new TilmashError('config', `${file}:${line}: the dnt field is «${value}». Write yes, true or 1 for a do-not-translate term, or leave it empty.`, { file });
}
