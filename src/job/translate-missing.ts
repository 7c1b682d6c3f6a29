import { EngineError, isAccountRefusal, type TranslationEngine, type TranslatedSegment } from '../engine/translation-engine.js';
import { chooseMethods, tokenizeSegment } from '../protect/index.js';
import { QueueStoppedError, RequestQueue, type QueueEvent, type QueueStats } from '../queue/request-queue.js';
import type { TmStore as TranslationMemory } from '../tm/tm-store.js';
import type { TmEntry, TmFinding } from '../tm/tm-entry.js';
import { claimThenSend } from './claim-segments.js';
import { DurableRecorder } from './durable-recorder.js';
import { engineRate } from './engine-rate.js';
import type { JobReport } from './job-report.js';
import { makeBatches } from './make-batches.js';
import { answerEntry, batchRequest, billedOf, inFlight as protectItem, restoreAnswers, type InFlight as BatchItem } from './translate-batch.js';
import type { JobPlan, LocalePlan, MissingSegment } from './plan-job.js';

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
  /** `engine.rate` (see RateController). @default 'fixed' */
  rate?: 'adaptive' | 'fixed';
  maxRequestsPerSecond?: number;
  maxSkewMs?: number;
}

export interface TranslateMissingOptions {
  plan: JobPlan;
  engine: TranslationEngine;
  tm: TranslationMemory;
  queue: QueueSettings;
  sourceLanguage: string;
  /** Terms kept verbatim: protected like placeholders. */
  doNotTranslate: readonly string[];
  /** Glossary pairs (source → required target) of a locale, sent where the engine supports glossaries. */
  glossaryEntries: (locale: string) => ReadonlyArray<readonly [string, string]>;
  /** QA of one received translation; an `error` finding records it as needs-review. */
  checkSegment: (segment: MissingSegment, locale: string, target: string) => TmFinding[];
  /**
   * Shared by every engine of a run, so the first failed TM write stops all their queues
   * (default: one of its own). `finish()` is the caller's when it passes one.
   */
  recorder?: DurableRecorder;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: TranslationProgress) => void) | undefined;
  /** What the engine's request queue is doing (sends, back-offs), for a progress display. */
  onQueueEvent?: ((event: QueueEvent & { engine: string }) => void) | undefined;
  now: () => Date;
}

export interface LocaleCounts {
  translated: number;
  /** Characters the engine billed, answers rejected and sent again included. */
  billedCharacters: number;
  /** Of those, the characters of answers kept (recorded in the TM). */
  usefulCharacters: number;
  needsReview: number;
  retried: number;
}

export interface TranslateOutcome {
  perLocale: Map<string, LocaleCounts>;
  queue: QueueStats;
  failure?: JobReport['failure'];
}

/** A missing segment on its way through the engine (translate-batch.ts). */
type InFlight = BatchItem<MissingSegment>;

/** One call's shared state: the queue, the recorder, the worst failure, the tasks still running. */
interface Run {
  options: TranslateMissingOptions;
  queue: RequestQueue;
  recorder: DurableRecorder;
  perLocale: Map<string, LocaleCounts>;
  failure: JobReport['failure'];
  pending: Set<Promise<void>>;
  broken: { error: unknown } | undefined;
  ctx: { signal?: AbortSignal };
  /** Pairs whose engine glossary could not be prepared: nothing of theirs is sent. */
  glossaryFailures: string[];
  /** Segments the shared TM abandoned (their holders died too often): not sent (claim-segments.ts). */
  abandonedFailures: string[];
}

/** One locale of the plan on its way: counts, total, engine language and glossary. */
interface LocaleRun {
  run: Run;
  locale: string;
  engineLanguage: string;
  counts: LocaleCounts;
  total: number;
  glossaryId: string | undefined;
}

/**
 * Sends every missing segment of the plan through the rate-limited request queue and records each
 * answer in the TM (durably, in arrival order) as soon as it arrives: a killed job loses only the
 * requests in flight, and a resumed job sends only what was never received.
 * Placeholders, tags, URLs and do-not-translate terms are protected by the method that suits the
 * engine and target (`chooseMethods`); an answer whose pieces do not come back intact is sent once
 * more with the other method, then recorded as needs-review with the finding — never as good.
 * Quota and key failures, an abort, and a failed TM write stop dispatching at once; requests in
 * flight still land (after a failed write: in memory, then a recovery file; see DurableRecorder).
 */
