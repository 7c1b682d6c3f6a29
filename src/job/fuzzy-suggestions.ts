import { loadFuzzyIndex } from '../tm/fuzzy-cache.js';
import type { GramIndex } from '../tm/gram-index.js';
import type { TmStore as TranslationMemory } from '../tm/tm-store.js';
import { sameSegmentFamily } from '../tm/segment-family.js';

export interface Suggestion {
  source: string;
  target: string;
  similarity: number;
  origin: string;
}

/**
 * Fuzzy TM matches for a segment of one locale, best first: offered to people (XLIFF `alt-trans`,
 * the review report), never shipped. Exact matches are not suggestions: they are TM hits.
 * The index of a locale is built on first use, or read from its cache beside the TM (tm/fuzzy-cache.ts).
 */
export function createSuggester(tm: TranslationMemory, threshold: number, limit = 3, options: { sameFamily?: boolean } = {}): (locale: string, source: string) => Suggestion[] {
  const indexes = new Map<string, GramIndex>();
  return (locale, source) => {
    let index = indexes.get(locale);
    if (!index) indexes.set(locale, (index = loadFuzzyIndex({ dir: tm.dir, sourceLocale: tm.sourceLocale, targetLocale: locale, sources: sourcesOf(tm, locale) })));
    // Asked for more than shown: matches of another family are dropped after ranking.
    const matches = options.sameFamily ? index.best(source, { threshold, limit: limit * 4 }).filter((match) => sameSegmentFamily(source, match.source)).slice(0, limit) : index.best(source, { threshold, limit });
    return matches.flatMap((match) => {
      const entry = tm.lookup(locale, match.source);
      return entry ? [{ source: match.source, target: entry.target, similarity: match.similarity, origin: entry.origin }] : [];
    });
  };
}

/**
 * Suggestions asked of the store itself, through `TmStore`: the file TM answers from its index (as
 * `createSuggester`); the shared TM in PostgreSQL searches the whole database (`TmStore.fuzzy`),
 * not only the entries this job loaded, so another project's entry is suggested too.
 */
export function storeSuggester(tm: TranslationMemory, threshold: number, limit = 3, options: { sameFamily?: boolean } = {}): (locale: string, source: string) => Promise<Suggestion[]> {
  if (!tm.needsPrefetch) {
    const local = createSuggester(tm, threshold, limit, options);
    return async (locale, source) => local(locale, source);
  }
  return async (locale, source) => {
    // Asked for more than shown: matches of another family are dropped after ranking.
    const matches = await tm.fuzzy(locale, source, threshold, options.sameFamily ? limit * 4 : limit);
    return (options.sameFamily ? matches.filter((match) => sameSegmentFamily(source, match.source)) : matches).slice(0, limit);
  };
}

/**
 * Suggestions from any store for a synchronous `pass`: the file TM's index answers at once; a store
 * whose index lives elsewhere (PostgreSQL) is asked first for every source `pass` wants (one dry
 * pass records them), then `pass` runs again with the answers. `pass` must not have side effects.
 */
export async function withSuggestions<T>(tm: TranslationMemory, threshold: number, limit: number, pass: (suggest: (locale: string, source: string) => Suggestion[]) => T, options: { sameFamily?: boolean } = {}): Promise<T> {
  if (!tm.needsPrefetch) return pass(createSuggester(tm, threshold, limit, options));
  const asked = new Map<string, [string, string]>();
  pass((locale, source) => {
    asked.set(`${locale}\u0000${source}`, [locale, source]);
    return [];
  });
  const ask = storeSuggester(tm, threshold, limit, options);
  const answers = new Map<string, Suggestion[]>();
  for (const [key, [locale, source]] of asked) answers.set(key, await ask(locale, source));
  return pass((locale, source) => answers.get(`${locale}\u0000${source}`) ?? []);
}

/** The sources of a locale in the store's order (the file TM's sorted list; any store's entries otherwise). */
function sourcesOf(tm: TranslationMemory, locale: string): string[] {
  const withSources = tm as TranslationMemory & { sources?: (locale: string) => string[] };
  return withSources.sources ? withSources.sources(locale) : [...tm.entries(locale)].map((entry) => entry.source);
}
