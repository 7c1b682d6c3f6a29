import PQueue from 'p-queue';
import { EngineError } from '../engine/translation-engine.js';
import { AdaptivePace } from './adaptive-pace.js';
import { retryDelayMs } from './backoff.js';

export interface RequestQueueOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Hard cap: at most this many request starts in any rolling `intervalMs` window. */
  requestsPerInterval: number;
  intervalMs: number;
  /** Retries of a retryable failure; the queue is the only retry owner (adapters never retry). */
  maxRetries: number;
  /** First retry delay; doubles per retry. @default 1000 */
  baseDelayMs?: number;
  /** @default 60000 */
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface QueueStats {
  /** Attempts started, retries included. */
  requests: number;
  retries: number;
  rateLimited: number;
}

/** Thrown for a request that was still waiting when the queue stopped: it was never sent. */
export class QueueStoppedError extends Error {
  override readonly name = 'QueueStoppedError';
}

/**
 * Runs engine requests under a concurrency limit and a sliding-window rate cap (p-queue strict
 * mode), retries retryable failures with exponential backoff and jitter (honouring Retry-After),
 * and slows every request after a 429. `stop()` stops dispatching at once; requests in flight finish.
 */
export class RequestQueue {
  readonly stats: QueueStats = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly queue: PQueue;
  private readonly pace: AdaptivePace;
  private readonly options: Required<RequestQueueOptions>;
  private stopped = false;
  private readonly waiting = new Set<() => void>();
  private readonly stopListeners = new Set<() => void>();

  constructor(options: RequestQueueOptions) {
    this.options = {
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      random: Math.random,
      now: () => performance.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options,
    };
    this.queue = new PQueue({
      concurrency: options.concurrency,
      intervalCap: options.requestsPerInterval,
      interval: options.intervalMs,
      strict: true,
    });
    this.pace = new AdaptivePace(options.intervalMs / options.requestsPerInterval, this.options.now);
  }

  /** Sends with retries. Rejects with the last error, or QueueStoppedError if stopped before sending. */
  async submit<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) throw new QueueStoppedError('The queue stopped before this request was sent.');
      try {
        return await this.attempt(send, attempt > 0);
      } catch (error) {
        if (error instanceof QueueStoppedError || !(error instanceof EngineError) || !error.retryable || attempt >= this.options.maxRetries) throw error;
        if (error.options.reason === 'rate-limit') {
          this.stats.rateLimited++;
          this.pace.rateLimited(error.options.retryAfterMs);
        }
        const delay = retryDelayMs(attempt + 1, {
          baseMs: this.options.baseDelayMs,
          maxMs: this.options.maxDelayMs,
          retryAfterMs: error.options.retryAfterMs,
          random: this.options.random,
        });
        this.stats.retries++;
        await this.interruptibleSleep(delay);
      }
    }
  }

  private attempt<T>(send: () => Promise<T>, isRetry: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let sent = false;
      // A request not yet sent when the queue stops rejects at once; one in flight runs to its end.
      const onStop = () => {
        if (!sent) reject(new QueueStoppedError('The queue stopped before this request was sent.'));
      };
      this.stopListeners.add(onStop);
      this.queue
        .add(
          async () => {
            const wait = this.pace.reserve();
            if (wait > 0) await this.interruptibleSleep(wait);
            if (this.stopped) throw new QueueStoppedError('The queue stopped before this request was sent.');
            sent = true;
            this.stats.requests++;
            const result = await send();
            this.pace.succeeded();
            return result;
          },
          { priority: isRetry ? 1 : 0 },
        )
        .then((result) => resolve(result as T), reject)
        .finally(() => this.stopListeners.delete(onStop));
    });
  }

  /** Stop dispatching now (quota, bad key, Ctrl-C). Waiting requests reject; in-flight ones finish. */
  stop(): void {
    this.stopped = true;
    this.queue.clear();
    for (const wake of this.waiting) wake();
    for (const onStop of this.stopListeners) onStop();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves when no request is running. */
  async onIdle(): Promise<void> {
    await this.queue.onIdle();
  }

  private async interruptibleSleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const wake = () => {
        this.waiting.delete(wake);
        resolve();
      };
      this.waiting.add(wake);
      void this.options.sleep(ms).then(wake);
    });
    if (this.stopped) throw new QueueStoppedError('The queue stopped before this request was sent.');
  }
}
