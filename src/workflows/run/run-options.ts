import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { TranslationEngine } from '../../engine/translation-engine.js';
import type { JobPlan } from '../../job/plan-job.js';
import type { QueueEvent } from '../../queue/request-queue.js';
import type { TranslateMissingOptions, TranslateOutcome, TranslationProgress } from '../../job/translate-missing.js';

/** What a run is given (its own module, so the no-change path can name it without importing the run). */
export interface RunJobOptions {
  config: ResolvedConfig;
  /** The engine of each target locale; undefined: TM only, missing segments are reported. */
  engineFor?: (locale: string) => TranslationEngine | undefined;
  /** Shorthand for `engineFor` when every locale uses the same engine. */
  engine?: TranslationEngine;
  /** The engines of each target locale in fallback order (overrides `engineFor`). */
  enginesFor?: (locale: string) => readonly TranslationEngine[];
  /** Start even when the plan bills more characters than the engine's remaining quota. */
  force?: boolean;
  /** Queue timing for tests (shorter backoff). */
  baseDelayMs?: number;
  /** Only these target locales (default: all of the config). */
  locales?: string[];
  /** Plan and report; write nothing, call no engine. */
  dryRun?: boolean;
  /** Aborting stops dispatching; what was received is kept and written. */
  signal?: AbortSignal;
  /** Called once when the run starts writing or sending (after reading and planning, which write nothing). */
  onWriting?: () => void;
  onPlan?: (plan: JobPlan) => void;
  onProgress?: (progress: TranslationProgress) => void;
  /** What each engine's request queue is doing (sends, back-offs, rate-cap waits). */
  onQueueEvent?: (event: QueueEvent & { engine: string }) => void;
  /** The clock for TM dates (tests fix it). */
  now?: () => Date;
  /** The caller already looked for the no-change path (run-entry.ts) and did not find it. */
  noChangeChecked?: boolean;
  /**
   * Another way to run the same plan's engine passes (default `translateMissing`, in this process):
   * `run --queue` passes the queue's, where workers translate and this run records (src/workflows/worker/).
   */
  translate?: (options: TranslateMissingOptions) => Promise<TranslateOutcome>;
}
