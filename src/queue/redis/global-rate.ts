/**
 * One rate limit for every worker of a queue, on every machine: a sliding window in Redis, counted as
 * the engine's server counts arrivals (like `SlidingWindow`, but shared). A request reserves a slot
 * just before it is sent, scored at the latest moment it can reach the server (now + `maxSkewMs`, by
 * Redis's clock); its answer moves the score to the answer's receipt. A slot counts until its score
 * plus the interval, so no rolling window at the server ever holds more than `limit` arrivals,
 * whichever worker sent them. A 429 sets a shared back-off every worker waits out (shared pace);
 * a quota refusal sets the quota flag, after which no worker sends anything.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Redis's clock in ms with its microseconds (scores are doubles): a slot is never freed early by rounding. */
const NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000";

/** KEYS: window, backoff, quota. ARGV: limit, intervalMs, member, skewMs. → {wait ms (0: reserved, -1: quota), quota message}. */
const RESERVE = `${NOW}
local quota = redis.call('GET', KEYS[3])
if quota then return {-1, quota} end
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > now then return {math.ceil(pause - now), ''} end
local interval = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - interval)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], interval + tonumber(ARGV[4]) + 60000)
  return {0, ''}
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {math.max(1, math.ceil(tonumber(first[2]) + interval - now)), ''}`;

/** KEYS: window. ARGV: member. The answer arrived: the slot counts from now (never later than reserved). */
const SETTLE = `${NOW}
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) > now then redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1]) end
return 0`;

/** KEYS: backoff. ARGV: ms. Every worker waits at least `ms` from now before its next send. */
const BACK_OFF = `${NOW}
local pause = now + tonumber(ARGV[1])
if pause > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], pause, 'PX', tonumber(ARGV[1]) + 1000) end
return 0`;

export interface GlobalRateKeys {
  window: string;
  backoff: string;
  quota: string;
}

export interface RateLimit {
  requestsPerInterval: number;
  intervalMs: number;
  maxSkewMs: number;
}

/** Thrown by `reserve` once the quota flag is set: nothing more is sent by anyone. */
export class QuotaPausedError extends Error {
  override readonly name = 'QuotaPausedError';
}

/**
 * Longest single sleep while waiting for a slot. The wait Redis returns is exact (the oldest slot's
 * expiry, or the back-off's end); the cap only bounds how late a waiter notices the quota flag.
 */
const MAX_SLEEP_MS = 1000;

export class GlobalRate {
  constructor(
    private readonly redis: Redis,
    private readonly keys: GlobalRateKeys,
    private readonly limit: RateLimit,
  ) {}

  /** Waits for a slot (shared back-off first); resolves with the slot's id to `settle`. */
  async reserve(): Promise<string> {
    const member = randomUUID();
    for (;;) {
      const [wait, quota] = (await this.redis.eval(RESERVE, 3, this.keys.window, this.keys.backoff, this.keys.quota, this.limit.requestsPerInterval, this.limit.intervalMs, member, this.limit.maxSkewMs)) as [number, string];
      if (wait === -1) throw new QuotaPausedError(quota);
      if (wait === 0) return member;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_SLEEP_MS)));
    }
  }

  /** The request of `slot` has its answer (or its error). */
  async settle(slot: string): Promise<void> {
    await this.redis.eval(SETTLE, 1, this.keys.window, slot);
  }

  /** A 429: every worker waits `ms` before its next send. */
  async backOff(ms: number): Promise<void> {
    await this.redis.eval(BACK_OFF, 1, this.keys.backoff, Math.max(1, Math.round(ms)));
  }

  /** The account's quota is used up: no worker sends again until a new run clears the flag. */
  async setQuota(message: string): Promise<void> {
    await this.redis.set(this.keys.quota, message);
  }

  async quota(): Promise<string | null> {
    return this.redis.get(this.keys.quota);
  }

  async clearQuota(): Promise<void> {
    await this.redis.del(this.keys.quota);
  }
}
