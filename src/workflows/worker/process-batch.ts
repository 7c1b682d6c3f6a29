/**
 * A worker's job: protect → translate → restore/verify one batch (the shared step of
 * src/job/translate-batch.ts), every request under the global rate, every answer stored in Redis
 * before it is used. An item whose pieces did not come back goes again in the same job with its next
 * method. Answers stored by an earlier attempt of the job (a worker killed after receiving them) are
 * reused: never paid twice.
 */
import { EngineError, isAccountRefusal, type TranslatedSegment, type TranslationEngine } from '../../engine/translation-engine.js';
import { batchRequest, billedOf, inFlight, restoreAnswers, type BatchSegment, type InFlight } from '../../job/translate-batch.js';
import { retryDelayMs } from '../../queue/backoff.js';
import { answerField, type AnswerStore } from '../../queue/redis/answer-store.js';
import type { GlobalRate } from '../../queue/redis/global-rate.js';
import type { BatchJobData, BatchJobResult } from './batch-job.js';

export interface BatchDeps {
  engine: TranslationEngine;
  rate: GlobalRate;
  store: AnswerStore;
  /** Told of each request sent (for the worker's log). */
  onRequest?: () => void;
}

export async function processBatch(data: BatchJobData, deps: BatchDeps): Promise<BatchJobResult> {
  const result: BatchJobResult = { items: [], fields: [], billed: 0, requests: 0, retries: 0, rateLimited: 0, reused: 0, retried: 0 };
  let pending: InFlight[] = data.items.map((i) => inFlight(segmentOf(i), i.methods, i.attempt, i.earlier, data.doNotTranslate));
  while (pending.length > 0) {
    const answers = await answersOf(pending, data, deps, result);
    const { done, retries } = restoreAnswers(pending, answers, data.doNotTranslate);
    result.retried += retries.length;
    for (const d of done) result.items.push({ source: d.item.segment.source, text: d.text, problems: d.problems, earlier: d.item.earlier, methods: d.item.methods, billed: d.billed });
    pending = retries;
  }
  return result;
}

function segmentOf(item: BatchJobData['items'][number]): BatchSegment {
  return { source: item.source, syntax: item.syntax, ...(item.context ? { context: item.context } : {}) };
}

/** Every item's answers in order: from the store where an earlier attempt left them, else one request (stored at once). */
async function answersOf(items: readonly InFlight[], data: BatchJobData, deps: BatchDeps, result: BatchJobResult): Promise<TranslatedSegment[]> {
  const fields = items.map((item) => answerField([data.engineId, data.engineLanguage, data.format, data.glossaryId, item.segment.context, item.methods[item.attempt]], item.wire));
  result.fields.push(...fields);
  const stored = await deps.store.get(fields);
  const toSend = items.filter((item, i) => stored[i] === undefined && item.wire.length > 0);
  result.reused += items.length - toSend.length;
  if (toSend.length > 0) {
    const request = batchRequest(toSend, { sourceLanguage: data.sourceLanguage, engineLanguage: data.engineLanguage, locale: data.locale, format: data.format, glossaryId: data.glossaryId });
    const answered = await send(deps, request, data, result);
    result.billed += billedOf(answered);
    const fresh = new Map<string, TranslatedSegment[]>();
    let at = 0;
    for (const item of toSend) {
      fresh.set(fields[items.indexOf(item)] as string, answered.slice(at, at + item.wire.length));
      at += item.wire.length;
    }
    await deps.store.put(fresh); // durable before anything is done with them
    for (const [i, field] of fields.entries()) stored[i] ??= fresh.get(field);
  }
  return items.flatMap((item, i) => (item.wire.length === 0 ? [] : (stored[i] as TranslatedSegment[])));
}

/** One request under the global rate, retried (the worker is this job's one retry owner); a 429 slows every worker. */
async function send(deps: BatchDeps, request: Parameters<TranslationEngine['translate']>[0], data: BatchJobData, result: BatchJobResult): Promise<TranslatedSegment[]> {
  for (let attempt = 0; ; attempt++) {
    const slot = await deps.rate.reserve();
    result.requests++;
    if (attempt > 0) result.retries++;
    deps.onRequest?.();
    try {
      const answered = await deps.engine.translate(request, {});
      if (answered.length !== request.segments.length) {
        throw new EngineError(`${deps.engine.id} returned ${answered.length} translations for ${request.segments.length} segments`, { retryable: false, reason: 'bad-response' });
      }
      return answered;
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      if (isAccountRefusal(error) && error.options.reason === 'quota') await deps.rate.setQuota(error.message);
      if (!error.retryable || attempt >= data.maxRetries) throw error;
      const delay = retryDelayMs(attempt + 1, { baseMs: data.baseDelayMs, maxMs: 60_000, retryAfterMs: error.options.retryAfterMs, random: Math.random });
      if (error.options.reason === 'rate-limit') {
        result.rateLimited++;
        await deps.rate.backOff(delay);
      } else await new Promise((resolve) => setTimeout(resolve, delay));
    } finally {
      await deps.rate.settle(slot);
    }
  }
}
