import type { PlaceholderKind } from './protect-types.js';
import type { RawToken } from './raw-token.js';

/** Stands for a claimed code unit in `masked`: not a letter, digit, space or markup character. */
const CLAIMED = '\uFFFC';
/** Stands for a shielded code unit (e.g. a Markdown backslash escape): text, but no pass may match it. */
const SHIELDED = '\u0001';
const FREE = 0;
const CLAIMED_UNIT = 1;
const SHIELDED_UNIT = 2;

/**
 * Non-overlapping spans of a text claimed as tokens, pass after pass. Each pass searches `masked`,
 * where claimed and shielded code units are replaced one for one (offsets stay valid), so a later
 * pass can neither match inside an earlier claim nor see a shielded character.
 */
export class SpanClaims {
  readonly text: string;
  /** Per code unit: FREE, CLAIMED_UNIT or SHIELDED_UNIT. A claim marks its range here in O(length). */
  readonly #state: Uint8Array;
  /** `masked` as of the last pass; rebuilt from `#state` (O(n)) only when a pass starts after new claims. */
  #masked: string | undefined;
  readonly #claims: Array<{ start: number; end: number; token: RawToken }> = [];

  constructor(text: string, shield?: RegExp) {
    this.text = text;
    this.#state = new Uint8Array(text.length);
    if (shield !== undefined) for (const m of text.matchAll(shield)) this.#state.fill(SHIELDED_UNIT, m.index, m.index + m[0].length);
  }

  /** True when no code unit of [start, end) is claimed yet. */
  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.#state[i] === CLAIMED_UNIT) return false;
    return true;
  }

  /**
   * Claims [start, end) as `token` when it is free; returns whether it did. Marks the range only:
   * rebuilding the masked string at each claim made a text of n tokens cost n² (a line of 8,000
   * `<b>a</b>` took seconds).
   */
  claim(start: number, end: number, token: RawToken): boolean {
    if (start >= end || !this.isFree(start, end)) return false;
    this.#claims.push({ start, end, token });
    this.#state.fill(CLAIMED_UNIT, start, end);
    this.#masked = undefined;
    return true;
  }

  /** Claims a whole match of `scan` as a placeholder; its raw is taken from the original text. */
  claimPlaceholder(match: RegExpExecArray, kind: PlaceholderKind, length = match[0].length): boolean {
    const raw = this.text.slice(match.index, match.index + length);
    return this.claim(match.index, match.index + length, { type: 'placeholder', raw, kind });
  }

  /** Calls `onMatch` for every match of the global `pattern` in `masked` as it is when the pass starts. */
  scan(pattern: RegExp, onMatch: (match: RegExpExecArray) => void): void {
    for (const match of this.#maskedText().matchAll(pattern)) onMatch(match);
  }

  /**
   * Calls `onSpan` for each `open` … first `close` after it, leftmost first and not overlapping: the
   * matches of the lazy pattern `open[\s\S]*?close`, found in linear time (that pattern rescans to
   * the end from every unclosed `open`, n² on a line of them).
   */
  scanBetween(open: string, close: string, onSpan: (start: number, end: number) => void): void {
    const masked = this.#maskedText();
    for (let at = masked.indexOf(open); at >= 0; ) {
      const closing = masked.indexOf(close, at + open.length);
      if (closing < 0) return; // no later `open` can close either
      onSpan(at, closing + close.length);
      at = masked.indexOf(open, closing + close.length);
    }
  }

  /** The text with claimed and shielded code units replaced one for one (offsets stay valid). */
  #maskedText(): string {
    if (this.#masked !== undefined) return this.#masked;
    const parts: string[] = [];
    let runStart = 0;
    for (let i = 0; i <= this.text.length; i++) {
      const state = i < this.text.length ? this.#state[i]! : -1;
      if (i > runStart && (i === this.text.length || state !== this.#state[runStart])) {
        const kind = this.#state[runStart]!;
        parts.push(kind === FREE ? this.text.slice(runStart, i) : (kind === CLAIMED_UNIT ? CLAIMED : SHIELDED).repeat(i - runStart));
        runStart = i;
      }
    }
    this.#masked = parts.join('');
    return this.#masked;
  }

  /** The claims in text order, with the unclaimed text between them. */
  tokens(): RawToken[] {
    const claims = [...this.#claims].sort((a, b) => a.start - b.start);
    const out: RawToken[] = [];
    let at = 0;
    for (const c of claims) {
      if (c.start > at) out.push({ type: 'text', text: this.text.slice(at, c.start) });
      out.push(c.token);
      at = c.end;
    }
    if (at < this.text.length) out.push({ type: 'text', text: this.text.slice(at) });
    return out;
  }
}
