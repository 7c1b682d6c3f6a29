import type { PlaceholderKind } from './protect-types.js';
import type { RawToken } from './raw-token.js';

/** Stands for a claimed code unit in `masked`: not a letter, digit, space or markup character. */
const CLAIMED = '\uFFFC';
/** Stands for a shielded code unit (e.g. a Markdown backslash escape): text, but no pass may match it. */
const SHIELDED = '\u0001';

/**
 * Non-overlapping spans of a text claimed as tokens, pass after pass. Each pass searches `masked`,
 * where claimed and shielded code units are replaced one for one (offsets stay valid), so a later
 * pass can neither match inside an earlier claim nor see a shielded character.
 */
export class SpanClaims {
  readonly text: string;
  #masked: string;
  readonly #claims: Array<{ start: number; end: number; token: RawToken }> = [];

  constructor(text: string, shield?: RegExp) {
    this.text = text;
    this.#masked = shield === undefined ? text : text.replace(shield, (m) => SHIELDED.repeat(m.length));
  }

  /** True when no code unit of [start, end) is claimed yet. */
  isFree(start: number, end: number): boolean {
    return !this.#masked.slice(start, end).includes(CLAIMED);
  }

  /** Claims [start, end) as `token` when it is free; returns whether it did. */
  claim(start: number, end: number, token: RawToken): boolean {
    if (start >= end || !this.isFree(start, end)) return false;
    this.#claims.push({ start, end, token });
    this.#masked = this.#masked.slice(0, start) + CLAIMED.repeat(end - start) + this.#masked.slice(end);
    return true;
  }

  /** Claims a whole match of `scan` as a placeholder; its raw is taken from the original text. */
  claimPlaceholder(match: RegExpExecArray, kind: PlaceholderKind, length = match[0].length): boolean {
    const raw = this.text.slice(match.index, match.index + length);
    return this.claim(match.index, match.index + length, { type: 'placeholder', raw, kind });
  }

  /** Calls `onMatch` for every match of the global `pattern` in `masked` as it is when the pass starts. */
  scan(pattern: RegExp, onMatch: (match: RegExpExecArray) => void): void {
    for (const match of this.#masked.matchAll(pattern)) onMatch(match);
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
