import { AdaptivePace } from './adaptive-pace.js';
import { AimdRate, type RateChange } from './aimd-rate.js';
import { SlidingWindow, type WindowSlot } from './sliding-window.js';

export type { RateChange } from './aimd-rate.js';

/**
 * `adaptive`: the cap starts at `requestsPerInterval` and follows the server (AimdRate), up to
 * `maxRequestsPerSecond`. `fixed`: at most `requestsPerInterval` per `intervalMs`, every request
 * slowed after a 429 (AdaptivePace), as before adaptive rates existed.
 */
export type RateMode = 'adaptive' | 'fixed';

/** The adaptive window's default `maxSkewMs`: a warm connection's send→arrival delay, with room. */
export const ADAPTIVE_MAX_SKEW_MS = 100;
/** The adaptive ceiling when none is configured: requests per second (or the start rate, if higher). */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 50;


export interface RateSettings {
  /** @default 'fixed' */
  mode?: RateMode;
  /** `fixed`: the cap; `adaptive`: the starting cap. */
  requestsPerInterval: number;
  intervalMs: number;
  /** `adaptive`: the cap never goes above this many requests per second. @default max(50, the start rate) */
  maxRequestsPerSecond?: number;
  /**
   * How long after its send a request may reach the server, at most: the window counts it until its
   * answer arrives, but no longer than this (see SlidingWindow). @default `fixed`: intervalMs (every
   * request counted until its answer, as before); `adaptive`: ADAPTIVE_MAX_SKEW_MS (a miscount
   * costs one 429, which the rate learns from)
   */
  maxSkewMs?: number;
  now?: () => number;
  /** Told of each change of the adaptive cap. */
  onChange?: (change: RateChange) => void;
}

/** One request's place in the window. */
export interface RatePermit {
  /** The request leaves now; call again if it really leaves later (after a lazy load): the window counts it from the last call. */
  sent(): void;
  /** Its answer arrived (or it failed); the first call counts, later ones are ignored. */
  done(result: 'ok' | 'failed' | 'rate-limited', retryAfterMs?: number): void;
  /** It was never sent and never will be under this reservation: its place in the window is free again. */
  release(): void;
}

export interface RateReservation {
  /** Milliseconds to wait before sending. */
  waitMs: number;
  /** The wait is a pause after a 429 (Retry-After, or the fixed mode's slower pace), not the cap. */
  paced: boolean;
  permit: RatePermit;
}

/** Adaptive starts are at least interval ÷ (SPACING × cap) apart: bursts of at most SPACING × the average rate. */
const SPACING = 2;

/**
 * One account's request clock: every request to the engine's host takes a permit here, so the
 * window counts what the server counts (arrivals: from the send, until the answer or at most
 * `maxSkewMs` later). A 429's Retry-After pauses every request until then. Self-contained (no
 * queue, no engine): a RequestQueue reserves a permit per attempt; an adapter's side requests
 * (usage, glossaries, language lists) `acquire()` one.
 */
export class RateController {
  readonly mode: RateMode;
  private readonly window: SlidingWindow;
  private readonly pace: AdaptivePace | undefined;
  private readonly aimd: AimdRate | undefined;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private pausedUntil = 0;
  /** Waiting reservations, told when the adaptive cap changes or a Retry-After pause begins. */
  private readonly listeners = new Set<() => void>();
  /** Sends of the last two intervals: what the server let through before a 429. */
  private recent: Array<{ sentAt: number; limited: boolean }> = [];

  constructor(settings: RateSettings) {
    this.mode = settings.mode ?? 'fixed';
    this.now = settings.now ?? (() => performance.now());
    this.intervalMs = settings.intervalMs;
    const skew = settings.maxSkewMs ?? (this.mode === 'fixed' ? settings.intervalMs : ADAPTIVE_MAX_SKEW_MS);
    if (this.mode === 'fixed') {
      this.pace = new AdaptivePace(settings.intervalMs / settings.requestsPerInterval, this.now);
    } else {
      const perSecond = settings.maxRequestsPerSecond ?? Math.max(DEFAULT_MAX_REQUESTS_PER_SECOND, (settings.requestsPerInterval * 1000) / settings.intervalMs);
      const ceiling = Math.max(1, Math.floor((perSecond * settings.intervalMs) / 1000));
      this.aimd = new AimdRate(settings.requestsPerInterval, ceiling, this.now, settings.intervalMs, (change) => {
        this.window.cap = change.cap;
        settings.onChange?.(change);
        this.notify();
      });
    }
    this.window = new SlidingWindow(this.aimd?.cap ?? settings.requestsPerInterval, settings.intervalMs, skew, this.now);
  }

