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
  /** When the penalty last grew: a 429 for a request sent before then was already paid for. */
  private penalizedAt = Number.NEGATIVE_INFINITY;

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

  /**
   * The engine said "too many requests", optionally with how long to wait. `sentAt`: when that
   * request was sent; requests in flight together that all get 429 double the penalty once, not
   * once each (four concurrent 429s must not mean a 16× slower queue).
   */
  rateLimited(retryAfterMs: number | undefined, sentAt?: number): void {
    if (sentAt === undefined || sentAt >= this.penalizedAt) {
      this.penalty = Math.min(this.maxPenalty, this.penalty * 2);
      this.penalizedAt = this.now();
    }
    // The next start also waits one (penalised) gap: right after a 429 is the worst time to send.
    this.nextStartAt = Math.max(this.nextStartAt, this.now() + this.baseGapMs * this.penalty);
    if (retryAfterMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
  }

  succeeded(): void {
    this.penalty = Math.max(1, this.penalty * 0.9);
  }

  get currentPenalty(): number {
    return this.penalty;
  }
}
