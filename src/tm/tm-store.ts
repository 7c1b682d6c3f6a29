/**
 * The one interface the jobs use for the translation memory. Two stores implement it: the file TM
 * (`TranslationMemory`: `.jsonl` files, a journal, the project lock serialising writers) and the
 * shared TM in PostgreSQL (`PgTmStore`: many projects and processes, leases against double pay).
 *
 * Lookups are synchronous over what the store holds in memory: the file TM holds everything; the
 * PostgreSQL store holds what `prefetch` loaded (a job prefetches the sources it needs first).
 */
import type { TmEntry } from './tm-entry.js';

export interface FuzzySuggestion {
  source: string;
  target: string;
  similarity: number;
  origin: string;
}

/** What `claim` decided for a set of sources of one locale. */
export interface SegmentClaim {
  /** Sources this process holds a lease for: send them, record the answers. */
  mine: string[];
  /** Sources another process holds a lease for: `awaitClaims` waits for its answers. */
  others: string[];
}

export interface TmStore {
  readonly kind: 'file' | 'postgres';
  readonly sourceLocale: string;
  /** The project's TM folder: recovery files go beside it (both stores). */
  readonly dir: string;
  /** Whether lookups need `prefetch` first (the file TM holds everything from `open`). */
  readonly needsPrefetch: boolean;
  /** The entry for exactly this (normalised) source among what the store holds, if any. */
  lookup(targetLocale: string, source: string): TmEntry | undefined;
  /** Loads the entries of these sources (or of the whole locale, `'all'`) for `lookup` and `entries`. */
  prefetch(targetLocale: string, sources: Iterable<string> | 'all'): Promise<void>;
  /** Target locales that have entries, sorted. */
  targetLocales(): string[];
  /** The entries held for one target locale (the file TM: all; PostgreSQL: those prefetched). */
  entries(targetLocale: string): IterableIterator<TmEntry>;
  /** The same, sorted by source (file order). */
  sortedEntries(targetLocale: string): TmEntry[];
  /** Durably records entries: when this resolves they survive a kill. A later entry for a source replaces it. */
  record(targetLocale: string, entries: readonly TmEntry[]): Promise<void>;
  /**
   * Records entries of several target locales all or nothing (PostgreSQL: one transaction), for
   * imports. A store without it records locale by locale (`recordTogether`).
   */
  recordAll?(byLocale: ReadonlyMap<string, readonly TmEntry[]>): Promise<void>;
  /** Where `record` keeps entries durable, for messages (never a password). */
  journalPath(targetLocale: string): string;
  /** Compacts (file TM: rewrites the `.jsonl` files); returns the files written. */
  save(): Promise<string[]>;
  /** Fuzzy matches of `source` at least `threshold` similar, best first (exact matches excluded). */
  fuzzy(targetLocale: string, source: string, threshold: number, limit: number): Promise<FuzzySuggestion[]>;
  /**
   * Before sending: takes a lease on each source nobody has answered or leased. Sources already
   * answered elsewhere are loaded (lookup finds them) and are in neither list.
   */
  claim(targetLocale: string, sources: readonly string[]): Promise<SegmentClaim>;
  /**
   * Waits for other processes' answers to `sources`; a source whose lease expired (its process
   * died) or was released unanswered is claimed by this process and returned: send it.
   */
  awaitClaims(targetLocale: string, sources: readonly string[], signal?: AbortSignal): Promise<string[]>;
  /**
   * Sources of a locale found abandoned by `claim`/`awaitClaims` and still unanswered: every process
   * that held them died (the shared TM's lease cap, `maxAttempts`); neither sent nor waited for. The
   * file TM has none.
   */
  abandoned?(targetLocale: string): string[];
  /** Releases this process's leases and connections. */
  close(): Promise<void>;
}

/** `tm.recordAll` where the store has it (all or nothing), else `record` locale by locale. */
export async function recordTogether(tm: TmStore, byLocale: ReadonlyMap<string, readonly TmEntry[]>): Promise<void> {
  if (tm.recordAll) return tm.recordAll(byLocale);
  for (const [locale, entries] of byLocale) await tm.record(locale, entries);
}
