/**
 * `tilmash worker --queue redis://…`: takes batches from the queue a `run --queue` fills and
 * translates them with this machine's engines (same project config; the engine key from this
 * process's environment only). Any number of workers, on any machines. A worker that dies
 * (SIGKILL, power) stops renewing its lease; after `leaseMs` another worker's stalled-job check puts
 * the batch back (once: BullMQ `maxStalledCount: 1`), and the retry reuses every answer the dead
 * worker had stored. A quota refusal (456) pauses the queue for every worker.
 */
import type { Job, Worker } from 'bullmq';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { EngineError, type TranslationEngine } from '../../engine/translation-engine.js';
import { AnswerStore } from '../../queue/redis/answer-store.js';
import { GlobalRate, QuotaPausedError } from '../../queue/redis/global-rate.js';
import { connectRedis, ownKey, redisOptions } from '../../queue/redis/redis-client.js';
import type { RedisQueueAddress } from '../../queue/redis/redis-queue-url.js';
import type { BatchJobData, BatchJobResult } from './batch-job.js';
import { processBatch } from './process-batch.js';

export interface RunWorkerOptions {
  address: RedisQueueAddress;
  config: ResolvedConfig;
  /** Every engine this worker can serve (by id), from its own environment. */
  engines: readonly TranslationEngine[];
  /** How long a silent worker keeps a batch before another takes it. */
  leaseMs: number;
  /** Batches at once in this process. */
  concurrency: number;
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface WorkerReport {
  batches: number;
  failed: number;
  requests: number;
}

/** Runs until the signal aborts (SIGINT/SIGTERM): then takes no new batch, finishes the ones it has, and returns. */
export async function runWorker(options: RunWorkerOptions): Promise<WorkerReport> {
  const { Worker: BullWorker, Queue, UnrecoverableError } = await import('bullmq');
  const redis = await connectRedis(options.address);
  const store = new AnswerStore(redis, ownKey(options.address, 'answers'));
  const queue = new Queue(options.address.name, { connection: redisOptions(options.address) });
  const report: WorkerReport = { batches: 0, failed: 0, requests: 0 };
  const processor = async (job: Job<BatchJobData>): Promise<BatchJobResult> => {
    const data = job.data;
    const engine = options.engines.find((e) => e.id === data.engineId);
    if (data.v !== 1) throw new UnrecoverableError(`engine: this worker does not understand batch format ${String(data.v)}; run the same Tilmash version as the submitting run.`);
    if (!engine) throw new UnrecoverableError(`engine: the worker has no engine ${data.engineId} (its environment lacks the key, or its config names other engines).`);
    const rate = new GlobalRate(redis, { window: ownKey(options.address, 'rate'), backoff: ownKey(options.address, 'backoff'), quota: ownKey(options.address, 'quota') }, data.rate);
    try {
      return await processBatch(data, { engine, rate, store, onRequest: () => report.requests++ });
    } catch (error) {
      if (error instanceof QuotaPausedError) throw new UnrecoverableError(`engineQuota: ${error.message}`);
      if (!(error instanceof EngineError)) throw error;
      if (error.options.reason === 'quota') await queue.pause(); // for everyone: nothing more is taken
      const kind = error.options.reason === 'quota' || error.options.reason === 'auth' ? 'engineQuota' : 'engine';
      throw new UnrecoverableError(`${kind}: ${engine.id}: ${error.message}`);
    }
  };
  const worker: Worker<BatchJobData, BatchJobResult> = new BullWorker(options.address.name, processor, {
    connection: redisOptions(options.address),
    concurrency: options.concurrency,
    lockDuration: options.leaseMs,
    stalledInterval: options.leaseMs,
    maxStalledCount: 1,
    autorun: false,
  });
  logEvents(worker, options, report);
  const stopped = new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
  void worker.run();
  await worker.waitUntilReady();
  options.log(`worker: waiting for batches on ${options.address.shown} (${options.concurrency} at once, lease ${options.leaseMs / 1000} s)`);
  if (!options.signal.aborted) await stopped;
  await worker.close(); // finishes the batches it has
  await queue.close();
  redis.disconnect();
  return report;
}

function logEvents(worker: Worker<BatchJobData, BatchJobResult>, options: RunWorkerOptions, report: WorkerReport): void {
  worker.on('completed', (job, result) => {
    report.batches++;
    const reused = result.reused > 0 ? `, ${result.reused} reused from the store` : '';
    options.log(`batch ${job.id} ${job.data.locale}: ${result.items.length} segment(s), ${result.requests} request(s), ${result.billed} characters${reused}`);
  });
  worker.on('failed', (job, error) => {
    report.failed++;
    options.log(`batch ${job?.id ?? '?'} failed: ${error.message}`);
  });
  worker.on('stalled', (jobId) => options.log(`batch ${jobId}: its worker went silent for the lease; queued again (its stored answers are reused)`));
  worker.on('error', (error) => options.log(`worker: ${error.message}`));
}
