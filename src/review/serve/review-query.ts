import type { ReviewCell, ReviewData, ReviewRow } from '../review-types.js';

/** One key in one locale: what the review page lists and acts on. */
export interface ReviewUnit {
  locale: string;
  namespace: string;
  key: string;
  source: string;
  cell: ReviewCell;
}

/** The page's filters; every one optional. */
export interface ReviewFilter {
  locale?: string;
  /** A cell status, or `held` (held back by QA). */
  status?: string;
  /** A substring of the origin (`human`, `engine`, `engine:deepl`, `import`). */
  origin?: string;
  /** Has a finding of this severity. */
  severity?: string;
  /** Changed since the base. */
  changed?: boolean;
  /** Every word (case-insensitive, NFC) in the key, source, target or held-back text. */
  q?: string;
}

/** Every unit in report order: keys in source order, the config's locales within a key. */
export function reviewUnits(data: ReviewData): ReviewUnit[] {
  return data.rows.flatMap((row: ReviewRow) => data.locales.flatMap((locale) => {
    const cell = row.cells[locale];
    return cell ? [{ locale, namespace: row.namespace, key: row.key, source: row.source, cell }] : [];
  }));
}

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase();

/** The units a filter selects, in order. */
export function filterUnits(units: readonly ReviewUnit[], filter: ReviewFilter): ReviewUnit[] {
  const words = fold(filter.q ?? '').split(/\s+/u).filter(Boolean);
  return units.filter((u) => {
    const { cell } = u;
    if (filter.locale && u.locale !== filter.locale) return false;
    if (filter.status === 'held' ? cell.heldBack === undefined : filter.status && cell.status !== filter.status) return false;
    if (filter.origin && !(cell.origin ?? '').includes(filter.origin)) return false;
    if (filter.severity && !cell.findings.some((f) => f.severity === filter.severity)) return false;
    if (filter.changed && !cell.changed) return false;
    if (words.length === 0) return true;
    const hay = fold([`${u.namespace}.${u.key}`, u.source, cell.target ?? '', cell.heldBack ?? '', ...(cell.segments ?? []).map((s) => s.tm?.target ?? '')].join('\n'));
    return words.every((w) => hay.includes(w));
  });
}
