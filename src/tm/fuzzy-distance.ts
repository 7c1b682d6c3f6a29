/**
 * The two primitives of fuzzy matching: the folded form texts are compared in, and a Levenshtein
 * distance that gives up once it exceeds a bound. Lengths and edits count UTF-16 code units (every
 * Russian, Kazakh and Chinese letter is one).
 */

/** NFC, lower case, every whitespace run as one space, trimmed: case and spacing are not edits. */
export function foldForMatch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

let previousRow = new Int32Array(256);
let currentRow = new Int32Array(256);

/**
 * Levenshtein distance (insert, delete, substitute: cost 1 each) between `a` and `b` when it is at
 * most `max`, else `max + 1`. Only the diagonal band |i − j| ≤ max is computed and the scan stops
 * as soon as a whole row exceeds `max`: O(max · min(|a|, |b|)) time after stripping the common
 * prefix and suffix.
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  const over = max + 1;
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > max) return over;
  let start = 0;
  while (start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const rows = endA - start; // the longer remainder, one DP row per character
  const cols = endB - start;
  if (cols === 0) return rows <= max ? rows : over;
  if (previousRow.length <= cols) {
    previousRow = new Int32Array(cols * 2 + 1);
    currentRow = new Int32Array(cols * 2 + 1);
  }
  let prev = previousRow;
  let cur = currentRow;
  for (let j = 0; j <= cols; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= rows; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(cols, i + max);
    // The cell left of the band: column 0 is a real cell (i deletions), anything else is out of band.
    cur[low - 1] = low === 1 && i <= max ? i : over;
    let rowMin = cur[low - 1] as number;
    const ch = a.charCodeAt(start + i - 1);
    for (let j = low; j <= high; j++) {
      const substitute = (prev[j - 1] as number) + (ch === b.charCodeAt(start + j - 1) ? 0 : 1);
      const remove = (prev[j] as number) + 1;
      const insert = (cur[j - 1] as number) + 1;
      let value = substitute < remove ? substitute : remove;
      if (insert < value) value = insert;
      if (value > over) value = over;
      cur[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // The next row reads prev[high + 1] as "above": out of band.
    if (high < cols) cur[high + 1] = over;
    if (rowMin > max) return over;
    [prev, cur] = [cur, prev];
  }
  const distance = prev[cols] as number;
  return distance <= max ? distance : over;
}
