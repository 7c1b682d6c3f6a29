import type { SourceLines } from './boilerplate.js';
import type { SourceBlock } from './source-block.js';

/** A GFM delimiter row: `| --- | :---: |`, `---|---`. */
const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/u;

/** 0-based [start, end) line ranges of the GFM tables: a header row with a pipe, a delimiter row, the rows after it. */
export function findTables(lines: SourceLines): Array<[number, number]> {
  const tables: Array<[number, number]> = [];
  for (let i = 1; i < lines.length; i++) {
    const header = lines[i - 1];
    if (header === null || header === undefined || !header.includes('|') || !DELIMITER_ROW.test(lines[i] ?? '')) continue;
    let end = i + 1;
    while (end < lines.length && (lines[end] ?? '').includes('|') && (lines[end] ?? '').trim() !== '') end++;
    tables.push([i - 1, end]);
    i = end;
  }
  return tables;
}

/**
 * A GFM table as one `table` block whose pieces are its non-empty cells (each one segment): the
 * pipes, the delimiter row and the padding are the glue written back around the translations.
 * Escaped pipes (`\|`) stay inside their cell.
 */
export function tableBlock(lines: SourceLines, [start, end]: [number, number]): SourceBlock {
  const pieces: string[] = [];
  const glue: string[] = [''];
  const rows = lines.slice(start, end).map((l) => (l ?? '').trim());
  rows.forEach((row, r) => {
    const prefix = r === 0 ? '' : '\n';
    if (r === 1) {
      glue[glue.length - 1] += `${prefix}${row}`;
      return;
    }
    glue[glue.length - 1] += prefix;
    for (const part of splitRow(row)) {
      const cell = part.trim();
      if (part === '|' || cell === '' || part.trim() === '|') {
        glue[glue.length - 1] += part;
        continue;
      }
      const lead = part.slice(0, part.indexOf(cell));
      glue[glue.length - 1] += lead;
      pieces.push(cell);
      glue.push(part.slice(lead.length + cell.length));
    }
  });
  const text = glue.map((g, i) => g + (pieces[i] ?? '')).join('');
  return { kind: 'table', text, line: start + 1, template: { pieces, glue } };
}

/** A row cut into pipes and cells, in order, keeping every character. */
function splitRow(row: string): string[] {
  const parts: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i] as string;
    if (c === '\\' && row[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (c === '|') {
      if (cell !== '') parts.push(cell);
      parts.push('|');
      cell = '';
    } else cell += c;
  }
  if (cell !== '') parts.push(cell);
  return parts;
}
