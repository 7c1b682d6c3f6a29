import type { TmFinding, TmStatus } from '../tm/tm-entry.js';

/**
 * The provenance ledger of one target locale: `locales/provenance/<lng>.json`, written by `run`
 * beside the bundles and committed with them. For every key of every namespace it records what
 * the bundle holds and where it came from, so the next run can tell a person's edit from its own
 * output and a changed source from an unchanged one. Byte-stable: namespaces and keys in source order.
 */
export interface Ledger {
  locale: string;
  /** Fingerprint of the QA that produced the findings (checks, severities, glossary, version). */
  qa?: string;
  namespaces: Record<string, LedgerNamespace>;
}

export interface LedgerNamespace {
  /** Which bundles hold the namespace: `text` → i18next and ICU, `i18next` → i18next, `icu` → ICU. */
  format: 'text' | 'i18next' | 'icu';
  /** Unit key (article key, i18next key path joined with `.`, ICU id) → its record. */
  keys: Record<string, LedgerEntry>;
}

export interface LedgerEntry {
  /** Hash of the unit's source as written (every plural form of a group): `sha256:<16 hex>`. */
  source: string;
  /** Hash of the bundle entries written for the key (path and value of each): `sha256:<16 hex>`. */
  target: string;
  /**
   * Where the target came from: `human` (a person: the TM's human entries or an edit made in the
   * bundle), `engine:<id>`, `import:tmx`, `import:xliff`; several origins joined with `+` in
   * segment order when a key's segments differ (`engine:deepl+human`).
   */
  origin: string;
  /** The least advanced status among the key's segments (needs-review < machine < translated < reviewed). */
  status: TmStatus;
  /** `true` when a person edited the value in the bundle: later runs keep it and never overwrite it with MT. */
  edited?: true;
  /** Bundle keys of the unit when they differ from the unit key (i18next plural forms: `count_one`, `count_other`). */
  entries?: string[];
  findings?: TmFinding[];
}
