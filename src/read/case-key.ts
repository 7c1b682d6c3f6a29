/*
 * Grouping texts by `text.toLowerCase()` without keeping a lower-cased copy of each: a 20 MB page
 * would otherwise hold a second 20 MB of strings only to find repeats. `caseHash` is a function of
 * `text.toLowerCase()` alone (equal lower-cased texts hash alike), so it buckets the texts and only
 * texts of one bucket are lower-cased and compared.
 *
 * Why it is a function of the lower-cased text: lower-casing maps each BMP code unit to BMP code
 * units and each astral code point to an astral one (tests/case-key.test.ts checks every code
 * point), one unit to one unit except `İ` (U+0130 → `i` U+0307), and its only context rule is the
 * Greek final sigma (σ or ς, hashed alike). So the hash mixes the lower-cased BMP units, skips
 * surrogates, and reads `İ` as its two units.
 */

/** Lower-cased BMP code unit + 1 (0 = not computed yet). */
const lowerUnit = new Uint32Array(0x10000);
const CAPITAL_I_DOT = 0x130;
const FINAL_SIGMA = 0x3c2;
const SIGMA = 0x3c3;

function lowerOf(code: number): number {
  let cached = lowerUnit[code] as number;
  if (cached === 0) {
    cached = String.fromCharCode(code).toLowerCase().charCodeAt(0) + 1;
    lowerUnit[code] = cached;
  }
  return cached - 1;
}

function mix(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** A 32-bit FNV-1a hash of the lower-cased text's BMP units (see above). */
export function caseHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) hash = mix(hash, code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
    else if (code >= 0x430 && code <= 0x45f) hash = mix(hash, code);
    else if (code >= 0x410 && code <= 0x42f) hash = mix(hash, code + 0x20);
    else if (code >= 0xd800 && code <= 0xdfff) continue;
    else if (code === CAPITAL_I_DOT) hash = mix(mix(hash, 0x69), 0x307);
    else {
      const lower = lowerOf(code);
      hash = mix(hash, lower === FINAL_SIGMA ? SIGMA : lower);
    }
  }
  return hash >>> 0;
}

/**
 * Texts grouped by their lower-cased form: each text is hashed once, and lower-cased copies are
 * made only for texts whose hash another text shares.
 */
export class CaseGroups {
  private readonly hashes: Uint32Array;
  private readonly firstByHash = new Map<number, number>();
  private readonly byLower = new Map<number, Map<string, number>>();

  constructor(private readonly texts: readonly string[]) {
    this.hashes = Uint32Array.from(texts, caseHash);
  }

  /** `texts[i].toLowerCase() === texts[j].toLowerCase()`. */
  same(i: number, j: number): boolean {
    return this.hashes[i] === this.hashes[j] && (this.texts[i] as string).toLowerCase() === (this.texts[j] as string).toLowerCase();
  }

  /** The first index before `i` whose text lower-cases like `texts[i]`, or -1; call in index order. */
  firstOf(i: number): number {
    const hash = this.hashes[i] as number;
    const first = this.firstByHash.get(hash);
    if (first === undefined) {
      this.firstByHash.set(hash, i);
      return -1;
    }
    let group = this.byLower.get(hash);
    if (group === undefined) {
      group = new Map([[(this.texts[first] as string).toLowerCase(), first]]);
      this.byLower.set(hash, group);
    }
    const lower = (this.texts[i] as string).toLowerCase();
    const earlier = group.get(lower);
    if (earlier !== undefined) return earlier;
    group.set(lower, i);
    return -1;
  }
}
