import { maskUrlsAndEmails } from '../find-urls-emails.js';
import { keptTerms, removeTerms } from '../kept-terms.js';
import { languageOf, LETTER_OF, scriptOf, type LetterScript } from '../locale-language.js';
import type { QaCheck } from '../qa-types.js';
import { scriptVariantProblems } from '../script-variants.js';
import { visibleText } from '../visible-text.js';

/** At least this share of a target's letters must be in its locale's script. */
const MIN_SHARE = 0.5;
/** A Kazakh text this long without one Kazakh-specific letter is almost surely Russian. */
const KAZAKH_MIN_LETTERS = 40;
const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const LETTER = /\p{L}/u;
const SCRIPT_NAME: Record<LetterScript, string> = { Latin: 'Latin', Cyrillic: 'Cyrillic', Han: 'Chinese (Han)' };

/**
 * The target is written in its locale's script: zh mostly Han, kk mostly Cyrillic, en mostly
 * Latin (URLs, e-mails and glossary terms kept as they are, like `C5`, are not counted); a long kk target with no
 * Kazakh-specific letter looks Russian. Locales without a known script are skipped.
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
    const visible = removeTerms(maskUrlsAndEmails(visibleText(target, syntax, ' '), ' '), foreignKept);
    const letters = [...visible].filter((c) => LETTER.test(c));
    if (letters.length === 0) return [];
    const share = letters.filter((c) => inScript.test(c)).length / letters.length;
    const messages: string[] = [];
    if (share < MIN_SHARE) {
      messages.push(
        `only ${Math.round(share * 100)} % of the letters of the ${locale} target are ${SCRIPT_NAME[script]} (expected at least ${MIN_SHARE * 100} %)`,
      );
    } else if (script === 'Cyrillic' && languageOf(locale) === 'kk' && letters.length >= KAZAKH_MIN_LETTERS && !letters.some((c) => KAZAKH_LETTER.test(c))) {
      messages.push(`the kk target has ${letters.length} letters and none of ә ғ қ ң ө ұ ү һ і: it looks Russian, not Kazakh`);
    } else {
      messages.push(...scriptVariantProblems(locale, letters, visible)); // kk-Latn, zh-Hant
    }
    return messages;
  },
};
