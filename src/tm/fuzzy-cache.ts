/**
 * The fuzzy index of one TM pair, built on first use and cached on disk next to the TM:
 * `<tm dir>/.cache/<source>-<target>.fuzzy` (the folder holds a `.gitignore` of `*`, so the cache is
 * never committed with the TM). The key is a hash of the TM's sources in the order the index numbers
 * them (the `.jsonl` as parsed, then the journal replayed), so any change to the sources — a record and
 * save, a journal replay, a hand edit of the `.jsonl` — gives another key and the index is rebuilt.
 * Targets do not enter the index, so a changed translation keeps it. A corrupt, truncated or stale
 * file is ignored and replaced; a cache that cannot be written (read-only folder, full disk) is simply
 * not kept. The TM's own files are never touched.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GramIndex, type GramIndexOptions } from './gram-index.js';
import { buildGramIndexData } from './gram-index-build.js';
import { readGramIndexFile, writeGramIndexFile } from './gram-index-file.js';

/** Below this many sources the index is built in memory only (faster than reading a file). */
export const MIN_CACHED_SOURCES = 20_000;

export interface FuzzyCacheOptions extends GramIndexOptions {
  /** Build only in memory (default: cache when there are at least `minCachedSources`). */
  cache?: boolean;
  minCachedSources?: number;
}

export interface TmPairSources {
  /** The TM folder. */
  dir: string;
  sourceLocale: string;
  targetLocale: string;
  /** The pair's sources in TM iteration order. */
  sources: readonly string[];
}

export function fuzzyCachePath(dir: string, sourceLocale: string, targetLocale: string): string {
  return join(dir, '.cache', `${sourceLocale}-${targetLocale}.fuzzy`);
}

/** A 64-bit hash (two 32-bit lanes) of the sources in order, with their count: the cache key. */
export function sourcesKey(sources: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9 ^ sources.length;
  for (const source of sources) {
    for (let i = 0; i < source.length; i++) {
      const unit = source.charCodeAt(i);
      h1 = Math.imul(h1 ^ unit, 0x01000193);
      h2 = Math.imul(h2 ^ unit, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    h1 = Math.imul(h1 ^ 0x1_0000, 0x01000193); // a separator no UTF-16 unit equals
    h2 = Math.imul(h2 ^ 0x2_0000, 0x5bd1e995);
  }
  return `${sources.length.toString(36)}-${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

/** The pair's index: from the cache when it is current, else built (and cached when large enough). */
export function loadFuzzyIndex(pair: TmPairSources, options: FuzzyCacheOptions = {}): GramIndex {
  const { sources } = pair;
  const useCache = options.cache ?? sources.length >= (options.minCachedSources ?? MIN_CACHED_SOURCES);
  if (!useCache || !existsSync(pair.dir)) return GramIndex.build(sources, options);
  const file = fuzzyCachePath(pair.dir, pair.sourceLocale, pair.targetLocale);
  const key = sourcesKey(sources);
  const cached = readGramIndexFile(file, key, sources.length);
  if (cached !== undefined) return new GramIndex(sources, cached, options);
  const data = buildGramIndexData(sources);
  try {
    ensureCacheFolder(join(pair.dir, '.cache'));
    writeGramIndexFile(file, data, key);
  } catch {
    // The cache only saves time: a folder that cannot take it leaves the index in memory.
  }
  return new GramIndex(sources, data, options);
}

/** The cache folder, with a `.gitignore` that keeps everything in it out of git. */
function ensureCacheFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const ignore = join(folder, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Tilmash caches (rebuilt when the TM changes); never commit them\n*\n');
}
