/**
 * The shared TM in PostgreSQL: the same `TmStore` interface as the file TM. Entries are keyed by
 * (source language, target language, SHA-256 of the source); `record` commits before it resolves
 * (and clears the leases of what it recorded); lookups are synchronous over the rows `prefetch`
 * loaded. Leases (`claim`) keep two processes from paying for the same segment. Loaded lazily
 * (`pg` too), so the file TM never loads the driver.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { TmEntry } from '../tm-entry.js';
import type { FuzzySuggestion, SegmentClaim, TmStore } from '../tm-store.js';
import { canonicalEntry, entryProblem, isLocaleTag } from '../tm-validate.js';
import { sortedSources } from '../tm-file.js';
import { ENTRIES, LEASES, migrate, PAIRS } from './pg-schema.js';
import { ENTRY_COLUMNS, entryColumns, entryOfRow, sourceHash, type EntryRow } from './pg-rows.js';
import { connect, storeError, type Connected } from './pg-connect.js';
import { FuzzySession } from './pg-fuzzy.js';
import { foldRecoveryFiles } from './pg-recovery.js';

export interface PgTmStoreOptions {
  /** How long a lease lasts without its process renewing it. @default 60 000 */
  leaseMs?: number;
  /** How often a waiting process looks for the answer. @default 250 */
  pollMs?: number;
  /** A fuzzy query slower than this gives no suggestions (0: no limit). @default 2000 */
  fuzzyTimeoutMs?: number;
  /**
   * How many holders a segment may have: a lease that expired (its process died) is taken over
   * while it has had fewer; after that the segment is abandoned — not sent again, reported. @default 2 (retried once)
   */
  maxAttempts?: number;
}

/** Rows per statement for `= ANY(...)` and `unnest` arrays. */
const CHUNK = 5000;

const UPSERT_SQL = `INSERT INTO ${ENTRIES} (source_lang, target_lang, source_hash, source, folded, target, origin, status, created, changed, findings)
  SELECT $1, $2, decode(h, 'hex'), s, f, t, o, st, c, ch, fi
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS u(h, s, f, t, o, st, c, ch, fi)
  ON CONFLICT (source_lang, target_lang, source_hash) DO UPDATE SET source = EXCLUDED.source, folded = EXCLUDED.folded,
    target = EXCLUDED.target, origin = EXCLUDED.origin, status = EXCLUDED.status, created = EXCLUDED.created,
    changed = EXCLUDED.changed, findings = EXCLUDED.findings`;

const CLAIM_SQL = `INSERT INTO ${LEASES} (source_lang, target_lang, source_hash, owner, expires)
  SELECT $1, $2, decode(h, 'hex'), $4, now() + $5 * interval '1 millisecond' FROM unnest($3::text[]) AS h
  ON CONFLICT (source_lang, target_lang, source_hash) DO UPDATE SET owner = EXCLUDED.owner, expires = EXCLUDED.expires, attempts = ${LEASES}.attempts + 1
  WHERE ${LEASES}.expires < now() AND ${LEASES}.attempts < $6
  RETURNING encode(source_hash, 'hex') AS h`;

