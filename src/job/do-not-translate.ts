import type { Glossary } from '../glossary/glossary-types.js';

/** The glossary's do-not-translate terms, kept verbatim through MT and in exported XLIFF. */
export function doNotTranslateTerms(glossary: Glossary): string[] {
  return glossary.terms.filter((t) => t.doNotTranslate).map((t) => t.source);
}
