import { loadFuzzyIndex } from '../tm/fuzzy-cache.js';
import type { FuzzyMatch } from '../tm/fuzzy-match.js';
import type { GramIndex } from '../tm/gram-index.js';
import type { TmStore as TranslationMemory } from '../tm/tm-store.js';
import { sameSegmentFamily } from '../tm/segment-family.js';

export interface Suggestion {
  source: string;
  target: string;
  similarity: number;
  origin: string;
}

/** One fuzzy index and the answers it gave, shared by the locales whose TM has the very same sources. */
interface SharedIndex {
  sources: readonly string[];
  index: GramIndex;
  /** The matches (before the TM lookup) of each source asked, so a source is matched once per command. */
  answers: Map<string, FuzzyMatch[]>;
}

/** What a suggester did (for tests and profiles): indexes built or loaded, and queries run on them. */
export interface SuggesterStats {
  indexes: number;
  queries: number;
}

export type Suggester = ((locale: string, source: string) => Suggestion[]) & { readonly stats: SuggesterStats };

/**
 * Fuzzy TM matches for a segment of one locale, best first: offered to people (XLIFF `alt-trans`,
 * the review report), never shipped. Exact matches are not suggestions: they are TM hits.
 * The index of a locale is built on first use, or read from its cache beside the TM (tm/fuzzy-cache.ts).
 * The matches depend only on the sources, so locales whose TM holds the same sources (in the same
 * order: a project translated by the same runs) share one index, and each source is matched once
 * per index; only the targets are looked up per locale.
 */
export function createSuggester(tm: TranslationMemory, threshold: number, limit = 3, options: { sameFamily?: boolean } = {}): Suggester {
  const byLocale = new Map<string, SharedIndex>();
  const stats: SuggesterStats = { indexes: 0, queries: 0 };
  const indexOf = (locale: string): SharedIndex => {
    const sources = sourcesOf(tm, locale);
    const same = [...new Set(byLocale.values())].find((shared) => sameSources(shared.sources, sources));
    const shared = same ?? { sources, index: loadFuzzyIndex({ dir: tm.dir, sourceLocale: tm.sourceLocale, targetLocale: locale, sources }), answers: new Map() };
    if (!same) stats.indexes++;
    byLocale.set(locale, shared);
    return shared;
  };
  const match = (index: GramIndex, source: string): FuzzyMatch[] => {
    stats.queries++;
    // Asked for more than shown: matches of another family are dropped after ranking.
    if (!options.sameFamily) return index.best(source, { threshold, limit });
    return index.best(source, { threshold, limit: limit * 4 }).filter((m) => sameSegmentFamily(source, m.source)).slice(0, limit);
  };
  const suggest = (locale: string, source: string): Suggestion[] => {
    const shared = byLocale.get(locale) ?? indexOf(locale);
    let matches = shared.answers.get(source);
    if (!matches) shared.answers.set(source, (matches = match(shared.index, source)));
    return matches.flatMap((m) => {
      const entry = tm.lookup(locale, m.source);
      return entry ? [{ source: m.source, target: entry.target, similarity: m.similarity, origin: entry.origin }] : [];
    });
  };
  return Object.assign(suggest, { stats });
}

/** Element by element (the TM interns its sources, so equal lists mostly hold the same strings). */
function sameSources(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
