import type { TmFinding, TmStatus } from '../tm/tm-entry.js';
import type { NamespaceFormat } from './bundle-snapshot.js';

/** A value at the base and in the working tree; a side is absent where the key is absent (or unknown). */
export interface Versions<T> {
  old?: T;
  new?: T;
}

/** One bundle key of one target locale that differs between two snapshots (`tilmash diff`, `--json`). */
export interface KeyChange {
  locale: string;
  namespace: string;
  /** The bundle key: i18next path joined with `.` (a plural form is its own key: `count_one`), ICU id without the namespace. */
  key: string;
  format: NamespaceFormat;
  /** `changed` also when only the ledger's origin or status moved (a machine translation marked reviewed). */
  change: 'added' | 'changed' | 'removed';
  /** Source-locale text of the key (a plural form: the same category, else the `other` form). */
  source: Versions<string>;
  target: Versions<string>;
  origin: Versions<string>;
  status: Versions<TmStatus>;
  /** QA findings recorded in the new ledger entry (none for a removed key). */
  findings: TmFinding[];
  /** Set for a derived locale (`kk-Latn`): the target its text is converted from (`kk`). */
  derivedFrom?: string;
}
