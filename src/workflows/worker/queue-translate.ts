/**
 * `run --queue`: the plan's misses go to workers instead of this process's request queue. The same
 * `translateMissing` contract (routeEngines calls it per engine pass): batches are queued, workers
 * answer, and every answer is recorded in this run's TM (DurableRecorder: durable before used, in
 * arrival order) as it arrives; only then are the worker's stored answers and the job deleted from
 * Redis. A run killed before recording leaves them there: the next run's identical batches (same job
 * id) pick them up, unpaid. A quota refusal pauses the queue for everyone; this run then withdraws
 * its batches still waiting and reports it.
 */
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { TilmashError } from '../../errors.js';
import { abandonedMessage } from '../../job/claim-segments.js';
import { DurableRecorder } from '../../job/durable-recorder.js';
import type { JobReport } from '../../job/job-report.js';
import type { LocaleCounts, TranslateMissingOptions, TranslateOutcome } from '../../job/translate-missing.js';
import { answerEntry } from '../../job/translate-batch.js';
import type { QueueStats } from '../../queue/request-queue.js';
import { AnswerStore } from '../../queue/redis/answer-store.js';
import { connectRedis, ownKey, redisOptions, unreachable } from '../../queue/redis/redis-client.js';
import type { RedisQueueAddress } from '../../queue/redis/redis-queue-url.js';
import { failureOf, type BatchJobData, type BatchJobResult } from './batch-job.js';
import { planBatches, type PlannedLocale } from './plan-batches.js';
import type { LocalePlan } from '../../job/plan-job.js';

export interface QueueRun {
  translate: (options: TranslateMissingOptions) => Promise<TranslateOutcome>;
  close: () => Promise<void>;
}

/** Shared by every engine pass of one run. */
interface Connection {
  address: RedisQueueAddress;
  redis: Redis;
  queue: Queue<BatchJobData, BatchJobResult>;
  events: QueueEvents;
  store: AnswerStore;
  notice: (line: string) => void;
  started: boolean;
}

/** One engine pass: its locales' batches on their way. */
interface Pass {
  conn: Connection;
  options: TranslateMissingOptions;
  recorder: DurableRecorder;
  perLocale: Map<string, LocaleCounts>;
  locales: Map<string, PlannedLocale>;
  outstanding: Map<string, BatchJobData>;
  stats: QueueStats;
  failure: JobReport['failure'];
  stopping: boolean;
  tasks: Set<Promise<void>>;
  broken: { error: unknown } | undefined;
  wake: () => void;
}

