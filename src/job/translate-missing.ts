import { EngineError, type TranslationEngine } from '../engine/translation-engine.js';
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

export interface TranslateMissingOptions {
  plan: JobPlan;
  engine: TranslationEngine;
  tm: TranslationMemory;
  batchSize: number;
  sourceLanguage: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: TranslationProgress) => void) | undefined;
  now: () => Date;
}

export interface TranslateOutcome {
  perLocale: Map<string, { translated: number; billedCharacters: number }>;
  failure?: JobReport['failure'];
}

/**
 * Sends every missing segment of the plan to the engine, batch by batch, and records each batch in
 * the TM (durably) before sending the next: a killed job loses at most the request in flight.
 * The first failure stops dispatching; what was received stays recorded.
 */
export async function translateMissing(options: TranslateMissingOptions): Promise<TranslateOutcome> {
  const { engine, tm } = options;
  const perLocale = new Map<string, { translated: number; billedCharacters: number }>();
  let tooLarge: MissingSegment | undefined;
  for (const localePlan of options.plan.locales) {
    const counts = { translated: 0, billedCharacters: 0 };
    perLocale.set(localePlan.locale, counts);
    const { batches, oversized } = makeBatches(localePlan.missing, engine.limits, options.batchSize);
    tooLarge ??= oversized[0]; // never sent to fail: left missing, and the run reports why
    const total = batches.reduce((n, b) => n + b.length, 0);
    for (const batch of batches) {
      if (options.signal?.aborted) return { perLocale, failure: { kind: 'interrupted', message: 'Interrupted; everything received so far is in the TM.' } };
      let results;
      try {
        results = await engine.translate(
          {
            sourceLanguage: options.sourceLanguage,
            targetLanguage: localePlan.engineLanguage,
            targetLocale: localePlan.locale,
            segments: batch.map((m) => (m.context ? { text: m.source, context: m.context } : { text: m.source })),
          },
          options.signal ? { signal: options.signal } : {},
        );
        if (results.length !== batch.length) {
          throw new EngineError(`${engine.id} returned ${results.length} translations for ${batch.length} segments`, { retryable: false, reason: 'bad-response' });
        }
      } catch (error) {
        return { perLocale, failure: describeFailure(error, engine.id) };
      }
      const stamp = options.now().toISOString();
      const entries: TmEntry[] = batch.map((m, i) => ({
        source: m.source,
        target: (results[i] as { text: string }).text,
        origin: `engine:${engine.id}`,
        status: 'machine',
        created: stamp,
        changed: stamp,
      }));
      await tm.record(localePlan.locale, entries);
      counts.translated += batch.length;
      counts.billedCharacters += results.reduce((n, r) => n + r.billedCharacters, 0);
      options.onProgress?.({ locale: localePlan.locale, done: counts.translated, total });
    }
  }
  if (tooLarge) {
    const use = tooLarge.uses[0];
    return { perLocale, failure: { kind: 'engine', message: `A segment is too large for one ${engine.id} request (${use?.namespace}.${use?.key}); split that paragraph in the source.` } };
  }
  return { perLocale };
}

function describeFailure(error: unknown, engineId: string): NonNullable<JobReport['failure']> {
  if (error instanceof EngineError) {
    const quota = error.options.reason === 'quota' || error.options.reason === 'auth';
    return { kind: quota ? 'engineQuota' : 'engine', message: `${engineId}: ${error.message}` };
  }
  return { kind: 'engine', message: `${engineId}: ${error instanceof Error ? error.message : String(error)}` };
}