/** Of these sources, those whose last holder died too and that may not be taken over again. */
const ABANDONED_SQL = `SELECT encode(source_hash, 'hex') AS h FROM ${LEASES}
  WHERE source_lang = $1 AND target_lang = $2 AND expires < now() AND attempts >= $4
  AND source_hash IN (SELECT decode(h, 'hex') FROM unnest($3::text[]) AS h)`;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class PgTmStore implements TmStore {
  readonly kind = 'postgres' as const;
  readonly needsPrefetch = true;
  readonly dir: string;
  readonly sourceLocale: string;
  readonly #db: Connected;
  readonly #cache = new Map<string, Map<string, TmEntry>>();
  readonly #targets: Set<string>;
  readonly #owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #maxAttempts: number;
  readonly #abandoned = new Map<string, Set<string>>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #fuzzy: FuzzySession;

  private constructor(db: Connected, dir: string, sourceLocale: string, targets: string[], options: PgTmStoreOptions) {
    this.#db = db;
    this.dir = dir;
    this.sourceLocale = sourceLocale;
    this.#targets = new Set(targets);
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#pollMs = options.pollMs ?? 250;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 2);
    this.#fuzzy = new FuzzySession(db, options.fuzzyTimeoutMs ?? 2000);
    // A live process keeps its leases: only a dead one's expire.
    this.#heartbeat = setInterval(() => void this.#renew(), Math.max(50, Math.floor(this.#leaseMs / 3)));
    this.#heartbeat.unref();
  }

  /** Connects, creates the tables if needed, and folds in recovery files left beside `dir` by a failed run. */
  static async open(url: string, dir: string, sourceLocale: string, options: PgTmStoreOptions = {}): Promise<PgTmStore> {
    if (!isLocaleTag(sourceLocale)) throw new TypeError(`PgTmStore: invalid source locale ${JSON.stringify(sourceLocale)}`);
    const db = await connect(url, migrate);
    try {
      const { rows } = await db.run('read the TM pairs', (pool) => pool.query<{ target_lang: string }>(`SELECT target_lang FROM ${PAIRS} WHERE source_lang = $1`, [sourceLocale]));
      const store = new PgTmStore(db, dir, sourceLocale, rows.map((r) => r.target_lang), options);
      await foldRecoveryFiles(store, dir, sourceLocale);
      return store;
    } catch (error) {
      await db.pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Where entries are durable, for messages: the database, password hidden. */
  journalPath(targetLocale: string): string {
    return `${this.#db.shown} (${this.sourceLocale}→${targetLocale})`;
  }

  lookup(targetLocale: string, source: string): TmEntry | undefined {
    return this.#cache.get(targetLocale)?.get(source);
  }

  targetLocales(): string[] {
    return [...this.#targets].sort();
  }

  entries(targetLocale: string): IterableIterator<TmEntry> {
    return (this.#cache.get(targetLocale) ?? new Map<string, TmEntry>()).values();
  }

  sortedEntries(targetLocale: string): TmEntry[] {
    const entries = this.#cache.get(targetLocale);
    if (entries === undefined) return [];
    return sortedSources(entries).map((source) => entries.get(source) as TmEntry);
  }

  size(targetLocale: string): number {
    return this.#cache.get(targetLocale)?.size ?? 0;
  }

  async prefetch(targetLocale: string, sources: Iterable<string> | 'all'): Promise<void> {
    const select = `SELECT ${ENTRY_COLUMNS} FROM ${ENTRIES} WHERE source_lang = $1 AND target_lang = $2`;
    if (sources === 'all') {
      const { rows } = await this.#db.run('read the TM', (pool) => pool.query<EntryRow>(select, [this.sourceLocale, targetLocale]));
      this.#hold(targetLocale, rows.map(entryOfRow));
      return;
    }
    const wanted = [...new Set(sources)].filter((s) => this.lookup(targetLocale, s) === undefined);
    for (const part of chunks(wanted.map(sourceHash))) {
      const sql = `${select} AND source_hash IN (SELECT decode(h, 'hex') FROM unnest($3::text[]) AS h)`;
      const { rows } = await this.#db.run('read the TM', (pool) => pool.query<EntryRow>(sql, [this.sourceLocale, targetLocale, part]));
      this.#hold(targetLocale, rows.map(entryOfRow));
    }
  }

  /** Upserts and clears the leases of these sources in one transaction, committed before this resolves. */
  record(targetLocale: string, entries: readonly TmEntry[]): Promise<void> {
    return this.recordAll(new Map([[targetLocale, entries]]));
  }

  /** `record` for several target locales in one transaction: every entry is committed, or none. */
  async recordAll(byLocale: ReadonlyMap<string, readonly TmEntry[]>): Promise<void> {
    const copiesOf = new Map<string, TmEntry[]>();
    for (const [targetLocale, entries] of byLocale) {
      if (!isLocaleTag(targetLocale)) throw new TypeError(`PgTmStore.record: invalid target locale ${JSON.stringify(targetLocale)}`);
      const bySource = new Map<string, TmEntry>();
      entries.forEach((entry, index) => {
        const problem = entryProblem(entry);
        if (problem !== undefined) throw new TypeError(`PgTmStore.record: entry ${index}: ${problem}`);
        bySource.set(entry.source, canonicalEntry(entry)); // a later entry for a source replaces the earlier
      });
      if (bySource.size > 0) copiesOf.set(targetLocale, [...bySource.values()]);
    }
    if (copiesOf.size === 0) return;
    await this.#db.transaction('record in the TM', async (client) => {
      for (const [targetLocale, copies] of copiesOf) {
        await client.query(`INSERT INTO ${PAIRS} (source_lang, target_lang) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [this.sourceLocale, targetLocale]);
        for (const part of chunks(copies)) {
          const columns = entryColumns(part);
          await client.query(UPSERT_SQL, [this.sourceLocale, targetLocale, ...columns]);
          await client.query(`DELETE FROM ${LEASES} WHERE source_lang = $1 AND target_lang = $2 AND source_hash IN (SELECT decode(h, 'hex') FROM unnest($3::text[]) AS h)`, [this.sourceLocale, targetLocale, columns[0]]);
        }
      }
    });
    for (const [targetLocale, copies] of copiesOf) {
      this.#targets.add(targetLocale);
      this.#hold(targetLocale, copies);
    }
  }

  /** Every `record` is already committed: nothing to compact. */
  async save(): Promise<string[]> {
    return [];
  }

  fuzzy(targetLocale: string, source: string, threshold: number, limit: number): Promise<FuzzySuggestion[]> {
    return this.#fuzzy.query(this.sourceLocale, targetLocale, source, threshold, limit);
  }

  async claim(targetLocale: string, sources: readonly string[]): Promise<SegmentClaim> {
    const bySource = new Map([...new Set(sources)].map((s) => [sourceHash(s), s]));
    // Sorted, so that two processes claiming overlapping sets lock rows in the same order.
    const hashes = [...bySource.keys()].sort();
    const taken = new Set<string>();
    for (const part of chunks(hashes)) {
      const { rows } = await this.#db.run('claim segments', (pool) => pool.query<{ h: string }>(CLAIM_SQL, [this.sourceLocale, targetLocale, part, this.#owner, this.#leaseMs, this.#maxAttempts]));
      for (const row of rows) taken.add(row.h);
    }
    // Answered meanwhile (committed after this job planned): nothing to send, nothing to wait for.
    await this.prefetch(targetLocale, bySource.values());
    const answered = hashes.filter((h) => this.lookup(targetLocale, bySource.get(h) as string) !== undefined);
    const release = answered.filter((h) => taken.has(h));
    if (release.length > 0) await this.#release(targetLocale, release);
    const done = new Set(answered);
    const mine = hashes.filter((h) => taken.has(h) && !done.has(h)).map((h) => bySource.get(h) as string);
    const held = hashes.filter((h) => !taken.has(h) && !done.has(h));
    const dead = await this.#abandonedOf(targetLocale, held);
    for (const h of dead) this.#abandonedSet(targetLocale).add(bySource.get(h) as string);
    const others = held.filter((h) => !dead.has(h)).map((h) => bySource.get(h) as string);
    return { mine, others };
  }

  /**
   * Sources of this locale that `claim` or `awaitClaims` found abandoned: their holders died
   * `maxAttempts` times (a lease expired each time), so they are neither sent nor waited for.
   */
  abandoned(targetLocale: string): string[] {
    return [...(this.#abandoned.get(targetLocale) ?? [])].filter((source) => this.lookup(targetLocale, source) === undefined);
  }

  #abandonedSet(targetLocale: string): Set<string> {
    let set = this.#abandoned.get(targetLocale);
    if (!set) this.#abandoned.set(targetLocale, (set = new Set()));
    return set;
  }

  async #abandonedOf(targetLocale: string, hashes: readonly string[]): Promise<Set<string>> {
    const dead = new Set<string>();
    for (const part of chunks(hashes)) {
      const { rows } = await this.#db.run('read expired leases', (pool) => pool.query<{ h: string }>(ABANDONED_SQL, [this.sourceLocale, targetLocale, part, this.#maxAttempts]));
      for (const row of rows) dead.add(row.h);
    }
    return dead;
  }

  async awaitClaims(targetLocale: string, sources: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const takenOver: string[] = [];
    let waiting = [...sources];
    while (waiting.length > 0 && !signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
      const { mine, others } = await this.claim(targetLocale, waiting);
      takenOver.push(...mine);
      waiting = others;
    }
    return takenOver;
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#fuzzy.end();
    await this.#db.pool.query(`DELETE FROM ${LEASES} WHERE owner = $1`, [this.#owner]).catch(() => undefined); // else they expire
    await this.#db.pool.end().catch(() => undefined);
  }

  #hold(targetLocale: string, entries: readonly TmEntry[]): void {
    let held = this.#cache.get(targetLocale);
    if (!held) this.#cache.set(targetLocale, (held = new Map()));
    for (const entry of entries) held.set(entry.source, entry);
  }

  async #release(targetLocale: string, hashes: string[]): Promise<void> {
    const sql = `DELETE FROM ${LEASES} WHERE source_lang = $1 AND target_lang = $2 AND owner = $4 AND source_hash IN (SELECT decode(h, 'hex') FROM unnest($3::text[]) AS h)`;
    await this.#db.run('release leases', (pool) => pool.query(sql, [this.sourceLocale, targetLocale, hashes, this.#owner]));
  }

  async #renew(): Promise<void> {
    const pool: Pool = this.#db.pool;
    await pool.query(`UPDATE ${LEASES} SET expires = now() + $2 * interval '1 millisecond' WHERE owner = $1`, [this.#owner, this.#leaseMs]).catch(() => undefined);
  }
}

export { storeError };
