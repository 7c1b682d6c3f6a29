/** Before the first 429 the cap doubles per clean window (slow start, as TCP does). */
export const SLOW_START_FACTOR = 2;
/** On a 429 the cap is multiplied by this (or lowered to what the server let through, if less). */
export const DECREASE_FACTOR = 0.5;
/** Clean windows at the learned limit before the cap probes one request above it. */
export const PROBE_AFTER_WINDOWS = 30;

export interface RateChange {
  /** The cap now: requests per interval. */
  cap: number;
  /** What the server let through in one interval before its last 429 (undefined: no 429 yet). */
  limit: number | undefined;
  reason: 'increase' | 'probe' | 'decrease';
}

/**
 * The adaptive cap of a rate window (AIMD): how many requests per interval the queue allows itself.
 * - A *clean window* is `cap` answers without 429, for requests sent since the last change, while the
 *   cap was what held requests back (a queue that never fills its window does not raise it).
 * - Increase: before any 429, × SLOW_START_FACTOR per clean window; after one, additively
 *   (+ ⌈limit ÷ 4⌉ per clean window) back up to the learned limit, then + 1 after
 *   PROBE_AFTER_WINDOWS clean windows at it (so a raised account limit is found again).
 * - Decrease, on a 429: cap × DECREASE_FACTOR, or the learned `limit` when that is less: what the
 *   server let through in the interval before that request, or the largest lower cap that went
 *   clean since the last decrease, whichever is more. Requests sent before a decrease
 *   or within one interval after it that come back 429 too belong to the same episode: they do
 *   not lower it again.
 * - Never above `ceiling`, never below 1.
 */
export class AimdRate {
  private current: number;
  private learned: number | undefined;
  private clean = 0;
  /** The largest cap that completed a clean window since the last decrease: the server took that much. */
  private proven = 0;
  private windowsAtLimit = 0;
  private capBound = false;
  private changedAt = Number.NEGATIVE_INFINITY;
  private decreasedAt = Number.NEGATIVE_INFINITY;

  constructor(
    start: number,
    private readonly ceiling: number,
    private readonly now: () => number,
    private readonly intervalMs: number,
    private readonly onChange: (change: RateChange) => void = () => undefined,
  ) {
    this.current = Math.max(1, Math.min(Math.floor(start), ceiling));
  }

  get cap(): number {
    return this.current;
  }

  get limit(): number | undefined {
    return this.learned;
  }

  /** A request had to wait for the cap (not for a pause): the window is in use. */
  heldBack(): void {
    this.capBound = true;
  }

  /** An answer without 429, for a request sent at `sentAt`. */
  succeeded(sentAt: number): void {
    if (sentAt < this.changedAt) return; // sent under the previous cap
    if (++this.clean < this.current || !this.capBound) return;
    this.proven = Math.max(this.proven, this.current);
    if (this.learned === undefined) return this.set(this.current * SLOW_START_FACTOR, 'increase');
    if (this.current < this.learned) return this.set(Math.min(this.learned, this.current + Math.max(1, Math.ceil(this.learned / 4))), 'increase');
    if (++this.windowsAtLimit < PROBE_AFTER_WINDOWS || this.current >= this.ceiling) {
      this.clean = 0;
      return;
    }
    this.learned = this.current + 1;
    this.set(this.current + 1, 'probe');
  }

  /** A 429 for a request sent at `sentAt`; `allowed`: our requests the server took in the interval before it. */
  rateLimited(sentAt: number, allowed: number): void {
    // The same episode: sent before the last decrease, or within one interval after it (reserved
    // under the old cap, or the server's window still holding what was sent before).
    if (sentAt < this.decreasedAt + this.intervalMs) return;
    // The limit is at least a cap that went clean below this one (a count of our own sends can miss
    // one or two the server saw in its window); a 429 at a cap that went clean means one less.
    this.learned = Math.max(1, allowed, this.proven < this.current ? this.proven : this.current - 1);
    this.proven = 0;
    this.decreasedAt = this.now();
    this.set(Math.min(Math.floor(this.current * DECREASE_FACTOR), this.learned), 'decrease');
  }

  private set(cap: number, reason: RateChange['reason']): void {
    const next = Math.max(1, Math.min(Math.floor(cap), this.ceiling));
    this.clean = 0;
    if (next === this.current && reason !== 'decrease') return; // at the ceiling already
    this.current = next;
    this.windowsAtLimit = 0;
    this.capBound = false;
    this.changedAt = this.now();
    this.onChange({ cap: this.current, limit: this.learned, reason });

  }
}
