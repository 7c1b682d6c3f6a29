import { EngineError, isAccountRefusal, type TranslationEngine } from '../engine/translation-engine.js';
import { chooseMethods, protectSegment, tokenizeSegment } from '../protect/index.js';
import type { ProtectedSegment, ProtectionMethod } from '../protect/protect-types.js';
import { QueueStoppedError, RequestQueue, type QueueStats } from '../queue/request-queue.js';
import type { TranslationMemory } from '../tm/index.js';
import type { TmEntry, TmFinding } from '../tm/tm-entry.js';
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
  /** Terms kept verbatim: protected like placeholders. */
  doNotTranslate: readonly string[];
  /** Glossary pairs (source → required target) of a locale, sent where the engine supports glossaries. */
  glossaryEntries: (locale: string) => ReadonlyArray<readonly [string, string]>;
  /** QA of one received translation; an `error` finding records it as needs-review. */
  checkSegment: (segment: MissingSegment, locale: string, target: string) => TmFinding[];
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: TranslationProgress) => void) | undefined;
  now: () => Date;
}

export interface TranslateOutcome {
  perLocale: Map<string, { translated: number; billedCharacters: number; needsReview: number; retried: number }>;
  queue: QueueStats;
  failure?: JobReport['failure'];
}

/** A missing segment on its way through the engine: its protection and which method this is. */
interface InFlight {
  segment: MissingSegment;
  methods: ProtectionMethod[];
  attempt: number;
  protection: ProtectedSegment;
  /** What went wrong with earlier methods (kept as info findings). */
  earlier: string[];
  wire: readonly string[];
}

/**
 * Sends every missing segment of the plan through the rate-limited request queue and records each
 * answer in the TM (durably, in arrival order) as soon as it arrives: a killed job loses only the
 * requests in flight, and a resumed job sends only what was never received.
 * Placeholders, tags, URLs and do-not-translate terms are protected by the method that suits the
 * engine and target (`chooseMethods`); an answer whose pieces do not come back intact is sent once
 * more with the other method, then recorded as needs-review with the finding — never as good.
 * Quota and key failures, and an abort, stop dispatching at once; requests in flight still land.
 */
