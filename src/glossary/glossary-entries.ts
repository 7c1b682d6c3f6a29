import type { Glossary } from './glossary-types.js';
import { requiredForm } from './required-form.js';

/**
 * The source → required target pairs of `locale`, for an engine glossary (DeepL): do-not-translate
 * terms map to themselves. Sorted by source (code-unit order, so the list — and its hash — is
 * stable), one pair per source.
 */
export function glossaryEntriesFor(glossary: Glossary, locale: string): Array<[string, string]> {
  const pairs = new Map<string, string>();
  for (const term of glossary.terms) {
    const target = requiredForm(term, locale);
    if (target !== undefined && !pairs.has(term.source)) pairs.set(term.source, target);
  }
  return [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
