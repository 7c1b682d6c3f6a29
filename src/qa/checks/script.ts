import { keptTerms, removeTerms } from '../kept-terms.js';
import { languageOf, LETTER_OF, scriptOf, type LetterScript } from '../locale-language.js';
import type { QaCheck } from '../qa-types.js';
import { scriptVariantProblems } from '../script-variants.js';
import { languageText } from '../language-text.js';

/** At least this share of a target's letters must be in its locale's script. */
const MIN_SHARE = 0.5;
/** A Kazakh text this long without one Kazakh-specific letter is almost surely Russian. */
const KAZAKH_MIN_LETTERS = 40;
const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
/** Letters Kazakh writes only in a few Russian loans (э and щ are left out: экономика is Kazakh too). */
const RUSSIAN_ONLY_LETTER = /[ёъЁЪ]/u;
/**
 * Russian function words that are no Kazakh words (Kazakh `не`, `от`, `да`, `у`, `мен` are left out):
 * one of them in a kk target with no Kazakh letter means Russian text, however short.
 */
const RUSSIAN_FUNCTION_WORDS = new Set(
  'в во на по для из с со к ко и или но а что как это при без через над под про об о также уже его её ее их который которая которые был была были будет чтобы если только ещё еще все всё же ли бы'.split(' '),
);
const CYRILLIC_WORD = /\p{Script=Cyrillic}+/gu;
const LETTER = /\p{L}/u;
const SCRIPT_NAME: Record<LetterScript, string> = { Latin: 'Latin', Cyrillic: 'Cyrillic', Han: 'Chinese (Han)' };

/**
 * The target is written in its locale's script: zh mostly Han, kk mostly Cyrillic, en mostly
 * Latin (URLs, e-mails, inline code and glossary terms kept as they are, like `C5`, are not counted);
 * a kk target with no Kazakh-specific letter looks Russian when it is long (40+ letters) or, at any
 * length, has a Russian function word (`по`, `для`, `и`) or a letter Kazakh uses only in Russian
 * loans (ё ъ). Locales without a known script are skipped.
 */
export const scriptCheck: QaCheck = {
  id: 'script',
  defaultSeverity: 'error',
  description: "the target's letters are mostly in its locale's script (zh Han, kk Cyrillic with Kazakh letters, en Latin; kk-Latn without Cyrillic, zh-Hant without Simplified characters)",
  run({ target, locale, syntax, glossary }) {
    const script = scriptOf(locale);
    if (script === undefined) return [];
    const inScript = LETTER_OF[script];
    const foreignKept = keptTerms(glossary, locale).filter((term) => ![...term].some((c) => inScript.test(c)));
    const words = removeTerms(languageText(target, syntax, ' '), foreignKept);
    const letters = [...words].filter((c) => LETTER.test(c));
    if (letters.length === 0) return [];
    const share = letters.filter((c) => inScript.test(c)).length / letters.length;
    const messages: string[] = [];
    if (share < MIN_SHARE) {
      messages.push(
        `only ${Math.round(share * 100)} % of the letters of the ${locale} target are ${SCRIPT_NAME[script]} (expected at least ${MIN_SHARE * 100} %)`,
      );
    } else if (script === 'Cyrillic' && languageOf(locale) === 'kk' && !letters.some((c) => KAZAKH_LETTER.test(c))) {
      const russian = [...new Set((words.match(CYRILLIC_WORD) ?? []).filter((w) => RUSSIAN_FUNCTION_WORDS.has(w.toLowerCase()) || RUSSIAN_ONLY_LETTER.test(w)))];
      if (letters.length >= KAZAKH_MIN_LETTERS) messages.push(`the kk target has ${letters.length} letters and none of ә ғ қ ң ө ұ ү һ і: it looks Russian, not Kazakh`);
      else if (russian.length > 0) messages.push(`the kk target has no Kazakh letter (ә ғ қ ң ө ұ ү һ і) and Russian words: ${russian.slice(0, 5).map((w) => `«${w}»`).join(', ')}: it looks Russian, not Kazakh`);
    } else {
      messages.push(...scriptVariantProblems(locale, letters, words)); // kk-Latn, zh-Hant
    }
    return messages;
  },
};