export async function translateMissing(options: TranslateMissingOptions): Promise<TranslateOutcome> {
  const run = createRun(options);
  const onAbort = () => {
    fail(run, { kind: 'interrupted', message: 'Interrupted: requests in flight were finished and everything received is in the TM.' });
    run.queue.stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  for (const localePlan of options.plan.locales) translateLocale(run, localePlan);
  while (run.pending.size > 0) await Promise.all([...run.pending]);
  options.signal?.removeEventListener('abort', onAbort);
  if (run.broken) throw run.broken.error;
  if (!options.recorder) await run.recorder.finish();
  if (run.glossaryFailures.length > 0) fail(run, { kind: 'engine', message: `${options.engine.id}: ${run.glossaryFailures.join('; ')}` });
  if (run.abandonedFailures.length > 0) fail(run, { kind: 'engine', message: run.abandonedFailures.join(' ') });
  return { perLocale: run.perLocale, queue: run.queue.stats, ...(run.failure ? { failure: run.failure } : {}) };
}

function createRun(options: TranslateMissingOptions): Run {
  const recorder = options.recorder ?? new DurableRecorder(options.tm);
  // A request goes out only once every answer received so far is durable: nothing is sent after a failed TM write.
  const onQueueEvent = options.onQueueEvent;
  const observer = onQueueEvent ? { observer: (event: QueueEvent) => onQueueEvent({ ...event, engine: options.engine.id }) } : {};
  // One account clock per engine: its other passes and its side requests count in the same window.
  const queue = new RequestQueue({ ...options.queue, ...observer, gate: () => recorder.mayProceed(), rateController: engineRate(options.engine, options.queue) });
  recorder.onFailure(() => queue.stop());
  if (recorder.failed) queue.stop();
  return {
    options,
    queue,
    recorder,
    perLocale: new Map(),
    failure: undefined,
    pending: new Set(),
    broken: undefined,
    ctx: options.signal ? { signal: options.signal } : {},
    glossaryFailures: [],
    abandonedFailures: [],
  };
}

/** The most serious failure wins: quota/key, then interruption, then other engine errors. */
function fail(run: Run, next: NonNullable<JobReport['failure']>): void {
  const rank = { engineQuota: 3, interrupted: 2, engine: 1 } as const;
  if (!run.failure || rank[next.kind] > rank[run.failure.kind]) run.failure = next;
}

/** Keeps `task` until it settles; an unexpected error (a bug) is kept to be thrown at the end. */
function track(run: Run, task: Promise<void>): void {
  const tracked = task
    .catch((error: unknown) => {
      run.broken ??= { error };
    })
    .finally(() => run.pending.delete(tracked));
  run.pending.add(tracked);
}

/** An engine error is reported (a quota or key refusal has already stopped the queue). */
function onEngineError(run: Run, error: unknown): void {
  if (error instanceof QueueStoppedError) return; // never sent: stays missing
  const message = `${run.options.engine.id}: ${error instanceof Error ? error.message : String(error)}`;
  fail(run, { kind: isAccountRefusal(error) ? 'engineQuota' : 'engine', message });
  if (!(error instanceof EngineError)) throw error; // a bug: surface it, never swallow
}

function translateLocale(run: Run, localePlan: LocalePlan): void {
  const { engine } = run.options;
  const counts: LocaleCounts = { translated: 0, billedCharacters: 0, usefulCharacters: 0, needsReview: 0, retried: 0 };
  run.perLocale.set(localePlan.locale, counts);
  const capabilities = engine.capabilities(localePlan.engineLanguage);
  const items = localePlan.missing
    .filter((m) => m.source.trim() !== '') // engines reject empty texts; nothing to translate
    .map((segment) => {
      const pieces = tokenizeSegment(segment.source, segment.syntax, { doNotTranslate: run.options.doNotTranslate });
      return inFlight(run, segment, chooseMethods(pieces, capabilities.tagHandling), 0, []);
    });
  if (items.length === 0) return;
  const loc: LocaleRun = { run, locale: localePlan.locale, engineLanguage: localePlan.engineLanguage, counts, total: items.length, glossaryId: undefined };
  const glossary = capabilities.glossary && engine.prepareGlossary ? run.options.glossaryEntries(loc.locale) : [];
  const proceed = (claimed: InFlight[]) => (glossary.length > 0 && engine.prepareGlossary ? prepareGlossaryThenSend(loc, claimed, glossary) : send(loc, claimed));
  // Only what this process claimed is sent; another process's segments arrive through the TM.
  track(run, claimThenSend(run.options.tm, loc.locale, items, proceed, run.options.signal, (message) => run.abandonedFailures.push(message)));
}

/**
 * The engine's glossary first. Nothing is sent for a pair without its glossary: translations that
 * ignore the required terms would be paid for and then held back by the glossary check. The next
 * run tries again; the failure names the step and the pair.
 */
function prepareGlossaryThenSend(loc: LocaleRun, items: InFlight[], glossary: ReadonlyArray<readonly [string, string]>): void {
  const { run } = loc;
  const prepare = (run.options.engine.prepareGlossary as NonNullable<TranslationEngine['prepareGlossary']>).bind(run.options.engine);
  // Not paced as one request: each of its HTTP requests (list, create, poll) takes its own place (usePacer).
  const prepared = run.queue.submit(() => prepare(run.options.sourceLanguage, loc.engineLanguage, glossary, run.ctx), { paced: false });
  track(
    run,
    prepared.then(
      (glossaryId) => {
        loc.glossaryId = glossaryId;
        send(loc, items);
      },
      (error: unknown) => {
        if (error instanceof QueueStoppedError) return;
        if (isAccountRefusal(error) || !(error instanceof EngineError)) return onEngineError(run, error);
        run.glossaryFailures.push(
          `glossary preparation for ${run.options.sourceLanguage.toLowerCase()}→${loc.locale} failed (${error.message}); nothing was sent for ${loc.locale}: its ${loc.total} segment(s) stay missing and the next run tries again`,
        );
      },
    ),
  );
}

function inFlight(run: Run, segment: MissingSegment, methods: InFlight['methods'], attempt: number, earlier: string[]): InFlight {
  return protectItem(segment, methods, attempt, earlier, run.options.doNotTranslate);
}

/** Sends items in batches of one wire format; an item with nothing to translate is recorded at once. */
function send(loc: LocaleRun, items: InFlight[]): void {
  const byFormat = new Map<'text' | 'xml', InFlight[]>();
  for (const item of items) {
    if (item.wire.length === 0) {
      const restored = item.protection.restore([]); // nothing to translate between the pieces
      track(loc.run, record(loc, [entryFor(loc, item, restored.text, restored.problems)]));
      continue;
    }
    const group = byFormat.get(item.protection.format) ?? [];
    group.push(item);
    byFormat.set(item.protection.format, group);
  }
  const { engine, queue } = loc.run.options;
  for (const [format, group] of byFormat) {
    const { batches, oversized } = makeBatches(group, engine.limits, queue.batchSize);
    if (oversized[0]) fail(loc.run, { kind: 'engine', message: tooLargeMessage(engine.id, oversized[0].segment) });
    for (const batch of batches) sendBatch(loc, format, batch);
  }
}

function sendBatch(loc: LocaleRun, format: 'text' | 'xml', batch: InFlight[]): void {
  const { run } = loc;
  const { engine } = run.options;
  const request = batchRequest(batch, { sourceLanguage: run.options.sourceLanguage, engineLanguage: loc.engineLanguage, locale: loc.locale, format, glossaryId: loc.glossaryId });
  // The answer is recorded (journal fsynced) before the request frees its queue slot, so a kill -9
  // loses at most `concurrency` answered requests, however slow the disk or the CPU.
  const task = run.queue.submit((sendCtx) =>
    engine.translate(request, { ...run.ctx, ...sendCtx }).then((results) => {
      loc.counts.billedCharacters += billedOf(results); // billed even when the answer is rejected below
      if (results.length !== request.segments.length) {
        throw new EngineError(`${engine.id} returned ${results.length} translations for ${request.segments.length} segments`, { retryable: false, reason: 'bad-response' });
      }
      return onAnswers(loc, batch, results);
    }),
  );
  track(run, task.catch((error: unknown) => onEngineError(run, error)));
}

/** Restores and verifies each item's answers: retried with the next method, or recorded. */
function onAnswers(loc: LocaleRun, batch: InFlight[], results: readonly TranslatedSegment[]): Promise<void> {
  const { done, retries } = restoreAnswers(batch, results, loc.run.options.doNotTranslate);
  loc.counts.retried += retries.length;
  if (retries.length > 0) send(loc, retries);
  const entries = done.map((d) => entryFor(loc, d.item, d.text, d.problems));
  return record(loc, entries, done.reduce((n, d) => n + d.billed, 0));
}

function entryFor(loc: LocaleRun, item: InFlight, text: string, problems: string[]): TmEntry {
  const { options } = loc.run;
  const answer = { source: item.segment.source, text, problems, earlier: item.earlier, methods: item.methods };
  return answerEntry(answer, options.engine.id, options.now().toISOString(), (target) => options.checkSegment(item.segment, loc.locale, target));
}

/** Records durably (in arrival order); counts only what the TM holds. */
async function record(loc: LocaleRun, entries: TmEntry[], useful = 0): Promise<void> {
  if (entries.length === 0) return;
  if (!(await loc.run.recorder.record(loc.locale, entries))) return; // held: the recorder saves or names them
  const { counts } = loc;
  counts.translated += entries.length;
  counts.usefulCharacters += useful;
  counts.needsReview += entries.filter((e) => e.status === 'needs-review').length;
  loc.run.options.onProgress?.({ locale: loc.locale, done: counts.translated, total: loc.total });
}

function tooLargeMessage(engineId: string, segment: MissingSegment): string {
  const use = segment.uses[0];
  return `A segment is too large for one ${engineId} request (${use?.namespace}.${use?.key}); split that paragraph in the source.`;
}
