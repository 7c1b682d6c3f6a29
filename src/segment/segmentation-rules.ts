/**
 * Language rules for the merge pass over `Intl.Segmenter` output.
 *
 * Every list holds abbreviations written the way they appear in text. Conventions:
 * - A space after a dot, or a dot followed directly by a letter, is optional in the text:
 *   `т. е.` also matches `т.е.`; a space after a word without a dot is required (`млн долл.`).
 * - An entry without a final dot (`млн`, `р-н`) matches that word followed by a dot (`млн.`),
 *   since `Intl.Segmenter` only breaks after a full stop.
 * - Matching ignores case, so `См.` at a sentence start is covered by `см.`.
 */
export interface SegmentationRules {
  /** BCP 47 tag passed to `Intl.Segmenter`. */
  readonly locale: string;
  /** Never end a sentence, whatever follows: `проф. Иванов`, `в г. Сиань`. */
  readonly noBreak: readonly string[];
  /** End a sentence only when what follows looks like a sentence start: `и др.`, `и т. д.`. */
  readonly ambiguous: readonly string[];
  /**
   * Ambiguous only right after an Arabic or Roman number (`в 2025 г.`, `в XX в.`, `1990-х гг.`);
   * list them in `noBreak` as well if they never end a sentence elsewhere (`в г. Москва`).
   */
  readonly ambiguousAfterNumber: readonly string[];
  /** Capital letters that are not initials when followed by a dot (Roman numerals: `Пётр I.`). */
  readonly notInitials: readonly string[];
  /** Words or signs that may precede a heading number: `§ 3.`, `Статья 5.`. */
  readonly headingPrefixes: readonly string[];
}

/** Additions to a rule set; lists are appended to the base lists, duplicates dropped. */
export type RulesExtension = {
  readonly locale?: string;
} & {
  readonly [K in Exclude<keyof SegmentationRules, 'locale'>]?: readonly string[];
};

const listKeys = [
  'noBreak',
  'ambiguous',
  'ambiguousAfterNumber',
  'notInitials',
  'headingPrefixes',
] as const satisfies readonly Exclude<keyof SegmentationRules, 'locale'>[];

/** Returns a new rule set: `base` with the lists of `extra` appended (base is not modified). */
export function extendRules(base: SegmentationRules, extra: RulesExtension): SegmentationRules {
  const merged: Record<(typeof listKeys)[number], readonly string[]> = { ...base };
  for (const key of listKeys) {
    const added = extra[key];
    if (added !== undefined) merged[key] = [...new Set([...base[key], ...added])];
  }
  return { ...merged, locale: extra.locale ?? base.locale };
}
