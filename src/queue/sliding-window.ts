/**
 * A sliding-window rate cap on when requests reach the server: at most `cap` in any `intervalMs`.
 * The server counts a request when it arrives, which is somewhere between our send and our receipt
 * of its answer; the send→arrival delay varies (a cold first connection arrives ~100 ms later than a
 * warm one), so a window over send times alone lets `cap + 1` arrivals into one interval (429s).
 * Each slot is therefore anchored at the latest moment its request can have arrived: its answer's
 * receipt, but at most `maxSkewMs` after its send (so a slow engine still gets ≥ interval ÷
 * (interval + maxSkewMs) of the cap); while it is in flight, at send + maxSkewMs. The cost is one
 * round trip per `cap` requests: interval ÷ (interval + RTT) of the cap (95 % at 50 ms, 1 s).
 */
export interface WindowSlot {
  /** Call when the request is really sent. */
  sent(): void;
  /** Call when its answer (or failure) is received. */
  done(): void;
  /** It was never sent: its place is free again (to be reserved anew under a changed cap). */
  release(): void;
}

export class SlidingWindow {
  private slots: Array<{ start: number; anchor: number }> = [];

  constructor(
    /** Requests per interval; an adaptive rate changes it (a lower cap makes the next start wait for older slots to expire). */
    public cap: number,
    private readonly intervalMs: number,
    private readonly maxSkewMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Reserves the earliest start at or after `earliest` (default now) and at least `gapMs` after the
   * latest start reserved so far: the wait in ms, and the slot.
   */
  reserve(earliest = this.now(), gapMs = 0): { waitMs: number; slot: WindowSlot } {
    const now = this.now();
    this.slots = this.slots.filter((s) => s.anchor > now - this.intervalMs);
    let start = Math.max(now, earliest, ...this.slots.map((s) => s.start + gapMs));
    if (this.slots.length >= this.cap) {
      const anchors = this.slots.map((s) => s.anchor).sort((a, b) => b - a);
      start = Math.max(start, (anchors[this.cap - 1] as number) + this.intervalMs);
    }
    const entry = { start, anchor: start + this.maxSkewMs };
    const slot: WindowSlot = {
      sent: () => {
        entry.start = this.now();
        entry.anchor = entry.start + this.maxSkewMs;
      },
      done: () => {
        entry.anchor = Math.min(entry.anchor, this.now());
      },
      release: () => {
        this.slots = this.slots.filter((s) => s !== entry);
      },
    };
    this.slots.push(entry);
    return { waitMs: start - now, slot };
  }
}
