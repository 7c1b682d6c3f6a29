import { EngineError, type TranslationEngine } from '../engine/translation-engine.js';
import { QueueStoppedError, RequestQueue, type QueueStats } from '../queue/request-queue.js';
import type { TranslationMemory } from '../tm/index.js';
import type { TmEntry } from '../tm/tm-entry.js';
import type { JobReport } from './job-report.js';
import { makeBatches } from './make-batches.js';
import type { JobPlan, MissingSegment } from './plan-job.js';

export interface TranslationProgress {
  locale: string;
  /** Distinct segments received so far for this locale, and to send in all. */
  done: number;
  total: number;
}

export interface QueueSettings {
  batchSize: number;
  concurrency: number;
  requestsPerInterval: number;
  intervalMs: number;
  maxRetries: number;
  /** Tests shorten the backoff. @default 1000 */
  baseDelayMs?: number;
}

export interface TranslateMissingOptions {
  plan: JobPlan;
  engine: TranslationEngine;
  tm: TranslationMemory;
  queue: QueueSettings;
  sourceLanguage: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: TranslationProgress) => void) | undefined;
  now: () => Date;
}

export interface TranslateOutcome {
  perLocale: Map<string, { translated: number; billedCharacters: number }>;
  queue: QueueStats;
  failure?: JobReport['failure'];
}

/**
 * Sends every missing segment of the plan through the rate-limited request queue and records each
 * answer in the TM (durably, in arrival order) as soon as it arrives: a killed job loses only the
 * requests in flight, and a resumed job sends only what was never received.
 * Quota and key failures, and an abort, stop dispatching at once; requests in flight still land.
 */
export async function translateMissing(options: TranslateMissingOptions): Promise<TranslateOutcome> {
  const { engine, tm } = options;
  const queue = new RequestQueue({ ...options.queue, ...(options.queue.baseDelayMs ? { baseDelayMs: options.queue.baseDelayMs } : {}) });
  const perLocale = new Map<string, { translated: number; billedCharacters: number }>();
  let failure: JobReport['failure'];
  const fail = (next: NonNullable<JobReport['failure']>) => {
    // The most serious failure wins: quota/key, then interruption, then other engine errors.
    const rank = { engineQuota: 3, interrupted: 2, engine: 1 } as const;
    if (!failure || rank[next.kind] > rank[failure.kind]) failure = next;
  };
  const onAbort = () => {
    fail({ kind: 'interrupted', message: 'Interrupted: requests in flight were finished and everything received is in the TM.' });
    queue.stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  let recording = Promise.resolve();
  const tasks: Array<Promise<void>> = [];
  for (const localePlan of options.plan.locales) {
    const counts = { translated: 0, billedCharacters: 0 };
    perLocale.set(localePlan.locale, counts);
    const { batches, oversized } = makeBatches(localePlan.missing, engine.limits, options.queue.batchSize);
    if (oversized.length > 0) fail({ kind: 'engine', message: tooLargeMessage(engine.id, oversized[0] as MissingSegment) });
    const total = batches.reduce((n, b) => n + b.length, 0);

    for (const batch of batches) {
      const request = {
        sourceLanguage: options.sourceLanguage,
        targetLanguage: localePlan.engineLanguage,
        targetLocale: localePlan.locale,
        segments: batch.map((m) => (m.context ? { text: m.source, context: m.context } : { text: m.source })),
      };
      const task = queue
        .submit(() => engine.translate(request, options.signal ? { signal: options.signal } : {}))
        .then((results) => {
          if (results.length !== batch.length) throw new EngineError(`${engine.id} returned ${results.length} translations for ${batch.length} segments`, { retryable: false, reason: 'bad-response' });
          const stamp = options.now().toISOString();
          const entries: TmEntry[] = batch.map((m, i) => ({
            source: m.source,
            target: (results[i] as { text: string }).text,
            origin: `engine:${engine.id}`,
            status: 'machine',
            created: stamp,
            changed: stamp,
          }));
          // Appends are chained so the journal sees one batch at a time, in arrival order.
          recording = recording.then(() => tm.record(localePlan.locale, entries));
          return recording.then(() => {
            counts.translated += batch.length;
            counts.billedCharacters += results.reduce((n, r) => n + r.billedCharacters, 0);
            options.onProgress?.({ locale: localePlan.locale, done: counts.translated, total });
          });
        })
        .catch((error: unknown) => {
          if (error instanceof QueueStoppedError) return; // never sent: stays missing
          const engineError = error instanceof EngineError ? error : undefined;
          const stopsRun = engineError?.options.reason === 'quota' || engineError?.options.reason === 'auth';
          fail({ kind: stopsRun ? 'engineQuota' : 'engine', message: `${engine.id}: ${error instanceof Error ? error.message : String(error)}` });
          if (stopsRun) queue.stop();
          if (!engineError) throw error; // a TM write failure: surface it, never swallow
        });
      tasks.push(task);
    }
  }
  const settled = await Promise.allSettled(tasks);
  await recording;
  options.signal?.removeEventListener('abort', onAbort);
  const broken = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (broken) throw broken.reason;
  return { perLocale, queue: queue.stats, ...(failure ? { failure } : {}) };
}

function tooLargeMessage(engineId: string, segment: MissingSegment): string {
  const use = segment.uses[0];
  return `A segment is too large for one ${engineId} request (${use?.namespace}.${use?.key}); split that paragraph in the source.`;
}
