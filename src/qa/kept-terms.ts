import type { Glossary } from '../glossary/glossary-types.js';
import { requiredForm } from '../glossary/required-form.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';

/** Checks ask once per segment: the list is built once per glossary and locale. */
const keptByGlossary = new WeakMap<Glossary, Map<string, readonly string[]>>();

/**
 * What the glossary allows to stand in a target of `locale` as it is, longest first: the
 * do-not-translate terms (`C5`, `Carnegie Russia Eurasia Center`) and the terms' required forms
 * in the locale (`requiredForm`: a `zh-Hans` target takes the `zh` translations).
 */
export function keptTerms(glossary: Glossary, locale: string): readonly string[] {
  let byLocale = keptByGlossary.get(glossary);
  if (byLocale === undefined) keptByGlossary.set(glossary, (byLocale = new Map()));
  let kept = byLocale.get(locale);
  if (kept === undefined) {
    const forms = glossary.terms.map((term) => requiredForm(term, locale) ?? '').filter((form) => form !== '');
    kept = [...new Set(forms)].sort((a, b) => b.length - a.length);
    byLocale.set(locale, kept);
  }
  return kept;
}

/** A letter or digit of an alphabetic script: Han has no word boundaries, so it never blocks a match. */
const WORD_CHAR = String.raw`[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]`;

const termPatterns = new Map<string, RegExp>();

/** The text with every whole-word occurrence of `terms` (in the order given) replaced by `gap`. */
export function removeTerms(text: string, terms: readonly string[], gap = ' '): string {
  let out = text;
  for (const term of terms) {
    let pattern = termPatterns.get(term);
    if (pattern === undefined) {
      pattern = new RegExp(`(?<!${WORD_CHAR})${escapeRegExp(term)}(?!${WORD_CHAR})`, 'gu');
      termPatterns.set(term, pattern);
    }
    out = out.replace(pattern, gap);
  }
  return out;
}
