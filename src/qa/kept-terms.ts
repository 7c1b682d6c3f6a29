import type { Glossary } from '../glossary/glossary-types.js';

/**
 * What the glossary allows to stand in a target of `locale` as it is: the do-not-translate terms
 * (`C5`, `Carnegie Russia Eurasia Center`) and the terms' required translations into the locale.
 */
export function keptTerms(glossary: Glossary, locale: string): string[] {
  const terms = new Set<string>();
  for (const term of glossary.terms) {
    if (term.doNotTranslate) terms.add(term.source);
    const required = term.targets[locale];
    if (required !== undefined && required !== '') terms.add(required);
  }
  return [...terms].sort((a, b) => b.length - a.length);
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
      const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      pattern = new RegExp(`(?<!${WORD_CHAR})${escaped}(?!${WORD_CHAR})`, 'gu');
      termPatterns.set(term, pattern);
    }
    out = out.replace(pattern, gap);
  }
  return out;
}
