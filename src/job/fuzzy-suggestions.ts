import { loadFuzzyIndex } from '../tm/fuzzy-cache.js';
import type { GramIndex } from '../tm/gram-index.js';
import type { TranslationMemory } from '../tm/index.js';
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
    if (!index) indexes.set(locale, (index = loadFuzzyIndex({ dir: tm.dir, sourceLocale: tm.sourceLocale, targetLocale: locale, sources: tm.sources(locale) })));
    // Asked for more than shown: matches of another family are dropped after ranking.
    const matches = options.sameFamily ? index.best(source, { threshold, limit: limit * 4 }).filter((match) => sameSegmentFamily(source, match.source)).slice(0, limit) : index.best(source, { threshold, limit });
    return matches.flatMap((match) => {
      const entry = tm.lookup(locale, match.source);
      return entry ? [{ source: match.source, target: entry.target, similarity: match.similarity, origin: entry.origin }] : [];
    });
  };
}
