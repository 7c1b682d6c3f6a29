import { languageOf } from '../text/language-of.js';
import type { GlossaryTerm } from './glossary-types.js';

/**
 * What a term must become in `locale`: its source for a do-not-translate term, else its target
 * for the locale (exact code, else the primary subtag: `zh-Hans` → `zh`); undefined when the
 * glossary says nothing for that locale.
 */
export function requiredForm(term: GlossaryTerm, locale: string): string | undefined {
  if (term.doNotTranslate) return term.source;
  return term.targets[locale] ?? term.targets[languageOf(locale)];
}
