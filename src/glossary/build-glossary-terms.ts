import { TilmashError } from '../errors.js';
import type { GlossaryTerm } from './glossary-types.js';

/**
 * One entry as a reader found it, before validation: text per column (a locale code, as written
 * in the file), the do-not-translate mark and a note. `place` says where it is (`line 4`, `term 2`).
 */
export interface GlossaryRow {
  place: string;
  cells: ReadonlyMap<string, string>;
  doNotTranslate: boolean;
  note?: string;
}

export interface GlossaryColumns {
  file: string;
  sourceLocale: string;
  targetLocales: readonly string[];
  /** How the file format calls a column, for messages: `column` (CSV), `key` (JSON), `language` (TBX). */
  columnWord: string;
  /** The non-locale columns of the format, for the unknown-column message (`dnt`, `note`). */
  extraColumns: readonly string[];
}

/**
 * Validates reader rows into glossary terms. Invariants of the result: every term has a source
 * text; sources are unique (after NFC and whitespace folding); a do-not-translate term has no
 * targets (its required form is its source in every locale); texts are trimmed NFC.
 */
export function buildGlossaryTerms(rows: readonly GlossaryRow[], columns: GlossaryColumns): GlossaryTerm[] {
  const { file, sourceLocale } = columns;
  const seen = new Map<string, string>();
  const terms: GlossaryTerm[] = [];

  for (const row of rows) {
    const texts = new Map<string, string>();
    for (const [column, raw] of row.cells) {
      const locale = localeOfColumn(column, columns, row.place);
      const text = cleanTermText(raw);
      if (text !== '') texts.set(locale, text);
    }
    const rest = Object.fromEntries([...texts].filter(([locale]) => locale !== sourceLocale));
    const source = texts.get(sourceLocale);
    if (source === undefined) {
      if (texts.size === 0 && !row.doNotTranslate) continue; // an empty row
      throw configError(file, `${file}: ${row.place}: the term has no «${sourceLocale}» text (found ${describe(texts)}). Add the ${sourceLocale} term, or remove the entry.`);
    }
    // Case matters: «Мир» (the newspaper) and «мир» are different terms.
    const previous = seen.get(source);
    if (previous !== undefined) {
      throw configError(file, `${file}: ${row.place}: the term «${source}» is already defined at ${previous}. Merge the two entries into one.`);
    }
    seen.set(source, row.place);

    if (row.doNotTranslate) {
      for (const [locale, target] of Object.entries(rest)) {
        if (target !== source) {
          throw configError(file, `${file}: ${row.place}: «${source}» is marked do-not-translate but its ${locale} text is «${target}». Remove the ${locale} text (do-not-translate terms stay as they are in every locale), or remove the do-not-translate mark.`);
        }
      }
    }
    terms.push({
      source,
      targets: row.doNotTranslate ? {} : rest,
      doNotTranslate: row.doNotTranslate,
      ...(row.note !== undefined && row.note.trim() !== '' ? { note: row.note.trim() } : {}),
    });
  }
  return terms;
}

/**
 * The project locale a column (a JSON key, a CSV header, a TBX language) stands for, compared
 * case-insensitively (`ZH` → `zh`); throws a `config` error for anything else.
 */
export function localeOfColumn(column: string, columns: GlossaryColumns, place: string): string {
  const locales = [columns.sourceLocale, ...columns.targetLocales];
  const locale = locales.find((l) => l.toLowerCase() === column.toLowerCase());
  if (locale !== undefined) return locale;
  const known = [...locales, ...columns.extraColumns].join(', ');
  throw configError(columns.file, `${columns.file}: ${place}: unknown ${columns.columnWord} «${column}». Known ${columns.columnWord}s are ${known} (locale codes are the project's source and target locales): rename or remove it.`);
}

/** NFC, trimmed, inner whitespace folded to one space: how terms are compared and stored. */
function cleanTermText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function describe(texts: ReadonlyMap<string, string>): string {
  if (texts.size === 0) return 'nothing';
  return [...texts].map(([locale, text]) => `${locale} «${text}»`).join(', ');
}

function configError(file: string, message: string): TilmashError {
  return new TilmashError('config', message, { file });
}
