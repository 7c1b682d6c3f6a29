/**
 * Text similarity for matching edited blocks: Dice coefficients 2·|A∩B| / (|A|+|B|) in [0, 1]
 * over multisets of character bigrams and of words, on lowercased text. Each text is reduced once
 * to sorted arrays (a Fingerprint), so a comparison is a linear merge.
 */
export interface Fingerprint {
  /** Character bigrams (whitespace collapsed) as sorted numbers. */
  grams: Float64Array;
  /** Words (runs of letters and digits), sorted. */
  words: string[];
}

export function fingerprint(text: string): Fingerprint {
  const s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const grams = new Float64Array(Math.max(s.length - 1, 0));
  for (let i = 0; i + 1 < s.length; i++) grams[i] = s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
  return { grams: grams.sort(), words: (s.match(/[\p{L}\p{N}]+/gu) ?? []).sort() };
}

/** Upper bound of charDice(a, b) from the sizes alone, to skip hopeless pairs cheaply. */
export function charDiceBound(a: Fingerprint, b: Fingerprint): number {
  const total = a.grams.length + b.grams.length;
  return total === 0 ? 0 : (2 * Math.min(a.grams.length, b.grams.length)) / total;
}

/** Dice over character bigrams: tolerant of small edits inside words. */
export function charDice(a: Fingerprint, b: Fingerprint): number {
  return dice(a.grams, b.grams);
}

/** Dice over words: tells apart texts whose bigrams coincide (`1911` / `1191`, `110` / `1110`). */
export function wordDice(a: Fingerprint, b: Fingerprint): number {
  return dice(a.words, b.words);
}

function dice<T extends number | string>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  const total = a.length + b.length;
  if (total === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / total;
}