  /** Requests per interval allowed now. */
  get cap(): number {
    return this.window.cap;
  }

  /** `adaptive`: what the server let through per interval before its last 429. */
  get limit(): number | undefined {
    return this.aimd?.limit;
  }

  /** Reserves the earliest start at or after `earliest` (default now). Call `permit.sent()` when sending. */
  reserve(earliest = this.now()): RateReservation {
    const now = this.now();
    const paceMs = this.pace ? this.pace.reserve() : Math.max(0, this.pausedUntil - now);
    // Adaptive: starts at least half an average gap apart, so a cap above the server's limit sends
    // a few requests too many before the first 429 comes back, not a whole burst.
    const base = Math.max(earliest, now + paceMs);
    const { waitMs, slot } = this.window.reserve(base, this.aimd ? this.intervalMs / (SPACING * this.aimd.cap) : 0);
    if (this.aimd && now + waitMs > base) this.aimd.heldBack(); // the rate (cap or spacing), not a pause, held it
    return { waitMs, paced: paceMs > 0, permit: this.permit(slot) };
  }

  /**
   * `adaptive`: calls `listener` once, at the next change of the cap or the next Retry-After pause,
   * so a request waiting for a start reserved under the old cap can release it and reserve again
   * (a raised cap applies at once, not one interval later; a lowered one or a pause holds back
   * starts reserved before it). Never called in `fixed` mode. Returns the unsubscribe.
   */
  onNextChange(listener: () => void): () => void {
    if (this.aimd === undefined) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Waits for a permit and marks it sent (side requests outside a queue); a cap change while it
   * waits reserves its start again.
   */
  async acquire(sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<RatePermit> {
    for (;;) {
      const { waitMs, permit } = this.reserve();
      if (waitMs <= 0) {
        permit.sent();
        return permit;
      }
      let changed = false;
      let off = () => undefined as unknown;
      const change = new Promise<void>((resolve) => {
        off = this.onNextChange(() => {
          changed = true;
          permit.release();
          resolve();
        });
      });
      await Promise.race([sleep(waitMs), change]);
      off();
      if (!changed) {
        permit.sent();
        return permit;
      }
    }
  }

  /** Tells (and forgets) every waiting listener: in the order they subscribed. */
  private notify(): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }

  private permit(slot: WindowSlot): RatePermit {
    const entry = { sentAt: Number.NaN, limited: false };
    let settled = false;
    return {
      sent: () => {
        slot.sent();
        const first = Number.isNaN(entry.sentAt);
        entry.sentAt = this.now();
        if (first) this.remember(entry);
      },
      release: () => {
        if (settled) return;
        settled = true;
        slot.release();
      },
      done: (result, retryAfterMs) => {
        if (settled) return;
        settled = true;
        slot.done();
        const sentAt = Number.isNaN(entry.sentAt) ? this.now() : entry.sentAt;
        if (result === 'ok') {
          this.pace?.succeeded();
          this.aimd?.succeeded(sentAt);
        } else if (result === 'rate-limited') {
          entry.limited = true;
          this.rateLimited(sentAt, retryAfterMs);
        }
      },
    };
  }

  private rateLimited(sentAt: number, retryAfterMs: number | undefined): void {
    if (this.pace) return this.pace.rateLimited(retryAfterMs, sentAt);
    const paused = retryAfterMs !== undefined && this.now() + retryAfterMs > this.pausedUntil;
    if (paused) this.pausedUntil = this.now() + retryAfterMs;
    const allowed = this.recent.filter((r) => !r.limited && r.sentAt < sentAt && r.sentAt >= sentAt - this.intervalMs).length;
    this.aimd?.rateLimited(sentAt, allowed);
    if (paused) this.notify(); // no-op when the decrease told them already
  }

  private remember(entry: { sentAt: number; limited: boolean }): void {
    const since = this.now() - 2 * this.intervalMs;
    if (this.recent.length > 0 && (this.recent[0] as { sentAt: number }).sentAt < since) this.recent = this.recent.filter((r) => r.sentAt >= since);
    this.recent.push(entry);
  }
}
