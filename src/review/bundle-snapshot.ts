import type { Ledger, LedgerNamespace } from '../ledger/ledger-types.js';

/** Which bundles hold a namespace (see LedgerNamespace.format). */
export type NamespaceFormat = LedgerNamespace['format'];

/**
 * The bundles of one output folder at one moment (the working tree or a git commit), flattened for
 * a per-key comparison: every locale's namespaces with their entries, and each target's ledger.
 */
export interface BundleSnapshot {
  sourceLocale: string;
  /** The source locale's bundles (no ledger); empty when the source bundles are not written. */
  source: LocaleSnapshot;
  /** Target locales: those with a ledger first, then those with bundles only (each in file-name order). */
  targets: LocaleSnapshot[];
}

export interface LocaleSnapshot {
  locale: string;
  /** Namespaces in ledger order, then i18next files, then ICU order. */
  namespaces: Map<string, SnapshotNamespace>;
  /** `locales/provenance/<lng>.json`; absent for the source locale and for bundles older than ledgers. */
  ledger?: Ledger;
}

export interface SnapshotNamespace {
  /** From a ledger of the snapshot; inferred without one: a `<lng>/<ns>.json` file → `i18next`, ICU only → `icu`. */
  format: NamespaceFormat;
  /**
   * Bundle key → value in bundle order: nested i18next paths joined with `.`, ICU ids without the
   * `<namespace>.` prefix. `text` namespaces come from the i18next bundle (the ICU one only when no
   * i18next file was written), so an article key is reported once.
   */
  entries: Map<string, string>;
}
