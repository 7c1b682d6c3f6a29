import { isPseudoLocale } from '../../engine/pseudo-engine.js';
import { keptTerms, removeTerms } from '../kept-terms.js';
import { languageOf } from '../locale-language.js';
import type { QaCheck } from '../qa-types.js';
import { languageText } from '../language-text.js';

const RUSSIAN_LETTER = /[А-Яа-яЁё]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const CYRILLIC_RUN = /\p{Script=Cyrillic}{2,}/gu;
/** Targets whose script is not Cyrillic, so Cyrillic words left in them were not translated. */
const NON_CYRILLIC_LANGUAGES = new Set(['en', 'zh']);
const LISTED_RUNS = 5;

/**
 * The target is the source unchanged while the source has Russian words, or an en/zh target still
 * has Cyrillic words. Glossary terms allowed as they are (do-not-translate, or a required Cyrillic
 * translation such as kk `Си Цзиньпин`), inline code, URLs and e-mails do not count. Pseudo-locales are skipped.
 */
export const untranslatedCheck: QaCheck = {
  id: 'untranslated',
  defaultSeverity: 'error',
  description: 'the target is not the Russian source copied, and en/zh targets have no Cyrillic words left',
  run({ source, target, locale, syntax, glossary }) {
    if (isPseudoLocale(locale)) return [];
    const allowed = keptTerms(glossary, locale).filter((term) => CYRILLIC.test(term));
    const messages: string[] = [];
    // Inline code, URLs and e-mails are kept verbatim by design: never "untranslated".
    const sourceWords = removeTerms(languageText(source, syntax), allowed);
    if (target.trim() === source.trim() && RUSSIAN_LETTER.test(sourceWords)) {
      messages.push('the target is the Russian source unchanged (add the term to the glossary if it is meant to stay)');
    } else if (NON_CYRILLIC_LANGUAGES.has(languageOf(locale))) {
      const runs = [...new Set(removeTerms(languageText(target, syntax), allowed).match(CYRILLIC_RUN) ?? [])];
      if (runs.length > 0) {
        const listed = runs.slice(0, LISTED_RUNS).map((run) => `«${run}»`).join(', ');
        const more = runs.length > LISTED_RUNS ? ` and ${runs.length - LISTED_RUNS} more` : '';
        messages.push(`Cyrillic words are left in the ${locale} target: ${listed}${more}`);
      }
    }
    return messages;
  },
};
