/**
 * Fuzzy suggestions from the shared TM: the GIN trigram index (pg_trgm) finds candidates whose
 * folded source shares enough trigrams with the query's; they are then scored with the file TM's
 * similarity (1 − Levenshtein / longer length, fuzzy-match.ts), filtered by the threshold and ranked
 * the same way. Trigram similarity is not edit similarity, so the candidate floor is lower than the
 * threshold (`candidateFloor`) and the best CANDIDATES by trigram similarity are rescored.
 * A query slower than the store's `fuzzyTimeoutMs` (default 2 s) gives no suggestions.
 * Queries go over one connection of their own, with the trigram threshold set once for it and the
 * statement prepared once (a suggestion is one round trip).
 */
import type { PoolClient } from 'pg';
import { foldForMatch } from '../fuzzy-distance.js';
import { similarity } from '../fuzzy-match.js';
import type { FuzzySuggestion } from '../tm-store.js';
import { ENTRIES } from './pg-schema.js';
import { storeErrorOf, type Connected } from './pg-connect.js';

const CANDIDATES = 50;

const FUZZY_SQL = `SELECT source, target, origin FROM ${ENTRIES}
  WHERE folded % $3 AND source_lang = $1 AND target_lang = $2 AND length(folded) BETWEEN $4 AND $5
  ORDER BY similarity(folded, $3) DESC LIMIT ${CANDIDATES}`;

/** The trigram similarity a candidate needs, for an edit-similarity threshold `t`. */
export function candidateFloor(t: number): number {
  return Math.max(0.1, t - 0.45);
}

/** One connection for fuzzy queries, with the trigram threshold it was last set to. */
export class FuzzySession {
  readonly #db: Connected;
  #client: PoolClient | undefined;
  #floor: number | undefined;
  readonly #timeoutMs: number;

  /** `timeoutMs`: a query slower than this gives no suggestions (0: no limit). */
  constructor(db: Connected, timeoutMs: number) {
    this.#db = db;
    this.#timeoutMs = timeoutMs;
  }

  async query(sourceLocale: string, targetLocale: string, source: string, threshold: number, limit: number): Promise<FuzzySuggestion[]> {
    const folded = foldForMatch(source);
    // Edit similarity ≥ t needs the lengths within a factor t of each other.
    const low = Math.floor(folded.length * threshold);
    const high = Math.ceil(folded.length / threshold);
    let rows: Array<{ source: string; target: string; origin: string }>;
    try {
      const client = await this.#connection(candidateFloor(threshold));
      ({ rows } = await client.query({ name: 'tilmash-fuzzy', text: FUZZY_SQL, values: [sourceLocale, targetLocale, folded, low, high] }));
    } catch (error) {
      if ((error as { code?: string }).code === '57014') return []; // statement_timeout: no suggestion rather than a stalled export
      this.end(true);
      throw storeErrorOf(this.#db, 'find fuzzy matches', error);
    }
    return rows
      .map((row) => ({ source: row.source, target: row.target, origin: row.origin, similarity: similarity(source, row.source) }))
      .filter((s) => s.similarity >= threshold && s.similarity < 1)
      .sort((a, b) => b.similarity - a.similarity || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
      .slice(0, limit);
  }

  /** Gives the connection back (destroyed after an error: its state is unknown). */
  end(broken = false): void {
    const client = this.#client;
    this.#client = undefined;
    this.#floor = undefined;
    if (client) {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  async #connection(floor: number): Promise<PoolClient> {
    if (!this.#client) {
      this.#client = await this.#db.pool.connect();
      this.#client.on('error', ignore);
      await this.#client.query(`SELECT set_config('statement_timeout', $1, false)`, [String(this.#timeoutMs)]);
    }
    if (this.#floor !== floor) {
      await this.#client.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, false)`, [String(floor)]);
      this.#floor = floor;
    }
    return this.#client;
  }
}

const ignore = (): void => undefined;
