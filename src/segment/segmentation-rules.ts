/**
 * Language rules for sentence segmentation, as data (one file per language: `rules-ru.ts`).
 *
 * The segmenter finds every *candidate* boundary: just after a run of sentence-final punctuation
 * (`.`, `?`, `!`, `…`, `?!`, `!..`, the Unicode sentence terminators such as `。`), with the
 * closing quotes, brackets and emoji that follow it, after `;`, after an emoticon (`;)`, `))`) and
 * after emoji. A line break is
 * always a boundary. At each candidate the `rules` are tried in order, SRX style: the first rule
 * whose left and right contexts both match decides "break" or "no break"; when none matches, the
 * candidate is a boundary.
 *
 * Abbreviation lists are written the way they appear in text. Conventions:
 * - A space after a dot, or a dot followed directly by a letter, is optional in the text:
 *   `т. е.` also matches `т.е.`; a space after a word without a dot is required (`млн долл.`).
 * - An entry without a final dot (`млн`, `р-н`) matches that word followed by a dot (`млн.`).
 * - The first letter matches either case, so `См.` at a sentence start is covered by `см.`; the
 *   other letters match as written (`Н. Э.` is two initials, not `н. э.`).
 * - When several entries end at the same dot, the longest decides (`и т. п.` is ambiguous even
 *   though `п.` = «пункт» never ends a sentence); an entry of `ambiguousAfterNumber` that matches
 *   (`2025 г.`) goes before the plain entry (`г.` = «город»).
 */
export interface SegmentationRules {
  /** BCP 47 tag of the language the rules are for. */
  readonly locale: string;
  /** Abbreviations that never end a sentence, whatever follows: `проф. Иванов`, `в г. Сиань`, `т. е.`. */
  readonly noBreak: readonly string[];
  /**
   * Abbreviations that end a sentence only when what follows starts one (a capital, a quote or a
   * dash before a capital, a date): `и др.`, `и т. д.`, `млрд.`, `руб.`. Never before a lowercase word.
   */
  readonly ambiguous: readonly string[];
  /**
   * Ambiguous only right after an Arabic or Roman number (`в 2025 г.`, `в XX в.`, `1990-х гг.`);
   * list them in `noBreak` as well if they never end a sentence elsewhere (`в г. Москва`).
   */
  readonly ambiguousAfterNumber: readonly string[];
  /** Abbreviations that take a number (`рис. 3`, `табл. 2`): no break before a digit, ambiguous otherwise. */
  readonly takesNumber: readonly string[];
  /** Capital letters that are not initials when followed by a dot (Roman numerals: `Пётр I.`). */
  readonly notInitials: readonly string[];
  /** Words or signs that may precede a heading number: `§ 3.`, `Статья 5.`. */
  readonly headingPrefixes: readonly string[];
  /** The ordered break / no-break rules; the first that matches a candidate decides. */
  readonly rules: readonly BreakRule[];
}

/** How an abbreviation list entry ending at a candidate's dot classifies it. */
export type AbbreviationClass = 'noBreak' | 'ambiguous' | 'takesNumber';

/**
 * One rule: "left context | right context → break or no break". Every condition given must hold;
 * a rule with none matches every candidate. Patterns are regular expression sources (`u` flag).
 */
export interface BreakRule {
  /** A short id, shown by tests and in docs. */
  readonly name: string;
  /** `true`: the candidate is a sentence boundary; `false`: the sentence goes on. */
  readonly break: boolean;
  /**
   * The candidate's punctuation is exactly this (anchored at both ends): `\.`, `;`, `\)+`. Cheap:
   * give it whenever a rule is about one kind of punctuation.
   */
  readonly punctuation?: string;
  /**
   * The text before the candidate ends with this (it is anchored at the end). It sees the
   * sentence-final punctuation and closing quotes, and at most 24 characters of the line.
   */
  readonly before?: string;
  /**
   * The sentence so far (from its start to the candidate, at most its last 300 characters) matches
   * this; anchor it yourself.
   */
  readonly sentence?: string;
  /** The text after the candidate starts with this (whitespace included: `\s+\p{Lu}`). */
  readonly after?: string;
  /** The last word before the candidate's dot is an entry of this abbreviation class. */
  readonly abbreviation?: AbbreviationClass;
  /** The sentence so far is only a heading or list number: `4.`, `8.1.`, `IV.`, `§2.`. */
  readonly heading?: boolean;
  /** `before` and `after` ignore case. */
  readonly ignoreCase?: boolean;
}

type ListKey = Exclude<keyof SegmentationRules, 'locale' | 'rules'>;

/** Additions to a rule set; lists are appended to the base lists, duplicates dropped. */
export type RulesExtension = {
  readonly locale?: string;
} & {
  readonly [K in ListKey]?: readonly string[];
};

const listKeys = [
  'noBreak',
  'ambiguous',
  'ambiguousAfterNumber',
  'takesNumber',
  'notInitials',
  'headingPrefixes',
] as const satisfies readonly ListKey[];

/** Returns a new rule set: `base` with the lists of `extra` appended (base is not modified). */
export function extendRules(base: SegmentationRules, extra: RulesExtension): SegmentationRules {
  const merged: Record<ListKey, readonly string[]> = { ...base };
  for (const key of listKeys) {
    const added = extra[key];
    if (added !== undefined) merged[key] = [...new Set([...base[key], ...added])];
  }
  return { ...merged, rules: base.rules, locale: extra.locale ?? base.locale };
}
