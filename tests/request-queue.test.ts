/**
 * RequestQueue alone, with a fake `send`: the sliding-window rate cap and concurrency, retries with
 * exponential backoff and Retry-After, the adaptive pace after a 429, and stop().
 */
import { describe, expect, it } from 'vitest';
import { EngineError } from '../src/engine/translation-engine.js';
import { AdaptivePace } from '../src/queue/adaptive-pace.js';
import { retryDelayMs } from '../src/queue/backoff.js';
import { QueueStoppedError, RequestQueue, type QueueEvent, type RequestQueueOptions } from '../src/queue/request-queue.js';
import { maxInWindow } from './helpers/rate-window.js';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));


const retryable = (reason: 'server' | 'rate-limit' | 'timeout' = 'server', retryAfterMs?: number) =>
  new EngineError(`fake ${reason}`, { retryable: true, reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

/** A queue whose sleeps are recorded and return at once (no real waiting for backoff). */
function recordingQueue(options: Partial<RequestQueueOptions> = {}) {
  const sleeps: number[] = [];
  const queue = new RequestQueue({
    concurrency: 1,
    requestsPerInterval: 1000,
    intervalMs: 1000,
    maxRetries: 5,
    baseDelayMs: 100,
    maxDelayMs: 60_000,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { queue, sleeps };
}

describe('rate cap and concurrency', () => {
  it('never starts more than requestsPerInterval in any rolling interval, nor exceeds concurrency', async () => {
    const queue = new RequestQueue({ concurrency: 3, requestsPerInterval: 5, intervalMs: 200, maxRetries: 0 });
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        queue.submit(async () => {
          starts.push(performance.now());
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await delay(5 + (i % 4) * 10);
          inFlight--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(starts).toHaveLength(30);
    // A tolerance of 1 ms for timer granularity: a window of 199 ms must never hold 6 starts.
    if (maxInWindow(starts, 199) > 5) console.log(starts.map((s) => s.toFixed(1)).join(" "));
    expect(maxInWindow(starts, 199)).toBeLessThanOrEqual(5);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(queue.stats).toEqual({ requests: 30, retries: 0, rateLimited: 0 });
  });
});

describe('retries', () => {
  it('retries a retryable EngineError and returns the result of the third attempt', async () => {
    const { queue, sleeps } = recordingQueue();
    let attempts = 0;
    const result = await queue.submit(async () => {
      attempts++;
      if (attempts <= 2) throw retryable('server');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
    expect(sleeps).toEqual([100, 200]);
    expect(queue.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it.each(['quota', 'bad-request', 'auth'] as const)('never retries a non-retryable error (%s)', async (reason) => {
    const { queue, sleeps } = recordingQueue();
    let attempts = 0;
    const error = new EngineError(`fake ${reason}`, { retryable: false, reason });
    await expect(
      queue.submit(async () => {
        attempts++;
        throw error;
      }),
    ).rejects.toBe(error);
    expect(attempts).toBe(1);
    expect(sleeps).toEqual([]);
    expect(queue.stats.retries).toBe(0);
  });

  it('never retries an error that is not an EngineError', async () => {
    const { queue } = recordingQueue();
    let attempts = 0;
    await expect(
      queue.submit(async () => {
        attempts++;
        throw new TypeError('bug');
      }),
    ).rejects.toThrow(TypeError);
    expect(attempts).toBe(1);
  });

  it('gives up after maxRetries retries with the last error', async () => {
    const { queue, sleeps } = recordingQueue({ maxRetries: 3 });
    let attempts = 0;
    await expect(
      queue.submit(async () => {
        attempts++;
        throw retryable('timeout');
      }),
    ).rejects.toMatchObject({ name: 'EngineError', options: { reason: 'timeout' } });
    expect(attempts).toBe(4);
    expect(sleeps).toHaveLength(3);
    expect(queue.stats).toMatchObject({ requests: 4, retries: 3 });
  });

  it('maxRetries 0 means one attempt', async () => {
    const { queue } = recordingQueue({ maxRetries: 0 });
    let attempts = 0;
    await expect(
      queue.submit(async () => {
        attempts++;
        throw retryable();
      }),
    ).rejects.toBeInstanceOf(EngineError);
    expect(attempts).toBe(1);
  });

  it('backoff delays grow exponentially and are capped at maxDelayMs', async () => {
    const { queue, sleeps } = recordingQueue({ maxRetries: 6, baseDelayMs: 10, maxDelayMs: 250 });
    await expect(
      queue.submit(async () => {
        throw retryable('server');
      }),
    ).rejects.toBeInstanceOf(EngineError);
    expect(sleeps).toEqual([10, 20, 40, 80, 160, 250]);
  });

  it('an option passed as undefined takes its default: baseDelayMs undefined still waits 1 s, then 2 s', async () => {
    const { queue, sleeps } = recordingQueue({ maxRetries: 2, baseDelayMs: undefined, maxDelayMs: undefined });
    await expect(
      queue.submit(async () => {
        throw retryable('server');
      }),
    ).rejects.toBeInstanceOf(EngineError);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('jitter stays within ±25 % of the exponential delay', () => {
    for (const attempt of [1, 2, 3, 4]) {
      const low = retryDelayMs(attempt, { baseMs: 100, maxMs: 60_000, random: () => 0 });
      const mid = retryDelayMs(attempt, { baseMs: 100, maxMs: 60_000, random: () => 0.5 });
      const high = retryDelayMs(attempt, { baseMs: 100, maxMs: 60_000, random: () => 0.999_999 });
      expect(mid).toBe(100 * 2 ** (attempt - 1));
      expect(low).toBe(Math.round(mid * 0.75));
      expect(high).toBeLessThanOrEqual(Math.round(mid * 1.25));
      expect(high).toBeGreaterThan(mid);
    }
  });

  it('honours Retry-After when it is longer than the backoff, not when shorter', async () => {
    const { queue, sleeps } = recordingQueue({ baseDelayMs: 100 });
    let attempts = 0;
    await queue.submit(async () => {
      attempts++;
      if (attempts === 1) throw retryable('server', 5000); // 503 with Retry-After: 5
      if (attempts === 2) throw retryable('server', 10); // shorter than the 200 ms backoff
      return 'ok';
    });
    expect(sleeps).toEqual([5000, 200]);
  });

  it('a 429 with Retry-After also pauses the next start of the queue until then', async () => {
    const { queue, sleeps } = recordingQueue({ baseDelayMs: 100, now: () => 0 });
    let attempts = 0;
    await queue.submit(async () => {
      attempts++;
      if (attempts === 1) throw retryable('rate-limit', 3000);
      return 'ok';
    });
    // The backoff honours Retry-After (3000), and the retry's start is held by the pace (paused
    // until now + 3000, since the fake clock did not move).
    expect(sleeps[0]).toBe(3000);
    expect(sleeps[1]).toBe(3000);
    expect(queue.stats).toMatchObject({ requests: 2, retries: 1, rateLimited: 1 });
  });

  it('counts a 429 on the last attempt too', async () => {
    const { queue } = recordingQueue({ maxRetries: 1 });
    await expect(
      queue.submit(async () => {
        throw retryable('rate-limit');
      }),
    ).rejects.toBeInstanceOf(EngineError);
    expect(queue.stats).toMatchObject({ requests: 2, retries: 1, rateLimited: 2 });
  });
});

describe('AdaptivePace: a 429 slows the whole queue', () => {
  it('other tasks start further apart after one 429, and the pace recovers after successes', async () => {
    // baseGap = 400 / 40 = 10 ms. Without a 429 the pace adds nothing (requests go back to back).
    const queue = new RequestQueue({ concurrency: 2, requestsPerInterval: 40, intervalMs: 400, maxRetries: 3, baseDelayMs: 5 });
    const starts: Array<{ id: number; at: number; attempt: number }> = [];
    const attemptsOf = new Map<number, number>();
    let rateLimitedAt = Number.POSITIVE_INFINITY;
    let startsBefore429 = 0;
    await Promise.all(
      Array.from({ length: 24 }, (_, id) =>
        queue.submit(async () => {
          const attempt = (attemptsOf.get(id) ?? 0) + 1;
          attemptsOf.set(id, attempt);
          starts.push({ id, at: performance.now(), attempt });
          await delay(1);
          if (id === 3 && attempt === 1) {
            rateLimitedAt = performance.now();
            startsBefore429 = starts.length;
            throw retryable('rate-limit');
          }
          return id;
        }),
      ),
    );
    expect(queue.stats.rateLimited).toBe(1);
    const before = starts.slice(0, startsBefore429);
    const after = starts.slice(startsBefore429);
    const gapsOf = (list: typeof starts) => list.slice(1).map((s, i) => s.at - (list[i] as { at: number }).at);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    // Before the 429: back to back.
    expect(median(gapsOf(before))).toBeLessThan(10);
    // Right after it, every start (other tasks too, not only the retry) gets a slot penalty × 10 ms
    // after the previous one: 20, 18, 16.2, 14.6 … Timers may fire late on a busy machine, never
    // early, so the k-th start after the 429 is at least 15 + 12·k ms after it.
    const firstAfter = after.slice(0, 4);
    expect(firstAfter.some((s) => s.id !== 3)).toBe(true);
    firstAfter.forEach((s, k) => expect(s.at - rateLimitedAt).toBeGreaterThanOrEqual(15 + 12 * k));
    // After enough successes (×0.9 each: 2 → 1 in 7) starts are back to back again.
    expect(median(gapsOf(starts.slice(-6)))).toBeLessThan(10);
  });

  it('AdaptivePace: penalty doubles on 429, decays by 10 % per success, down to 1', () => {
    let now = 1000;
    const pace = new AdaptivePace(10, () => now);
    expect(pace.reserve()).toBe(0);
    expect(pace.reserve()).toBe(0);
    pace.rateLimited(undefined);
    expect(pace.currentPenalty).toBe(2);
    // Even the first start after a 429 waits one penalised gap (2 × 10 ms), then every 20 ms.
    expect(pace.reserve()).toBe(20);
    expect(pace.reserve()).toBe(40);
    expect(pace.reserve()).toBe(60);
    pace.rateLimited(500);
    expect(pace.currentPenalty).toBe(4);
    expect(pace.reserve()).toBeGreaterThanOrEqual(500);
    for (let i = 0; i < 20; i++) pace.succeeded();
    expect(pace.currentPenalty).toBe(1);
    now += 10_000;
    expect(pace.reserve()).toBe(0);
    expect(pace.reserve()).toBe(0);
  });
});

describe('stop()', () => {
  it('queued requests reject with QueueStoppedError and are never sent; the one in flight delivers its result', async () => {
    const queue = new RequestQueue({ concurrency: 1, requestsPerInterval: 100, intervalMs: 1000, maxRetries: 2, baseDelayMs: 5 });
    const sent: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const submissions = Array.from({ length: 5 }, (_, i) =>
      queue.submit(async () => {
        sent.push(i);
        if (i === 0) {
          started();
          await gate;
        }
        return `result ${i}`;
      }),
    );
    const settled = Promise.allSettled(submissions);
    await firstStarted;
    queue.stop();
    expect(queue.isStopped).toBe(true);
    release();
    const outcomes = await settled;
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'result 0' });
    for (const outcome of outcomes.slice(1)) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(QueueStoppedError);
    }
    expect(sent).toEqual([0]);
    await queue.onIdle();
    // A submission after stop is never sent either.
    await expect(queue.submit(async () => sent.push(99))).rejects.toBeInstanceOf(QueueStoppedError);
    expect(sent).toEqual([0]);
  });

  it.each(['quota', 'auth'] as const)('a %s refusal stops the queue by itself: nothing queued behind it is sent', async (reason) => {
    const queue = new RequestQueue({ concurrency: 1, requestsPerInterval: 100, intervalMs: 1000, maxRetries: 2, baseDelayMs: 5 });
    const sent: number[] = [];
    const refusal = new EngineError(`fake ${reason}`, { retryable: false, reason });
    const submissions = [0, 1, 2].map((i) =>
      queue.submit(async () => {
        sent.push(i);
        if (i === 0) throw refusal;
        return i;
      }),
    );
    const outcomes = await Promise.allSettled(submissions);
    expect(outcomes[0]).toEqual({ status: 'rejected', reason: refusal });
    for (const outcome of outcomes.slice(1)) expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(QueueStoppedError);
    expect(sent).toEqual([0]);
    expect(queue.isStopped).toBe(true);
  });

  it('a request waiting for a retry is not sent again after stop()', async () => {
    const queue = new RequestQueue({ concurrency: 1, requestsPerInterval: 100, intervalMs: 1000, maxRetries: 5, baseDelayMs: 10_000 });
    let attempts = 0;
    const pending = queue.submit(async () => {
      attempts++;
      throw retryable('server');
    });
    await delay(20);
    expect(attempts).toBe(1);
    queue.stop();
    await expect(pending).rejects.toBeInstanceOf(QueueStoppedError);
    expect(attempts).toBe(1);
  });

  it('a request held by the pace (after a 429 with Retry-After) is not sent after stop()', async () => {
    const queue = new RequestQueue({ concurrency: 2, requestsPerInterval: 100, intervalMs: 1000, maxRetries: 5, baseDelayMs: 5 });
    const sent: string[] = [];
    const first = queue.submit(async () => {
      sent.push('a');
      throw retryable('rate-limit', 60_000);
    });
    await delay(20);
    const second = queue.submit(async () => sent.push('b'));
    await delay(20);
    queue.stop();
    await expect(first).rejects.toBeInstanceOf(QueueStoppedError);
    await expect(second).rejects.toBeInstanceOf(QueueStoppedError);
    expect(sent).toEqual(['a']);
  });
});

describe('observer', () => {
  it('is told of every send and settle, of a 429 back-off with Retry-After, of a retry with its status, and of a long rate-cap wait', async () => {
    const events: QueueEvent[] = [];
    const { queue, sleeps } = recordingQueue({ observer: (event) => events.push(event) });
    let calls = 0;
    const result = await queue.submit(async () => {
      calls++;
      if (calls === 1) throw retryable('rate-limit', 3000);
      if (calls === 2) throw new EngineError('fake 503', { retryable: true, reason: 'server', status: 503 });
      return 'ok';
    });
    expect(result).toBe('ok');
    const waits = events.filter((e) => e.type === 'waiting');
    expect(waits[0]).toEqual({ type: 'waiting', reason: 'rate-limit', ms: sleeps[0], retryAfterMs: 3000 });
    expect(waits.find((e) => e.reason === 'retry')).toMatchObject({ type: 'waiting', reason: 'retry', status: 503 });
    const sent = events.filter((e) => e.type === 'sent').map((e) => (e as { id: number }).id);
    const settled = events.filter((e) => e.type === 'settled').map((e) => (e as { id: number }).id);
    expect(sent).toEqual([0, 1, 2]);
    expect(settled).toEqual([0, 1, 2]);
    // Each settle follows its send.
    for (const id of sent) expect(events.findIndex((e) => e.type === 'settled' && e.id === id)).toBeGreaterThan(events.findIndex((e) => e.type === 'sent' && e.id === id));

    const capped: QueueEvent[] = [];
    const slow = recordingQueue({ requestsPerInterval: 1, intervalMs: 5000, observer: (event) => capped.push(event) }).queue;
    await Promise.all([slow.submit(async () => 1), slow.submit(async () => 2)]);
    expect(capped.filter((e) => e.type === 'waiting')).toEqual([expect.objectContaining({ type: 'waiting', reason: 'rate-cap' })]);
  });
});
