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
  /** What `changed` compares with: a git ref (`HEAD`, `--base`), or `ledger` (the ledgers on disk, outside git). */
  base?: string;
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
  /**
   * A key QA holds back from the bundles: the translation the TM has for it (usually MT recorded
   * `needs-review`), shown with its findings so the reviewer sees what to fix. Never shipped.
   */
  heldBack?: string;
  /** The key's segments for this locale (one per sentence, plural form or ICU branch), for the review server. */
  segments?: ReviewSegment[];
}

/** One segment of a key in one locale: its source, context and what the TM holds for it. */
export interface ReviewSegment {
  source: string;
  /** The other sentences of the block, or the message description. */
  context?: string;
  /** The TM entry for the segment; absent when the TM has none. */
  tm?: { target: string; origin: string; status: TmStatus; changed: string; findings?: TmFinding[] };
}
