/**
 * The translation memory: one `Map<source, TmEntry>` per target locale, loaded from
 * `<dir>/<source>-<target>.jsonl`, made durable by a write-ahead journal on every `record()` and
 * compacted back into sorted, deterministic `.jsonl` files by `save()`.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TilmashError } from '../errors.js';
import type { TmEntry } from './tm-entry.js';
import { asIoError } from '../write/io-error.js';
import { writeFileAtomic } from '../write/write-file-atomic.js';
import { journalUnchanged, mergeOwn, readDiskPair } from './tm-disk-merge.js';
import { formatTmFile, parseTmFile, sortedSources, tmFileName } from './tm-file.js';
import { appendJournal, journalFileName, parseJournal } from './tm-journal.js';
import { recoveryPath, recoveryTargets } from './tm-recovery.js';
import { canonicalEntry, entryProblem, isLocaleTag, makeInterner, sameEntry } from './tm-validate.js';
import type { FuzzySuggestion, SegmentClaim, TmStore } from './tm-store.js';

interface Pair {
  readonly entries: Map<string, TmEntry>;
  /** The entries differ from the `.jsonl` file on disk. */
  dirty: boolean;
  /** A journal file exists for this pair. */
  journal: boolean;
  /** Length to cut the journal back to before the next append (a torn line was found on open). */
  journalTruncateTo: number | undefined;
  /** Entries this process recorded (or folded in from a recovery file): applied over the disk on save. */
  own: Map<string, TmEntry>;
  /** A recovery file beside the TM folder was folded in; deleted once saved. */
  recovery: boolean;
}

function newPair(): Pair {
  return { entries: new Map(), dirty: false, journal: false, journalTruncateTo: undefined, own: new Map(), recovery: false };
}

/** Applies entries in order (a later one for a source replaces the earlier); the pair turns dirty unless each is already there. */
function mergeInto(pair: Pair, entries: Iterable<TmEntry>): void {
  for (const entry of entries) {
    const previous = pair.entries.get(entry.source);
    if (previous === undefined || !sameEntry(previous, entry)) {
      pair.entries.set(entry.source, entry);
      pair.dirty = true;
    }
  }
}

export class TranslationMemory implements TmStore {
  readonly kind = 'file' as const;
  /** Everything is loaded by `open`. */
  readonly needsPrefetch = false;
  readonly dir: string;
  readonly sourceLocale: string;
  readonly #pairs: Map<string, Pair>;
  /** `record()` and `save()` run one at a time, in call order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The pair `lookup()` used last (a pair's `entries` map is never replaced, only changed). */
  #lastLocale = ''; // never a locale
  #lastEntries = new Map<string, TmEntry>();

  private constructor(dir: string, sourceLocale: string, pairs: Map<string, Pair>) {
    this.dir = dir;
    this.sourceLocale = sourceLocale;
    this.#pairs = pairs;
  }

  /**
   * Loads every `<sourceLocale>-*.jsonl` in `dir` (a missing dir is an empty TM) and replays any
   * journal left by a killed run, in memory only. Throws `badTm` naming `file:line` for a malformed
   * file; opening never writes anything. With `targets`, only those pairs are read and validated (a
   * command about one locale does not pay for the others); the other locales then look empty, so only
   * a reader may open a TM that way (`save()` merges over the disk, so it would lose nothing).
   */
  static async open(dir: string, sourceLocale: string, options: { targets?: readonly string[] } = {}): Promise<TranslationMemory> {
    checkLocale(sourceLocale, 'source');
    const recovered = await recoveryTargets(dir, sourceLocale);
    const wanted = (target: string) => options.targets === undefined || options.targets.includes(target);
    const targets = [...new Set([...(await findTargets(dir, sourceLocale)), ...recovered])].filter(wanted).sort();
    const intern = makeInterner();
    const pairs = new Map<string, Pair>();
    for (const target of targets) {
      const pair = newPair();
      const file = join(dir, tmFileName(sourceLocale, target));
      const fileBytes = await readIfExists(file);
      if (fileBytes !== undefined) parseTmFile(fileBytes, file, intern, pair.entries);
      const journalFile = join(dir, journalFileName(sourceLocale, target));
      const journalBytes = await readIfExists(journalFile);
      if (journalBytes !== undefined) {
        const journal = parseJournal(journalBytes, journalFile, file, intern);
        pair.journal = true;
        if (journal.torn) pair.journalTruncateTo = journal.validBytes;
        mergeInto(pair, journal.entries);
      }
      if (recovered.includes(target)) await foldRecovery(pair, recoveryPath(dir, sourceLocale, target), file, intern);
      pairs.set(target, pair);
    }
    return new TranslationMemory(dir, sourceLocale, pairs);
  }

