import { TilmashError } from '../errors.js';

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: comma-separated fields, `"…"` quoting with `""` for a quote, CRLF or LF line
 * ends, line breaks allowed inside quotes. Blank lines are skipped. The text has no BOM.
 * Throws a `config` error naming `file:line` for a quote that is never closed, text after a
 * closing quote, or a quote inside an unquoted field.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the current field was written in quotes (so it exists even when empty)
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !quoted;
    if (!blank) {
      endField();
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    quoted = false;
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '' && !quoted) {
      const read = readQuoted(text, i + 1, line, file);
      quoted = true;
      field = read.field;
      i = read.end;
      line = read.line;
    } else if (ch === '"') {
      throw csvError(file, line, 'a quote inside a field. Put the whole field in quotes and write "" for each quote inside it.');
    } else if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  endRecord();
  return records;
}

/** A quoted field from just after its opening quote: its text, where it ends and the line it ends on. */
function readQuoted(text: string, start: number, openedAt: number, file: string): { field: string; end: number; line: number } {
  let field = '';
  let line = openedAt;
  let i = start;
  for (;;) {
    if (i >= text.length) throw csvError(file, openedAt, 'a quoted field opened on this line is never closed. Close it with " (write "" for a quote inside it).');
    const c = text[i]!;
    i++;
    if (c === '"') {
      if (text[i] !== '"') break;
      i++;
    } else if (c === '\n') line++;
    field += c;
  }
  const next = text[i];
  if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
    throw csvError(file, line, 'text after a closing quote. Put the whole field in quotes and write "" for a quote inside it.');
  }
  return { field, end: i, line };
}

function csvError(file: string, line: number, message: string): TilmashError {
  return new TilmashError('config', `${file}:${line}: ${message}`, { file });
}
