import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { writeFilesAtomically } from '../write/index.js';
import type { BundleEntry } from '../messages/message-types.js';
import type { UnitOutcome } from './localize-unit.js';
import type { SourceDocument } from './source-document.js';

/**
 * The per-document cache of a run's work (`.tilmash-cache/documents/`, safe to delete): for each
 * source document, what reading it gave (units, key map) under the hash of everything reading
 * depends on, and per target locale what each of its keys became (`UnitOutcome`s) under the hash
 * of everything that depends on (see unit-reuse.ts). A run with one changed source reads,
 * segments, looks up and localizes only that document; the others' results are taken from here,
 * and their i18next bundles, when the file on disk hashes as the bundle those results gave, are
 * neither formatted nor compared again.
 * Invariant: an entry is used only when its key — a content hash of all it depends on — is the
 * key computed now; a file whose checksum, format or shape is wrong is no entry (the work is
 * redone); failing to read or write the cache is never an error.
 */
export interface CachedLoad {
  key: string;
  document: Omit<SourceDocument, 'namespace' | 'file'>;
}

/**
 * A `UnitOutcome` as stored: a key built from the TM keeps no entries (unit-reuse.ts builds them
 * again from the TM entries its outcome key holds: far less to read back than the translations);
 * a person's kept value keeps them.
 */
export type StoredOutcome = Exclude<UnitOutcome, { kind: 'written' }> | (Omit<Extract<UnitOutcome, { kind: 'written' }>, 'entries'> & { entries?: BundleEntry[] });

export interface CachedOutcomes {
  key: string;
  outcomes: StoredOutcome[];
}

/** The hash of the i18next bundle (`file:<sha256>` of its bytes) that what is stored under `key` gives. */
interface CachedBundle {
  key: string;
  hash: string;
}

interface DocumentEntry {
  format: 1;
  file: string;
  load?: CachedLoad;
  locales: Record<string, CachedOutcomes>;
  /** Per locale (the source locale's under the load key, a target's under its outcome key). */
  bundles?: Record<string, CachedBundle>;
}

const FORMAT = 1;

export const documentCacheDir = (config: Pick<ResolvedConfig, 'rootDir'>): string => path.join(config.rootDir, '.tilmash-cache', 'documents');

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** One file per source, named by a hash of its path (any path is a safe file name). */
const entryName = (file: string): string => `${sha(file).slice(0, 32)}.json`;

export class DocumentCache {
  private readonly entries = new Map<string, DocumentEntry>();
  private readonly dirty = new Set<string>();

  private constructor(private readonly dir: string) {}

  /** The cache as it is on disk; an unreadable folder is an empty cache. */
  static open(config: Pick<ResolvedConfig, 'rootDir'>): DocumentCache {
    const cache = new DocumentCache(documentCacheDir(config));
    let names: string[] = [];
    try {
      names = readdirSync(cache.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return cache;
    }
    for (const name of names) {
      const entry = readEntry(path.join(cache.dir, name));
      if (entry && entryName(entry.file) === name) cache.entries.set(entry.file, entry);
    }
    return cache;
  }

  load(file: string, key: string): CachedLoad['document'] | undefined {
    const load = this.entries.get(file)?.load;
    return load?.key === key ? load.document : undefined;
  }

  keepLoad(file: string, key: string, document: CachedLoad['document']): void {
    const entry = this.entryOf(file);
    if (entry.load?.key === key) return;
    entry.load = { key, document };
    entry.locales = {}; // outcomes of other units are of no use
    delete entry.bundles;
    this.dirty.add(file);
  }

  outcomes(file: string, locale: string, key: string, units: number): StoredOutcome[] | undefined {
    const cached = this.entries.get(file)?.locales[locale];
    return cached?.key === key && cached.outcomes.length === units ? cached.outcomes : undefined;
  }

  keepOutcomes(file: string, locale: string, key: string, outcomes: StoredOutcome[]): void {
    const entry = this.entryOf(file);
    if (entry.locales[locale]?.key === key) return;
    entry.locales[locale] = { key, outcomes };
    this.dirty.add(file);
  }

  bundle(file: string, locale: string, key: string): string | undefined {
    const cached = this.entries.get(file)?.bundles?.[locale];
    return cached?.key === key ? cached.hash : undefined;
  }

  keepBundle(file: string, locale: string, key: string, hash: string): void {
    const entry = this.entryOf(file);
    const cached = entry.bundles?.[locale];
    if (cached?.key === key && cached.hash === hash) return;
    (entry.bundles ??= {})[locale] = { key, hash };
    this.dirty.add(file);
  }

  /** Writes the entries that changed (only those: an untouched document's file is not rewritten) and drops those of sources that are gone. */
  async save(files: readonly string[]): Promise<void> {
    try {
      const current = new Set(files);
      for (const file of [...this.entries.keys()]) if (!current.has(file)) this.entries.delete(file);
      const wanted = new Set([...this.entries.keys()].map(entryName));
      mkdirSync(this.dir, { recursive: true });
      for (const name of readdirSync(this.dir)) if (name.endsWith('.json') && !wanted.has(name)) rmSync(path.join(this.dir, name), { force: true });
      const out = [...this.dirty].filter((file) => current.has(file)).map((file) => ({ path: path.join(this.dir, entryName(file)), content: formatEntry(this.entries.get(file) as DocumentEntry) }));
      await writeFilesAtomically(out);
      this.dirty.clear();
    } catch {
      try {
        rmSync(this.dir, { recursive: true, force: true }); // a cache that cannot be written is no cache: the next run redoes the work
      } catch {
        // nothing to do: an unreadable cache is an empty one
      }
    }
  }

  private entryOf(file: string): DocumentEntry {
    let entry = this.entries.get(file);
    if (!entry) this.entries.set(file, (entry = { format: FORMAT, file, locales: {} }));
    return entry;
  }
}

/** `<sha256 of the JSON>\n<JSON>\n`: a flipped byte or a torn write is caught before the JSON is trusted. */
function formatEntry(entry: DocumentEntry): string {
  const json = JSON.stringify(entry);
  return `${sha(json)}\n${json}\n`;
}

function readEntry(file: string): DocumentEntry | undefined {
  try {
    // The checksum is over the bytes as read (the UTF-8 of the JSON): hashing them costs far less than decoding.
    const bytes = readFileSync(file);
    if (bytes.length < 66 || bytes[64] !== 10 || bytes[bytes.length - 1] !== 10) return undefined;
    const json = bytes.subarray(65, bytes.length - 1);
    if (createHash('sha256').update(json).digest('hex') !== bytes.toString('latin1', 0, 64)) return undefined;
    const entry = JSON.parse(json.toString('utf8')) as DocumentEntry;
    const valid = entry?.format === FORMAT && typeof entry.file === 'string' && typeof entry.locales === 'object' && entry.locales !== null && (entry.load === undefined || (typeof entry.load.key === 'string' && Array.isArray(entry.load.document?.units)));
    const bundles = entry?.bundles === undefined || (typeof entry.bundles === 'object' && entry.bundles !== null && Object.values(entry.bundles).every((b) => typeof b?.key === 'string' && typeof b.hash === 'string'));
    return valid && bundles && Object.values(entry.locales).every((l) => typeof l?.key === 'string' && Array.isArray(l.outcomes)) ? entry : undefined;
  } catch {
    return undefined;
  }
}