  /** The entry for exactly this (normalised) source, if any. Entries are frozen; use `record()` to change one. */
  lookup(targetLocale: string, source: string): TmEntry | undefined {
    // Lookups come in long runs for one locale: the last pair's map is kept, so a lookup costs one Map.get.
    if (targetLocale === this.#lastLocale) return this.#lastEntries.get(source);
    const entries = this.#pairs.get(targetLocale)?.entries;
    if (entries === undefined) return undefined;
    this.#lastLocale = targetLocale;
    this.#lastEntries = entries;
    return entries.get(source);
  }

  /** The sources of one target locale in `entries()` order (what the fuzzy index numbers). */
  sources(targetLocale: string): string[] {
    return [...(this.#pairs.get(targetLocale)?.entries.keys() ?? [])];
  }

  /** Nothing to load: `open` read the whole TM. */
  async prefetch(): Promise<void> {}

  /** Fuzzy matches over this locale's entries (an index built on first use; the matcher loaded then, not at startup). */
  async fuzzy(targetLocale: string, source: string, threshold: number, limit: number): Promise<FuzzySuggestion[]> {
    const { fileTmFuzzy } = await import('./file-tm-fuzzy.js');
    return fileTmFuzzy(this, targetLocale, source, threshold, limit);
  }

  /** The project lock already makes this process the only writer: every source is ours. */
  async claim(_targetLocale: string, sources: readonly string[]): Promise<SegmentClaim> {
    return { mine: [...sources], others: [] };
  }

  async awaitClaims(): Promise<string[]> {
    return [];
  }

  async close(): Promise<void> {}

  /** Target locales that have entries (or a journal), sorted. */
  targetLocales(): string[] {
    return [...this.#pairs.keys()].sort();
  }

  size(targetLocale: string): number {
    return this.#pairs.get(targetLocale)?.entries.size ?? 0;
  }

  /** The entries for one target locale, unsorted (file order, then new sources in recording order). */
  entries(targetLocale: string): IterableIterator<TmEntry> {
    return (this.#pairs.get(targetLocale)?.entries ?? new Map<string, TmEntry>()).values();
  }

  /** The entries for one target locale in file order (sorted by source). */
  sortedEntries(targetLocale: string): TmEntry[] {
    const entries = this.#pairs.get(targetLocale)?.entries;
    if (entries === undefined) return [];
    return sortedSources(entries).map((source) => entries.get(source) as TmEntry);
  }

  /** Whether `save()` would write or delete anything. */
  hasUnsavedChanges(): boolean {
    for (const pair of this.#pairs.values()) if (pair.dirty || pair.journal) return true;
    return false;
  }

  filePath(targetLocale: string): string {
    return join(this.dir, tmFileName(this.sourceLocale, targetLocale));
  }

  journalPath(targetLocale: string): string {
    return join(this.dir, journalFileName(this.sourceLocale, targetLocale));
  }

  /**
   * Durably records translations: appends them to the pair's journal and fsyncs it, then updates
   * the in-memory map (a later entry for the same source replaces the earlier one). When this
   * resolves the entries survive a kill. Throws `TypeError` for an invalid entry or locale.
   */
  async record(targetLocale: string, entries: readonly TmEntry[]): Promise<void> {
    checkLocale(targetLocale, 'target');
    const copies = entries.map((entry, index) => {
      const problem = entryProblem(entry);
      if (problem !== undefined) throw new TypeError(`TranslationMemory.record: entry ${index}: ${problem}`);
      return canonicalEntry(entry);
    });
    if (copies.length === 0) return;
    const journal = this.journalPath(targetLocale);
    await this.#serial(async () => {
      let pair = this.#pairs.get(targetLocale);
      const isNew = pair === undefined || !pair.journal;
      await asIoError(journal, 'append to the TM journal', async () => {
        if (pair === undefined) await mkdir(this.dir, { recursive: true });
        await appendJournal(journal, copies, { truncateTo: pair?.journalTruncateTo, isNew, dir: this.dir });
      });
      if (pair === undefined) this.#pairs.set(targetLocale, (pair = newPair()));
      pair.journal = true;
      pair.journalTruncateTo = undefined;
      mergeInto(pair, copies);
      for (const entry of copies) pair.own.set(entry.source, entry);
    });
  }

  /**
   * Compacts: for each pair with changes, re-reads the `.jsonl` file and journal as they are on disk
   * now (another command may have recorded since `open()`), applies this process's own entries over
   * them, atomically replaces the file with the sorted result, then deletes the journal (kept if it
   * grew meanwhile) and any recovery file. Returns the paths of the files written; writes nothing
   * when nothing changed. A failed write is a TilmashError('io') naming the path and the fix.
   */
  async save(): Promise<string[]> {
    return this.#serial(async () => {
      const written: string[] = [];
      for (const target of this.targetLocales()) {
        const pair = this.#pairs.get(target) as Pair;
        if (!pair.dirty && !pair.journal && !pair.recovery) continue;
        const file = this.filePath(target);
        await asIoError(file, 'save the TM', async () => {
          if (await this.#savePair(target, pair)) written.push(file);
        }, 'Every translation received is still in the TM journal; the next run folds it in.');
      }
      return written;
    });
  }

  /** Saves one pair (see save()); true when the `.jsonl` file was rewritten. */
  async #savePair(target: string, pair: Pair): Promise<boolean> {
    const file = this.filePath(target);
    const journal = this.journalPath(target);
    const disk = await readDiskPair(file, journal);
    const changed = mergeOwn(disk, pair.own.values());
    if (changed) await writeFileAtomic(file, formatTmFile(disk.entries));
    pair.entries.clear();
    for (const [source, entry] of disk.entries) pair.entries.set(source, entry);
    pair.dirty = false;
    pair.own.clear();
    if (await journalUnchanged(journal, disk.journalSize)) {
      await rm(journal, { force: true });
      pair.journal = false;
      pair.journalTruncateTo = undefined;
    }
    if (pair.recovery) await rm(recoveryPath(this.dir, this.sourceLocale, target), { force: true });
    pair.recovery = false;
    return changed;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

function checkLocale(locale: string, which: 'source' | 'target'): void {
  if (typeof locale !== 'string' || !isLocaleTag(locale)) {
    throw new TypeError(`TranslationMemory: invalid ${which} locale ${JSON.stringify(locale)} (expected a tag like "ru" or "zh-Hans")`);
  }
}

/** Target locales with a `.jsonl` file or a journal in `dir`, sorted; none if `dir` is missing. */
async function findTargets(dir: string, sourceLocale: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TilmashError('badTm', `${dir}: cannot read the TM directory (${(error as Error).message}). Check the "tm" path in the config.`, { file: dir, cause: error });
  }
  const prefix = `${sourceLocale}-`;
  const targets = new Set<string>();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const extension = name.endsWith('.jsonl') ? '.jsonl' : name.endsWith('.journal') ? '.journal' : undefined;
    if (extension === undefined) continue;
    const target = name.slice(prefix.length, -extension.length);
    if (!isLocaleTag(target)) {
      const file = join(dir, name);
      throw new TilmashError('badTm', `${file}: not a TM file name (expected ${prefix}<target locale>${extension}). Rename or move that file; the TM was not changed.`, { file });
    }
    targets.add(target);
  }
  return [...targets].sort();
}

/** Folds a recovery file (translations a failed write could not put in the TM) into the pair. */
async function foldRecovery(pair: Pair, file: string, targetFile: string, intern: ReturnType<typeof makeInterner>): Promise<void> {
  const bytes = await readIfExists(file);
  if (bytes === undefined) return;
  const { entries } = parseJournal(bytes, file, targetFile, intern);
  mergeInto(pair, entries);
  for (const entry of entries) pair.own.set(entry.source, entry);
  pair.recovery = true;
  pair.dirty = true;
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TilmashError('badTm', `${file}: cannot read (${(error as Error).message}); the TM was not changed.`, { file, cause: error });
  }
}
