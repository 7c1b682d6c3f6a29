import PQueue from 'p-queue';
import { EngineError, isAccountRefusal } from '../engine/translation-engine.js';
import { retryDelayMs } from './backoff.js';
import { RateController, type RateMode, type RatePermit } from './rate-controller.js';

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
  /**
   * The rate cap counts a request from its send until its answer's receipt (the latest moment the
   * server can have counted it), but at most this long after its send. @default intervalMs
   */
  maxSkewMs?: number;
  /** `fixed`: `requestsPerInterval` is the cap; `adaptive`: the starting cap of an AIMD rate (RateController). @default 'fixed' */
  rate?: RateMode;
  /** `adaptive`: the ceiling, requests per second. @default max(50, the start rate) */
  maxRequestsPerSecond?: number;
  /**
   * The account's request clock, shared with the engine's side requests and with other queues of the
   * same engine; when given, `rate`, `requestsPerInterval`, `intervalMs`, `maxSkewMs` and
   * `maxRequestsPerSecond` are its business. @default one of the queue's own
   */
  rateController?: RateController;
  /**
   * Asked before each send, ahead of the rate cap: false stops the queue (the request is not sent).
   * The job passes "every answer so far is durably recorded", so nothing is sent after a failed TM write.
   */
  gate?: () => Promise<boolean>;
  random?: () => number;
  /** Told when a request is sent and settles, and when the queue waits (back-off, rate cap): progress displays. */
  observer?: QueueObserver;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * What the queue is doing, for a progress display. `waiting`: the queue sleeps `ms` before the next
 * send — after a 429 (`rate-limit`, with the server's Retry-After when it gave one), before a retry
 * of another failure (`retry`, with its status), at the slower pace every request keeps after a 429
 * (`pace`), or for the rate cap (`rate-cap`).
 */
export type QueueEvent =
  | { type: 'sent'; id: number }
  | { type: 'settled'; id: number }
  | { type: 'waiting'; reason: 'rate-limit' | 'retry' | 'pace' | 'rate-cap'; ms: number; retryAfterMs?: number; status?: number };

/** Given to each send: call `sending()` right before the request really leaves (after a lazy load), so the window counts it from then. */
export interface SendContext {
  sending: () => void;
}

export interface SubmitOptions {
  /**
   * false: the send takes no place in the rate window itself, because each of its HTTP requests
   * takes its own from the engine's RateController (a glossary preparation: list, create, poll).
   * @default true
   */
  paced?: boolean;
}

export interface QueueObserver {
  (event: QueueEvent): void;
}

/** Rate-cap waits shorter than this are the normal pace, not worth showing. */
const SHOWN_WAIT_MS = 1000;

export interface QueueStats {
  /** Attempts started, retries included. */
  requests: number;
  retries: number;
  rateLimited: number;
}

/** Thrown for a request that was still waiting when the queue stopped: it was never sent. */
export class QueueStoppedError extends Error {
  override readonly name = 'QueueStoppedError';
  constructor(message = 'The queue stopped before this request was sent.') {
    super(message);
  }
}

/**
 * Runs engine requests under a concurrency limit (p-queue) and a rate window on when they reach the
 * server (RateController: a fixed cap, or an adaptive AIMD one; reserved just before the send, counted
 * from the send until the answer, at most `maxSkewMs`), retries retryable failures with exponential
 * backoff and jitter (honouring Retry-After), and slows or lowers every request's rate after a 429. `stop()` stops dispatching at once; requests in flight finish.
 */
export class RequestQueue {
  readonly stats: QueueStats = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly queue: PQueue;
  /** The rate window this queue's sends take their places in. */
  readonly rate: RateController;
  private readonly options: Required<Omit<RequestQueueOptions, 'observer' | 'gate' | 'maxSkewMs' | 'rate' | 'maxRequestsPerSecond' | 'rateController'>>;
  private readonly observer: QueueObserver;
  private readonly gate: RequestQueueOptions['gate'];
  private nextId = 0;
  private stopped = false;
  private readonly waiting = new Set<() => void>();
  private readonly stopListeners = new Set<() => void>();

  constructor(options: RequestQueueOptions) {
    this.gate = options.gate;
    // Per option, so an option passed as undefined takes its default too.
    this.options = {
      concurrency: options.concurrency,
      requestsPerInterval: options.requestsPerInterval,
      intervalMs: options.intervalMs,
      maxRetries: options.maxRetries,
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      random: options.random ?? Math.random,
      now: options.now ?? (() => performance.now()),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    this.observer = options.observer ?? (() => undefined);
    // p-queue only bounds concurrency and orders retries first. Its strict interval cap counted a
    // start when a task left the queue (before the pace's wait, and long before the server's arrival
    // clock), so real arrivals bunched up into 429s; the SlidingWindow counts what the server counts.
    this.queue = new PQueue({ concurrency: options.concurrency });
    this.rate =
      options.rateController ??
      new RateController({
        mode: options.rate ?? 'fixed',
        requestsPerInterval: options.requestsPerInterval,
        intervalMs: options.intervalMs,
        now: this.options.now,
        ...(options.maxSkewMs !== undefined ? { maxSkewMs: options.maxSkewMs } : {}),
        ...(options.maxRequestsPerSecond !== undefined ? { maxRequestsPerSecond: options.maxRequestsPerSecond } : {}),
      });
  }

  /** Sends with retries. Rejects with the last error, or QueueStoppedError if stopped before sending. */
  async submit<T>(send: (ctx: SendContext) => Promise<T>, submitOptions: SubmitOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) throw new QueueStoppedError();
      try {
        return await this.attempt(send, attempt > 0, submitOptions.paced ?? true);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error; // a stop or a bug: never retried
        if (!error.retryable || attempt >= this.options.maxRetries) throw error;
        const delay = retryDelayMs(attempt + 1, {
          baseMs: this.options.baseDelayMs,
          maxMs: this.options.maxDelayMs,
          retryAfterMs: error.options.retryAfterMs,
          random: this.options.random,
        });
        this.stats.retries++;
        this.observer({
          type: 'waiting',
          reason: error.options.reason === 'rate-limit' ? 'rate-limit' : 'retry',
          ms: delay,
          ...(error.options.retryAfterMs !== undefined ? { retryAfterMs: error.options.retryAfterMs } : {}),
          ...(error.options.status !== undefined ? { status: error.options.status } : {}),
        });
        await this.interruptibleSleep(delay);
      }
    }
  }

  private attempt<T>(send: (ctx: SendContext) => Promise<T>, isRetry: boolean, paced: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let sent = false;
      // A request not yet sent when the queue stops rejects at once; one in flight runs to its end.
      const onStop = () => {
        if (!sent) reject(new QueueStoppedError());
      };
      this.stopListeners.add(onStop);
      this.queue
        .add(
          async () => {
            if (this.gate && !(await this.gate())) this.stop();
            if (this.stopped) throw new QueueStoppedError();
            const permit = paced ? await this.waitForSlot() : undefined;
            sent = true;
            this.stats.requests++;
            permit?.sent();
            const id = this.nextId++;
            this.observer({ type: 'sent', id });
            try {
              const result = await send({ sending: () => permit?.sent() });
              permit?.done('ok');
              return result;
            } catch (error) {
              // A 429 slows every request of the account (even when this one has no retry left). The
              // rate learns it here, before this task frees its slot, so the next start already waits.
              if (error instanceof EngineError && error.options.reason === 'rate-limit') {
                this.stats.rateLimited++;
                permit?.done('rate-limited', error.options.retryAfterMs);
              }
              // Quota and key refusals are per account: stop before p-queue starts the next request.
              if (isAccountRefusal(error)) this.stop();
              throw error;
            } finally {
              permit?.done('failed'); // no-op when already settled
              this.observer({ type: 'settled', id });
            }
          },
          { priority: isRetry ? 1 : 0 },
        )
        .then((result) => resolve(result as T), reject)
        .finally(() => this.stopListeners.delete(onStop));
    });
  }

  /**
   * The rate's next start (after a 429's pause, then the cap), reserved now and slept to at once,
   * so the window counts the moment the request is really sent. When the adaptive cap changes (or a
   * Retry-After pause begins) during the sleep, the start is released and reserved again under the
   * new cap. Throws when the queue stopped meanwhile.
   */
  private async waitForSlot(): Promise<RatePermit> {
    for (;;) {
      const { waitMs, paced, permit } = this.rate.reserve();
      if (waitMs >= SHOWN_WAIT_MS) this.observer({ type: 'waiting', reason: paced ? 'pace' : 'rate-cap', ms: waitMs });
      let changed = false;
      let off = () => undefined as unknown;
      try {
        if (waitMs > 0) {
          const change = new Promise<void>((resolve) => {
            off = this.rate.onNextChange(() => {
              changed = true;
              permit.release(); // before any waiter reserves again, so none queues behind a stale start
              resolve();
            });
          });
          await Promise.race([this.interruptibleSleep(waitMs), change]);
        }
        if (this.stopped) throw new QueueStoppedError();
      } catch (error) {
        permit.done('failed'); // its slot is never used
        throw error;
      } finally {
        off();
      }
      if (!changed) return permit;
    }
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
    if (this.stopped) throw new QueueStoppedError();
  }
}