export async function openQueueRun(address: RedisQueueAddress, notice: (line: string) => void): Promise<QueueRun> {
  const { Queue: BullQueue, QueueEvents: BullEvents } = await import('bullmq');
  const redis = await connectRedis(address);
  const queue = new BullQueue<BatchJobData, BatchJobResult>(address.name, { connection: redisOptions(address) });
  const events = new BullEvents(address.name, { connection: redisOptions(address) });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (error) {
    await Promise.allSettled([queue.close(), events.close()]);
    redis.disconnect();
    throw unreachable(address, error);
  }
  const conn: Connection = { address, redis, queue, events, store: new AnswerStore(redis, ownKey(address, 'answers')), notice, started: false };
  return {
    translate: (options) => translateOnQueue(conn, options),
    close: async () => {
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
}

async function translateOnQueue(conn: Connection, options: TranslateMissingOptions): Promise<TranslateOutcome> {
  await startRun(conn);
  const pass: Pass = {
    conn,
    options,
    recorder: options.recorder ?? new DurableRecorder(options.tm),
    perLocale: new Map(),
    locales: new Map(),
    outstanding: new Map(),
    stats: { requests: 0, retries: 0, rateLimited: 0 },
    failure: undefined,
    stopping: false,
    tasks: new Set(),
    broken: undefined,
    wake: () => undefined,
  };
  const heldElsewhere: Array<{ localePlan: LocalePlan; others: string[] }> = [];
  for (const localePlan of options.plan.locales) {
    // No double pay across processes: only what the TM store lets this run claim is queued now.
    const { mine, others } = await claimed(options, localePlan);
    if (others.length > 0) heldElsewhere.push({ localePlan, others });
    reportAbandoned(pass, localePlan);
    const planned = await planBatches(options, mine);
    pass.locales.set(planned.locale, planned);
    pass.perLocale.set(planned.locale, { translated: 0, billedCharacters: 0, usefulCharacters: 0, needsReview: 0, retried: 0 });
    if (planned.failure) fail(pass, planned.failure);
    recordImmediate(pass, planned);
  }
  const jobs = [...pass.locales.values()].flatMap((l) => (l.failure?.kind === 'engineQuota' ? [] : l.jobs));
  for (const job of jobs) pass.outstanding.set(job.id, job.data);
  const onAbort = () => stop(pass, { kind: 'interrupted', message: 'Interrupted: batches still waiting were withdrawn; everything received is in the TM.' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  pass.recorder.onFailure(() => stop(pass, { kind: 'interrupted', message: 'The TM refused a write: batches still waiting were withdrawn.' }));
  const detach = listen(pass);
  for (const { localePlan, others } of heldElsewhere) track(pass, takeOverLater(pass, localePlan, others));
  try {
    await submit(pass, jobs);
    if (options.signal?.aborted) onAbort();
    await waitForAll(pass);
  } finally {
    detach();
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (pass.broken) throw asQueueError(conn.address, pass.broken.error);
  if (!options.recorder) await pass.recorder.finish();
  return { perLocale: pass.perLocale, queue: pass.stats, ...(pass.failure ? { failure: pass.failure } : {}) };
}

/** Segments whose answers may come from nothing to send: restored here and recorded at once. */
function recordImmediate(pass: Pass, planned: PlannedLocale): void {
  for (const done of planned.immediate) track(pass, recordAnswers(pass, planned.locale, [{ source: done.item.segment.source, text: done.text, problems: done.problems, earlier: [], methods: done.item.methods, billed: 0 }]).then(() => undefined));
}

/** The store's leases (claim-segments.ts): the part of a locale's misses this run sends, and the sources another process holds. */
async function claimed(options: TranslateMissingOptions, localePlan: LocalePlan): Promise<{ mine: LocalePlan; others: string[] }> {
  const { mine, others } = await options.tm.claim(localePlan.locale, localePlan.missing.map((m) => m.source));
  const keep = new Set(mine);
  return { mine: { ...localePlan, missing: localePlan.missing.filter((m) => keep.has(m.source)) }, others };
}

/** Another process's segments: their answers arrive through the shared TM; one whose lease expired (its process died) is queued here, once. */
async function takeOverLater(pass: Pass, localePlan: LocalePlan, others: readonly string[]): Promise<void> {
  const taken = new Set(await pass.options.tm.awaitClaims(localePlan.locale, others, pass.options.signal));
  reportAbandoned(pass, localePlan);
  if (taken.size === 0 || pass.stopping) return;
  const planned = await planBatches(pass.options, { ...localePlan, missing: localePlan.missing.filter((m) => taken.has(m.source)) });
  const entry = pass.locales.get(localePlan.locale) as PlannedLocale;
  entry.total += planned.total;
  for (const [source, segment] of planned.bySource) entry.bySource.set(source, segment);
  if (planned.failure) fail(pass, planned.failure);
  recordImmediate(pass, planned);
  if (planned.failure?.kind === 'engineQuota') return;
  for (const job of planned.jobs) pass.outstanding.set(job.id, job.data);
  await submit(pass, planned.jobs);
}

/** Segments the shared TM gave up on (their holders died too often): not queued, named in the failure (claim-segments.ts). */
function reportAbandoned(pass: Pass, localePlan: LocalePlan): void {
  const message = abandonedMessage(pass.options.tm, localePlan.locale, localePlan.missing.map((m) => m.source));
  if (message) fail(pass, { kind: 'engine', message });
}

/** A Redis failure mid-run in our words (a TilmashError, e.g. a failed TM write, stays as it is). */
function asQueueError(address: RedisQueueAddress, error: unknown): unknown {
  if (error instanceof TilmashError || !(error instanceof Error) || !/redis|ECONN|connection|READONLY|NOAUTH|WRONGPASS|OOM/i.test(`${error.name} ${error.message}`)) return error;
  return new TilmashError('queue', `The queue ${address.shown} failed during the run (${error.message}). Everything recorded so far is in the TM; answers not yet recorded stay in Redis and the next \`run --queue\` picks them up.`, { cause: error });
}

/** The first pass of a run lifts a quota pause an earlier run left (this run checked the account's usage first). */
async function startRun(conn: Connection): Promise<void> {
  if (conn.started) return;
  conn.started = true;
  const quota = await conn.redis.get(ownKey(conn.address, 'quota'));
  if (quota !== null || (await conn.queue.isPaused())) {
    conn.notice(`queue: lifting the pause an earlier quota refusal left (${quota ?? 'paused'}).`);
    await conn.redis.del(ownKey(conn.address, 'quota'));
    await conn.queue.resume();
  }
  if ((await conn.queue.getWorkersCount()) === 0) conn.notice(`queue: no worker is connected to ${conn.address.shown} yet; start some with \`tilmash worker --queue ${conn.address.shown}\`.`);
}

/** A batch a failed earlier run left is withdrawn first, so it is queued again (a completed one is kept: its answers are used). */
async function submit(pass: Pass, jobs: ReadonlyArray<{ id: string; data: BatchJobData }>): Promise<void> {
  const { queue } = pass.conn;
  for (let at = 0; at < jobs.length; at += 500) {
    const chunk = jobs.slice(at, at + 500);
    const states = await Promise.all(chunk.map((j) => queue.getJobState(j.id)));
    await Promise.all(chunk.filter((_, i) => states[i] === 'failed').map((j) => queue.remove(j.id)));
    await queue.addBulk(chunk.map((j) => ({ name: j.data.locale, data: j.data, opts: { jobId: j.id, attempts: 1, removeOnComplete: false, removeOnFail: false } })));
    for (const [i, job] of chunk.entries()) if (states[i] === 'completed') track(pass, adoptCompleted(pass, job.id));
  }
}

/** A batch an earlier run queued and a worker answered, but that run never recorded (it was killed). */
async function adoptCompleted(pass: Pass, id: string): Promise<void> {
  const job = await pass.conn.queue.getJob(id);
  const data = pass.outstanding.get(id);
  if (!job || !data || job.returnvalue == null) return;
  pass.outstanding.delete(id);
  await completed(pass, id, data, job.returnvalue);
}

/** Workers' completions and failures, as BullMQ's event stream reports them (attached before anything is queued). */
function listen(pass: Pass): () => void {
  const { events } = pass.conn;
  const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
    const data = pass.outstanding.get(jobId);
    if (!data) return; // another pass's, or already handled
    pass.outstanding.delete(jobId);
    const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as BatchJobResult;
    track(pass, completed(pass, jobId, data, result));
  };
  const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
    const data = pass.outstanding.get(jobId);
    if (!data) return;
    pass.outstanding.delete(jobId);
    track(pass, failed(pass, jobId, failedReason));
  };
  events.on('completed', onCompleted);
  events.on('failed', onFailed);
  return () => {
    events.off('completed', onCompleted);
    events.off('failed', onFailed);
  };
}

/** How often the run checks its batches itself (events can be missed across a reconnect) and, when stopping, withdraws waiting ones. */
const SWEEP_MS = 5000;
const STOP_SWEEP_MS = 500;

async function waitForAll(pass: Pass): Promise<void> {
  let lastSweep = performance.now();
  while (pass.outstanding.size > 0 || pass.tasks.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pass.stopping ? STOP_SWEEP_MS : SWEEP_MS);
      pass.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (pass.broken) return;
    if (pass.stopping) await withdraw(pass);
    if (performance.now() - lastSweep >= SWEEP_MS) {
      lastSweep = performance.now();
      await sweep(pass);
    }
  }
}

/** Batches still waiting are taken off the queue (their segments stay missing); running ones finish. */
async function withdraw(pass: Pass): Promise<void> {
  const { queue } = pass.conn;
  for (const id of [...pass.outstanding.keys()]) {
    const state = await queue.getJobState(id);
    if (state === 'active' || state === 'completed' || state === 'failed') continue;
    if ((await queue.remove(id)) === 1) pass.outstanding.delete(id);
  }
}

/** Finished batches whose event this run did not see; a batch gone from Redis is reported. */
async function sweep(pass: Pass): Promise<void> {
  const { queue } = pass.conn;
  for (const id of [...pass.outstanding.keys()]) {
    const state = await queue.getJobState(id);
    const data = pass.outstanding.get(id);
    if (!data || (state !== 'completed' && state !== 'failed' && state !== 'unknown')) continue;
    const job = await queue.getJob(id);
    if (!pass.outstanding.delete(id)) continue; // its event came meanwhile
    if (state === 'completed' && job?.returnvalue != null) track(pass, completed(pass, id, data, job.returnvalue));
    else track(pass, failed(pass, id, job?.failedReason ?? 'engine: the batch disappeared from the queue (removed by hand?); its segments stay missing'));
  }
}

/** Recorded in the TM first; only then are the worker's stored answers and the job deleted from Redis. */
async function completed(pass: Pass, id: string, data: BatchJobData, result: BatchJobResult): Promise<void> {
  const counts = pass.perLocale.get(data.locale) as LocaleCounts;
  counts.billedCharacters += result.billed;
  counts.retried += result.retried;
  pass.stats.requests += result.requests;
  pass.stats.retries += result.retries;
  pass.stats.rateLimited += result.rateLimited;
  if (!(await recordAnswers(pass, data.locale, result.items))) return; // held: the recorder saves or names them; Redis keeps its copy
  await pass.conn.store.delete(result.fields);
  await pass.conn.queue.remove(id);
}

async function failed(pass: Pass, id: string, reason: string): Promise<void> {
  const failure = failureOf(reason);
  if (failure.kind === 'engineQuota') stop(pass, failure);
  else fail(pass, failure);
  await pass.conn.queue.remove(id); // the next run queues it again
}

/** TM entries of a worker's answers (the run's own QA), recorded durably; counts only what the TM holds. */
async function recordAnswers(pass: Pass, locale: string, items: BatchJobResult['items']): Promise<boolean> {
  if (items.length === 0) return true;
  const { options } = pass;
  const planned = pass.locales.get(locale) as PlannedLocale;
  const stamp = options.now().toISOString();
  const entries = items.map((item) => {
    const segment = planned.bySource.get(item.source);
    return answerEntry(item, options.engine.id, stamp, (target) => (segment ? options.checkSegment(segment, locale, target) : []));
  });
  if (!(await pass.recorder.record(locale, entries))) return false;
  const counts = pass.perLocale.get(locale) as LocaleCounts;
  counts.translated += entries.length;
  counts.usefulCharacters += items.reduce((n, i) => n + i.billed, 0);
  counts.needsReview += entries.filter((e) => e.status === 'needs-review').length;
  options.onProgress?.({ locale, done: counts.translated, total: planned.total });
  return true;
}

function fail(pass: Pass, next: NonNullable<JobReport['failure']>): void {
  const rank = { engineQuota: 3, interrupted: 2, engine: 1 } as const;
  if (!pass.failure || rank[next.kind] > rank[pass.failure.kind]) pass.failure = next;
}

function stop(pass: Pass, why: NonNullable<JobReport['failure']>): void {
  fail(pass, why);
  pass.stopping = true;
  pass.wake();
}

function track(pass: Pass, task: Promise<void>): void {
  const tracked = task.catch((error: unknown) => {
    pass.broken ??= { error };
  }).finally(() => {
    pass.tasks.delete(tracked);
    pass.wake();
  });
  pass.tasks.add(tracked);
}
