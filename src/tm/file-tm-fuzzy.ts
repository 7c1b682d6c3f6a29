/** Fuzzy suggestions of the file TM: a `GramIndex` per locale (the index the job's suggestions use), built on first use and kept per TM. */
import { GramIndex } from './gram-index.js';
import type { TmEntry } from './tm-entry.js';
import type { FuzzySuggestion } from './tm-store.js';

interface EntrySource {
  entries(targetLocale: string): IterableIterator<TmEntry>;
  lookup(targetLocale: string, source: string): TmEntry | undefined;
  size(targetLocale: string): number;
}

const indexes = new WeakMap<EntrySource, Map<string, { size: number; index: GramIndex }>>();

export function fileTmFuzzy(tm: EntrySource, locale: string, source: string, threshold: number, limit: number): FuzzySuggestion[] {
  let byLocale = indexes.get(tm);
  if (!byLocale) indexes.set(tm, (byLocale = new Map()));
  let built = byLocale.get(locale);
  const size = tm.size(locale);
  if (!built || built.size !== size) byLocale.set(locale, (built = { size, index: GramIndex.build([...tm.entries(locale)].map((e) => e.source)) }));
  return built.index.best(source, { threshold, limit }).flatMap((match) => {
    const entry = tm.lookup(locale, match.source);
    return entry ? [{ source: match.source, target: entry.target, similarity: match.similarity, origin: entry.origin }] : [];
  });
}
