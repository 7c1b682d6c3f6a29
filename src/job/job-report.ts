import type { KeyFinding } from './assemble-bundles.js';
import type { DocumentReuse } from './unit-reuse.js';

/** The machine-readable result of `tilmash run` (printed by `--json`). Field names are an API. */
export interface JobReport {
  dryRun: boolean;
  /** Engine id used for missing segments, or null when the run had none (TM only). */
  engine: string | null;
  locales: LocaleReport[];
  /** Files written by this run, relative to the project root, sorted (empty when nothing changed). */
  writtenFiles: string[];
  /** Bundles deleted because their source document is gone. */
  removedFiles: string[];
  /** Segments taken from edits a person made in the bundles and recorded in the TM as human translations. */
  humanEdits: number;
  /** Texts left out of the bundles because they cannot be written correctly (errors). */
  problems: Array<{ locale: string; namespace: string; key: string; message: string }>;
  /**
   * QA findings on what the bundles would hold, per locale and key, with the segment (or ICU
   * message) pair they were found on. A key with an `error` finding is held back from the bundle.
   */
  findings: KeyFinding[];
  /** Account usage per engine that reports it (DeepL /v2/usage), with what this run would bill. */
  usage?: Array<{ engine: string; characterCount: number; characterLimit: number; remaining: number; toBill: number }>;
  /** Per engine queue: requests started (retries included), retries, 429s received. */
  requests?: Array<{ requests: number; retries: number; rateLimited: number }>;
  /**
   * Tokens per engine that bills tokens (LLMs) and locale: used by this run (every answered request,
   * retries included; `estimated` when the server sent no `usage`), or with `dryRun` the estimate of
   * what the run would use (`fallback`: the most a fallback engine could use). `cost` from
   * `engine.llm.pricePerMillionTokens`.
   */
  tokens?: Array<{ engine: string; locale: string; promptTokens: number; completionTokens: number; requests: number; estimated: boolean; cost?: number; fallback?: boolean }>;
  /** Segments a locale's engine left (refused, failed, or failed QA) that its next engine was given. */
  fallbacks?: Array<{ locale: string; from: string; to: string; segments: number; reason: string }>;
  /** Things the run did that a user should know (e.g. it created the TM folder). */
  notices?: string[];
  /** Set when the run manifest proved that nothing changed since the last steady run: the report is the one it recorded, and nothing was read but hashed (run-manifest.ts). */
  noChange?: true;
  /**
   * Per source document: whether its units came from the per-document cache, and how many keys
   * (over the locales assembled) were replayed from it or localized again (unit-reuse.ts).
   */
  incremental?: DocumentReuse[];
  /** Set when the engine failed or the run was interrupted; what was received is in the TM. */
  failure?: { kind: 'engine' | 'engineQuota' | 'interrupted'; message: string };
}

export interface LocaleReport {
  locale: string;
  /** Distinct source segments. */
  segments: number;
  /** Distinct segments found in the TM before translating. */
  fromTm: number;
  /** Distinct segments received from the engine in this run. */
  translated: number;
  /** Of those, sent a second time with another placeholder-protection method. */
  retried: number;
  /** Of those, recorded as needs-review (an error finding, e.g. placeholders lost twice). */
  needsReview: number;
  /** A derived locale (`derivedFrom` in the config): its parent and converter; it never calls an engine. */
  derivedFrom?: { locale: string; converter: string };
  /** Derived locales: distinct segments converted from the parent and recorded in the TM in this run. */
  derived?: number;
  /** Distinct segments still without a translation. */
  missing: number;
  /** Characters billed by the engine in this run (answers rejected and sent again included); with `dryRun`, the characters a run would send. */
  billedCharacters: number;
  /** Of `billedCharacters`, those of answers kept in the TM (absent in a dry run). */
  usefulCharacters?: number;
  missingSegments: Array<{ source: string; uses: Array<{ namespace: string; key: string }> }>;
  /** Bundle keys left out (or in the source language, per `output.incomplete`): a segment is `missing`, or a `qa` error holds the key back. */
  incompleteKeys: Array<{ namespace: string; key: string; reason: 'missing' | 'qa' }>;
}
