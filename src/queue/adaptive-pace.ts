/**
 * Slows every request of an account after a rate-limit answer, not just the one that saw it.
 * Invariant: no request starts before `pausedUntil`, and while `penalty` > 1 consecutive starts
 * are at least `penalty × baseGapMs` apart. The penalty doubles on each 429 and decays by 10 %
 * on each success, so the rate recovers once 429s stop.
 */
export class AdaptivePace {
  private pausedUntil = 0;
  private nextStartAt = 0;
  private penalty = 1;

  constructor(
    private readonly baseGapMs: number,
    private readonly now: () => number,
    private readonly maxPenalty = 32,
  ) {}

  /** Milliseconds the next request must wait; reserves its start slot. */
  reserve(): number {
    const now = this.now();
    let start = Math.max(now, this.pausedUntil);
    if (this.penalty > 1) {
      start = Math.max(start, this.nextStartAt);
      this.nextStartAt = start + this.baseGapMs * this.penalty;
    }
    return start - now;
  }

  /** The engine said "too many requests", optionally with how long to wait. */
  rateLimited(retryAfterMs: number | undefined): void {
    this.penalty = Math.min(this.maxPenalty, this.penalty * 2);
    if (retryAfterMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
  }

  succeeded(): void {
    this.penalty = Math.max(1, this.penalty * 0.9);
  }

  get currentPenalty(): number {
    return this.penalty;
  }
}
