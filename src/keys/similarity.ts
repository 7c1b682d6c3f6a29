/**
 * Text similarity for matching edited blocks: Dice coefficients 2·|A∩B| / (|A|+|B|) in [0, 1]
 * over multisets of character bigrams and of words, on lowercased text. Each text is reduced once
 * to sorted arrays (a Fingerprint), so a comparison is a linear merge.
 */
export interface Fingerprint {
  /** Character bigrams (whitespace collapsed) as sorted numbers. */
  grams: Float64Array;
  /** Words (runs of letters and digits) as ids from the caller's dictionary, sorted. */
  words: Float64Array;
}

/**
 * Fingerprint of `text`. Texts compared with each other must share one `wordIds` dictionary
 * (it grows as new words are seen), so that a word has the same id in each.
 */
export function fingerprint(text: string, wordIds: Map<string, number>): Fingerprint {
  const s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const grams = new Float64Array(Math.max(s.length - 1, 0));
  for (let i = 0; i + 1 < s.length; i++) grams[i] = s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
  const words = (s.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => {
    let id = wordIds.get(word);
    if (id === undefined) wordIds.set(word, (id = wordIds.size));
    return id;
  });
  return { grams: grams.sort(), words: Float64Array.from(words).sort() };
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

function dice(a: Float64Array, b: Float64Array): number {
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
