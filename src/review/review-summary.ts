import type { ReviewCell, ReviewData, ReviewRow } from './review-types.js';

export type ReviewStatus = ReviewCell['status'];

/** Cell statuses in the order the report lists them, most finished first. */
export const REVIEW_STATUSES = ['reviewed', 'translated', 'machine', 'needs-review', 'missing'] as const satisfies readonly ReviewStatus[];

/** Compiles only while every status is listed: a status added to ReviewCell['status'] must get its place above. */
type EveryStatusListed<T extends never = Exclude<ReviewStatus, (typeof REVIEW_STATUSES)[number]>> = T;

const MISSING_CELL: ReviewCell = { status: 'missing', changed: false, findings: [], suggestions: [] };

/** The row's cell for a locale; a locale the row has no cell for is shown as missing. */
export function cellOf(row: ReviewRow, locale: string): ReviewCell {
  return row.cells[locale] ?? MISSING_CELL;
}

/** What the filters select a row by (each true when any of the row's target cells qualifies). */
export interface RowFlags {
  /** A needs-review or missing cell, or an `error` finding. */
  needsReview: boolean;
  machine: boolean;
  changed: boolean;
}

export function rowFlags(row: ReviewRow, locales: readonly string[]): RowFlags {
  const cells = locales.map((locale) => cellOf(row, locale));
  return {
    needsReview: cells.some((c) => c.status === 'needs-review' || c.status === 'missing' || c.findings.some((f) => f.severity === 'error')),
    machine: cells.some((c) => c.status === 'machine'),
    changed: cells.some((c) => c.changed),
  };
}

export interface LocaleSummary {
  locale: string;
  counts: Record<ReviewStatus, number>;
  changed: number;
  /** Keys QA holds back from the bundles (counted in `needs-review` too). */
  heldBack: number;
}

export interface ReviewSummary {
  locales: LocaleSummary[];
  /** QA findings over every cell, by severity. */
  errors: number;
  warnings: number;
  infos: number;
}

/** Per-locale status counts and QA totals for the report header. */
export function summarizeReview(data: ReviewData): ReviewSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const locales = data.locales.map((locale): LocaleSummary => {
    const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
    let changed = 0;
    let heldBack = 0;
    for (const row of data.rows) {
      const cell = cellOf(row, locale);
      counts[cell.status] += 1;
      if (cell.changed) changed += 1;
      if (cell.heldBack !== undefined) heldBack += 1;
      for (const finding of cell.findings) {
        if (finding.severity === 'error') errors += 1;
        else if (finding.severity === 'warn') warnings += 1;
        else infos += 1;
      }
    }
    return { locale, counts, changed, heldBack };
  });
  return { locales, errors, warnings, infos };
}
