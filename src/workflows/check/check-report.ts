import type { KeyFinding } from '../../job/assemble-bundles.js';

export type KeyRef = { locale: string; namespace: string; key: string };

/** The machine-readable result of `tilmash check` (printed by `--json`). Field names are an API. */
export interface CheckReport {
  /** True when nothing below is listed: the committed bundles are complete, current and clean. */
  ok: boolean;
  /** Keys with a segment the TM does not have (a run would send it to the engine). */
  untranslated: KeyRef[];
  /** Keys whose source changed since their translation was written (per the ledger). */
  stale: KeyRef[];
  /** Error-level QA findings on what the bundles would hold. */
  qaErrors: KeyFinding[];
  /** Files `tilmash run` would write differently (bundles, ledgers, key maps) or delete. */
  outdatedFiles: string[];
  /** Set when the run manifest proved that nothing changed since the last steady run (run-manifest.ts). */
  noChange?: true;
}
