/**
 * The submitting run's side of the per-batch step: a locale's missing segments protected (methods
 * chosen for the engine), cut into batches (make-batches.ts) and written as queue jobs. Segments with
 * nothing to translate between their pieces are restored here and never queued.
 */
import { EngineError, type TranslationEngine } from '../../engine/translation-engine.js';
import { makeBatches } from '../../job/make-batches.js';
import type { LocalePlan, MissingSegment } from '../../job/plan-job.js';
import type { TranslateMissingOptions } from '../../job/translate-missing.js';
import { inFlight, type InFlight } from '../../job/translate-batch.js';
import { chooseMethods, tokenizeSegment } from '../../protect/index.js';
import { batchJobId, type BatchJobData } from './batch-job.js';

export interface PlannedLocale {
  locale: string;
  /** Distinct segments to translate (the progress total). */
  total: number;
  jobs: Array<{ id: string; data: BatchJobData }>;
  /** Restored at once: nothing to send. */
  immediate: Array<{ item: InFlight<MissingSegment>; text: string; problems: string[] }>;
  bySource: Map<string, MissingSegment>;
  /** A failure of this locale before anything was queued (oversized segment, glossary, account). */
  failure?: { kind: 'engine' | 'engineQuota'; message: string };
}

/**
 * How long after its slot a worker's request may still reach the server: the shared window counts a
 * request in flight until then (its answer ends that sooner). Longer than in one process, because a
 * worker on a loaded machine can be descheduled between its slot and its send; a request in flight
 * that long only holds its own slot.
 */
const IN_FLIGHT_SKEW_MS = 5000;

export async function planBatches(options: TranslateMissingOptions, localePlan: LocalePlan): Promise<PlannedLocale> {
  const { engine } = options;
  const capabilities = engine.capabilities(localePlan.engineLanguage);
  const segments = localePlan.missing.filter((m) => m.source.trim() !== '');
  const planned: PlannedLocale = { locale: localePlan.locale, total: segments.length, jobs: [], immediate: [], bySource: new Map(segments.map((s) => [s.source, s])) };
  const items = segments.map((segment) => {
    const pieces = tokenizeSegment(segment.source, segment.syntax, { doNotTranslate: options.doNotTranslate });
    return inFlight(segment, chooseMethods(pieces, capabilities.tagHandling), 0, [], options.doNotTranslate);
  });
  if (items.length === 0) return planned;
  const glossary = await glossaryOf(options, engine, localePlan, capabilities.glossary);
  if ('failure' in glossary) return { ...planned, failure: glossary.failure };
  for (const format of ['text', 'xml'] as const) {
    const group = items.filter((item) => item.wire.length > 0 && item.protection.format === format);
    const { batches, oversized } = makeBatches(group, engine.limits, options.queue.batchSize);
    if (oversized[0]) planned.failure = { kind: 'engine', message: tooLarge(engine.id, oversized[0].segment) };
    for (const batch of batches) {
      const data = jobData(options, localePlan, format, glossary.id, batch);
      planned.jobs.push({ id: batchJobId(data), data });
    }
  }
  for (const item of items.filter((i) => i.wire.length === 0)) planned.immediate.push({ item, ...item.protection.restore([]) });
  return planned;
}

function jobData(options: TranslateMissingOptions, localePlan: LocalePlan, format: 'text' | 'xml', glossaryId: string | undefined, batch: InFlight<MissingSegment>[]): BatchJobData {
  const { queue, engine } = options;
  return {
    v: 1,
    engineId: engine.id,
    locale: localePlan.locale,
    sourceLanguage: options.sourceLanguage,
    engineLanguage: localePlan.engineLanguage,
    format,
    ...(glossaryId ? { glossaryId } : {}),
    doNotTranslate: [...options.doNotTranslate],
    rate: accountRate(options),
    maxRetries: queue.maxRetries,
    baseDelayMs: queue.baseDelayMs ?? 1000,
    items: batch.map((item) => ({
      source: item.segment.source,
      syntax: item.segment.syntax,
      ...(item.segment.context ? { context: item.segment.context } : {}),
      methods: item.methods,
      attempt: item.attempt,
      earlier: item.earlier,
    })),
  };
}

/**
 * The one limit every worker keeps: the account's ceiling `engine.maxRequestsPerSecond` when the
 * config has one (the adaptive rate's ceiling: workers share a fixed window and slow down together on
 * a 429 instead), else `requestsPerInterval` per `intervalMs`. `options.queue` carries every
 * `engine.*` setting (run-job spreads them in), so the ceiling is read from there.
 */
function accountRate(options: TranslateMissingOptions): BatchJobData['rate'] {
  const { queue, engine } = options;
  const maxSkewMs = engine.queueSettings?.maxSkewMs ?? Math.max(queue.intervalMs, IN_FLIGHT_SKEW_MS);
  const ceiling = (queue as { maxRequestsPerSecond?: unknown }).maxRequestsPerSecond;
  if (typeof ceiling !== 'number' || !(ceiling > 0)) return { requestsPerInterval: queue.requestsPerInterval, intervalMs: queue.intervalMs, maxSkewMs };
  // A fractional ceiling (2.5/s) as whole requests over a longer window (25 per 10 s).
  const scale = Number.isInteger(ceiling) ? 1 : 10;
  return { requestsPerInterval: Math.max(1, Math.floor(ceiling * scale)), intervalMs: 1000 * scale, maxSkewMs: Math.max(maxSkewMs, 1000 * scale) };
}

/**
 * The engine glossary of the pair, prepared by the submitting run (one glossary, not one per worker);
 * its id, not its key, travels with the jobs. Nothing is queued for a pair without its glossary.
 */
async function glossaryOf(options: TranslateMissingOptions, engine: TranslationEngine, localePlan: LocalePlan, supported: boolean): Promise<{ id: string | undefined } | { failure: NonNullable<PlannedLocale['failure']> }> {
  const entries = supported && engine.prepareGlossary ? options.glossaryEntries(localePlan.locale) : [];
  if (entries.length === 0 || !engine.prepareGlossary) return { id: undefined };
  try {
    return { id: await engine.prepareGlossary(options.sourceLanguage, localePlan.engineLanguage, entries, {}) };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    if (error.options.reason === 'quota' || error.options.reason === 'auth') return { failure: { kind: 'engineQuota', message: `${engine.id}: ${error.message}` } };
    const total = localePlan.missing.length;
    return { failure: { kind: 'engine', message: `${engine.id}: glossary preparation for ${options.sourceLanguage.toLowerCase()}→${localePlan.locale} failed (${error.message}); nothing was sent for ${localePlan.locale}: its ${total} segment(s) stay missing and the next run tries again` } };
  }
}

function tooLarge(engineId: string, segment: MissingSegment): string {
  const use = segment.uses[0];
  return `A segment is too large for one ${engineId} request (${use?.namespace}.${use?.key}); split that paragraph in the source.`;
}
