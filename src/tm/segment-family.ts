/**
 * Whether a TM entry's source is a variant of a segment (the same sentence, reworded) or a
 * different sentence that merely looks alike. A fuzzy match is offered only within a family:
 * «№ 121 … в Сиане» is a different segment from «№ 1 … в Ашхабаде», however similar the words.
 *
 * Two segments are one family when they carry the same numbers (as values: `3,6` = `3.6`, full-width
 * digits folded, in any order) and the same names (capitalised words after the first, matched up to a
 * Russian or Kazakh inflected ending: «Сиань» = «Сиане», «Токаев» = «Токаева»).
 */
export function sameSegmentFamily(a: string, b: string): boolean {
  return sameMultiset(numbersOf(a), numbersOf(b), (x, y) => x === y) && sameMultiset(namesOf(a), namesOf(b), sameName);
}

const NUMBER = /\p{Nd}+(?:[.,]\p{Nd}+)*/gu;
const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;

function numbersOf(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(NUMBER)].map((m) => m[0].replace(/,/gu, '.').replace(/^0+(?=\d)/u, ''));
}

/** Capitalised words that do not start the text: the names and proper nouns of a sentence. */
function namesOf(text: string): string[] {
  const words = [...text.matchAll(WORD)].map((m) => m[0]);
  return words.slice(1).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLocaleLowerCase('ru'));
}

/** One name in two inflections: the shorter is a prefix of the longer except for its last two letters at most. */
function sameName(x: string, y: string): boolean {
  const [short, long] = x.length <= y.length ? [[...x], [...y]] : [[...y], [...x]];
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= Math.max(3, short.length - 2) && long.length - common <= 3;
}

/** Every item of one list pairs with a distinct item of the other. */
function sameMultiset(xs: readonly string[], ys: readonly string[], same: (x: string, y: string) => boolean): boolean {
  if (xs.length !== ys.length) return false;
  const left = [...ys];
  for (const x of xs) {
    const i = left.findIndex((y) => same(x, y));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}
