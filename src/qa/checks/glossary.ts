import { isPseudoLocale } from '../../engine/pseudo-engine.js';
import { findTermsInSource, targetHasTerm } from '../../glossary/match-terms.js';
import { requiredForm } from '../../glossary/required-form.js';
import type { QaCheck } from '../qa-types.js';
import { visibleText } from '../visible-text.js';

/**
 * Terminology: every glossary term found in the source (inflected Russian forms included) must
 * appear in the target in its required form for the locale, with Kazakh suffixes or an English
 * possessive allowed; a do-not-translate term must appear verbatim. Terms without a form for the
 * locale and pseudo-locales are not checked.
 */
export const glossaryCheck: QaCheck = {
  id: 'glossary',
  defaultSeverity: 'error',
  description: 'Glossary terms in the source appear in their required translation (do-not-translate terms verbatim).',
  run({ source, target, locale, syntax, glossary }) {
    if (glossary.terms.length === 0 || isPseudoLocale(locale)) return [];
    // Terms are words a reader sees: ICU quoting (`Xi''an`) and markup do not count.
    const seen = visibleText(target, syntax, ' ');
    const messages: string[] = [];
    for (const term of findTermsInSource(glossary, visibleText(source, syntax, ' '))) {
      const required = requiredForm(term, locale);
      if (required === undefined || targetHasTerm(seen, required, locale)) continue;
      messages.push(
        term.doNotTranslate
          ? `«${term.source}» must be kept untranslated (${locale})`
          : `«${term.source}» must be translated as «${required}» (${locale})`,
      );
    }
    return messages;
  },
};
