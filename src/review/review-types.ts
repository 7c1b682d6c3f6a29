import type { TmFinding, TmStatus } from '../tm/tm-entry.js';

/** Everything the static HTML review report shows: one row per key, one cell per target locale. */
export interface ReviewData {
  title: string;
  /** ISO time the report was made (shown; tests fix it). */
  generated: string;
  sourceLocale: string;
  locales: string[];
  /** Derived locales (`kk-Latn` → `{ from: 'kk', converter: 'kk-cyrl-latn' }`): converted from a parent, shown as derived. */
  derived?: Record<string, { from: string; converter: string }>;
  rows: ReviewRow[];
}

export interface ReviewRow {
  namespace: string;
  key: string;
  /** The source as written (for plural groups: every form, one per line as `one: …`). */
  source: string;
  cells: Record<string, ReviewCell>;
}

export interface ReviewCell {
  /** What the bundle holds for the key (plural groups: one form per line), or undefined when untranslated. */
  target?: string;
  status: TmStatus | 'missing';
  /** `human`, `engine:deepl`, `import:tmx`… (see LedgerEntry.origin); undefined when missing. */
  origin?: string;
  /** The key changed since the base (`git` ref or the previous ledger): added or changed. */
  changed: boolean;
  findings: TmFinding[];
  /** Fuzzy TM matches offered for a missing or machine segment: never shipped, only shown. */
  suggestions: Array<{ source: string; target: string; similarity: number; origin: string }>;
}