export async function translateMissing(options: TranslateMissingOptions): Promise<TranslateOutcome> {
  const { engine, tm } = options;
  const queue = new RequestQueue(options.queue);
  const perLocale: TranslateOutcome['perLocale'] = new Map();
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
  const ctx = options.signal ? { signal: options.signal } : {};

  let recording = Promise.resolve();
  const pending = new Set<Promise<void>>();
  let broken: { error: unknown } | undefined;
  const track = (task: Promise<void>) => {
    const tracked = task.catch((error: unknown) => {
      broken ??= { error };
    }).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  // A quota or key refusal has already stopped the queue (RequestQueue stops itself on one).
  const onEngineError = (error: unknown) => {
    if (error instanceof QueueStoppedError) return; // never sent: stays missing
    fail({ kind: isAccountRefusal(error) ? 'engineQuota' : 'engine', message: `${engine.id}: ${error instanceof Error ? error.message : String(error)}` });
    if (!(error instanceof EngineError)) throw error; // a TM write failure: surface it, never swallow
  };

  for (const localePlan of options.plan.locales) {
    const counts = { translated: 0, billedCharacters: 0, needsReview: 0, retried: 0 };
    perLocale.set(localePlan.locale, counts);
    const { locale, engineLanguage } = localePlan;
    const capabilities = engine.capabilities(engineLanguage);
    const inFlight = (segment: MissingSegment, methods: ProtectionMethod[], attempt: number, earlier: string[]): InFlight => {
      const protection = protectSegment(segment.source, segment.syntax, methods[attempt] as ProtectionMethod, { doNotTranslate: options.doNotTranslate });
      return { segment, methods, attempt, protection, earlier, wire: protection.wire };
    };
    const items = localePlan.missing
      .filter((m) => m.source.trim() !== '') // engines reject empty texts; nothing to translate
      .map((segment) => {
        const pieces = tokenizeSegment(segment.source, segment.syntax, { doNotTranslate: options.doNotTranslate });
        return inFlight(segment, chooseMethods(pieces, capabilities.tagHandling), 0, []);
      });
    if (items.length === 0) continue;
    const total = items.length;

    const entryFor = (item: InFlight, text: string, problems: string[]): TmEntry => {
      const stamp = options.now().toISOString();
      const findings: TmFinding[] = [
        ...item.earlier.map((message) => ({ check: 'placeholders', severity: 'info' as const, message })),
        ...problems.map((message) => ({ check: 'placeholders', severity: 'error' as const, message: `${message} (after ${item.methods.join(' and ')})` })),
      ];
      // The full QA runs on a restored target; a broken one already has its error.
      if (problems.length === 0) findings.push(...options.checkSegment(item.segment, locale, text));
      return {
        source: item.segment.source,
        target: text,
        origin: `engine:${engine.id}`,
        status: findings.some((f) => f.severity === 'error') ? 'needs-review' : 'machine',
        created: stamp,
        changed: stamp,
        ...(findings.length > 0 ? { findings } : {}),
      };
    };
    const record = (entries: TmEntry[]): Promise<void> => {
      if (entries.length === 0) return Promise.resolve();
      // Appends are chained so the journal sees one batch at a time, in arrival order.
      recording = recording.then(() => tm.record(locale, entries));
      return recording.then(() => {
        counts.translated += entries.length;
        counts.needsReview += entries.filter((e) => e.status === 'needs-review').length;
        options.onProgress?.({ locale, done: counts.translated, total });
      });
    };

    // Sends items in batches of one wire format; answers are restored, verified, retried or recorded.
    const send = (items: InFlight[], glossaryId: string | undefined) => {
      const byFormat = new Map<'text' | 'xml', InFlight[]>();
      for (const item of items) {
        if (item.wire.length === 0) {
          const restored = item.protection.restore([]); // nothing to translate between the pieces
          track(record([entryFor(item, restored.text, restored.problems)]));
          continue;
        }
        const group = byFormat.get(item.protection.format) ?? [];
        group.push(item);
        byFormat.set(item.protection.format, group);
      }
      for (const [format, group] of byFormat) {
        const { batches, oversized } = makeBatches(group, engine.limits, options.queue.batchSize);
        if (oversized[0]) fail({ kind: 'engine', message: tooLargeMessage(engine.id, oversized[0].segment) });
        for (const batch of batches) {
          const request = {
            sourceLanguage: options.sourceLanguage,
            targetLanguage: engineLanguage,
            targetLocale: locale,
            segments: batch.flatMap((item) => item.wire.map((text) => (item.segment.context ? { text, context: item.segment.context } : { text }))),
            ...(format === 'xml' ? { format } : {}),
            ...(glossaryId ? { glossaryId } : {}),
          };
          // The answer is recorded (journal fsynced) before the request frees its queue slot, so a
          // kill -9 loses at most `concurrency` answered requests, however slow the disk or the CPU.
          const task = queue.submit(() => engine.translate(request, ctx).then((results) => {
            if (results.length !== request.segments.length) {
              throw new EngineError(`${engine.id} returned ${results.length} translations for ${request.segments.length} segments`, { retryable: false, reason: 'bad-response' });
            }
            counts.billedCharacters += results.reduce((n, r) => n + r.billedCharacters, 0);
            const retries: InFlight[] = [];
            const entries: TmEntry[] = [];
            let at = 0;
            for (const item of batch) {
              const answers = results.slice(at, at + item.wire.length).map((r) => r.text);
              at += item.wire.length;
              const restored = item.protection.restore(answers);
              const next = item.methods[item.attempt + 1];
              if (restored.problems.length > 0 && next) {
                counts.retried++;
                retries.push(inFlight(item.segment, item.methods, item.attempt + 1, [...item.earlier, `${item.methods[item.attempt]}: ${restored.problems.join('; ')}; retried with ${next}`]));
              } else {
                entries.push(entryFor(item, restored.text, restored.problems));
              }
            }
            if (retries.length > 0) send(retries, glossaryId);
            return record(entries);
          }));
          track(task.catch(onEngineError));
        }
      }
    };

    const glossary = capabilities.glossary && engine.prepareGlossary ? options.glossaryEntries(locale) : [];
    if (glossary.length > 0 && engine.prepareGlossary) {
      const prepare = engine.prepareGlossary.bind(engine);
      track(
        queue
          .submit(() => prepare(options.sourceLanguage, engineLanguage, glossary, ctx))
          .then(
            (glossaryId) => send(items, glossaryId),
            (error: unknown) => {
              if (error instanceof QueueStoppedError) return;
              // Without the engine's glossary the run goes on: the glossary check still holds every term.
              onEngineError(error);
              if (!isAccountRefusal(error)) send(items, undefined);
            },
          ),
      );
    } else {
      send(items, undefined);
    }
  }
  while (pending.size > 0) await Promise.all([...pending]);
  await recording;
  options.signal?.removeEventListener('abort', onAbort);
  if (broken) throw broken.error;
  return { perLocale, queue: queue.stats, ...(failure ? { failure } : {}) };
}

function tooLargeMessage(engineId: string, segment: MissingSegment): string {
  const use = segment.uses[0];
  return `A segment is too large for one ${engineId} request (${use?.namespace}.${use?.key}); split that paragraph in the source.`;
}
