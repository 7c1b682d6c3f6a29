/**
 * Fuzzy suggestions from the shared TM. Candidates come from the word bigrams of the folded sources
 * (`tilmash_tm_grams`, schema step 3, a B-tree): the entries within the query's length bounds that
 * share the most of the query's word bigrams; they are then scored with the file TM's similarity
 * (1 − Levenshtein / longer length, fuzzy-match.ts), filtered by the threshold and ranked the same
 * way. A bigram found in more than POSTING_CAP entries of that length window is common (a stop
 * phrase such as "млн тенге") and counts for nothing: it would cost the most and tell the least.
 * So each query reads at most POSTING_CAP + 1 index entries per bigram, whatever the TM's size.
 *
 * This is not exact: an entry that shares none of the query's uncommon bigrams (an edit in nearly
 * every word) is not found, nor one outside the CANDIDATES sharing the most. The pg_trgm GIN index
 * of step 1 (every query trigram's posting list) was exact enough but read ~5 000 index pages per
 * query at 10^6 entries whatever its threshold; bench/pg-fuzzy-bench.ts measures the recall of this
 * path against the exact answer (docs/BENCHMARKS.md, "Shared TM in PostgreSQL").
 * A query slower than the store's `fuzzyTimeoutMs` (default 2 s) gives no suggestions.
 * Queries go over one connection of their own with the statement prepared once (one round trip).
 */
import type { PoolClient } from 'pg';
import { foldForMatch } from '../fuzzy-distance.js';
import { similarity } from '../fuzzy-match.js';
import type { FuzzySuggestion } from '../tm-store.js';
import { ENTRIES, GRAMS } from './pg-schema.js';
import { storeErrorOf, type Connected } from './pg-connect.js';

/** Entries rescored by the edit similarity, those sharing the most bigrams with the query. */
export const CANDIDATES = 20;
/** A bigram of more entries than this (within the length bounds) is not counted. */
export const POSTING_CAP = 1000;

// Each bigram's postings as one array (at most POSTING_CAP + 1, so a common one is seen as such
// without reading it all); the OFFSET 0 keeps the entry lookup a nested loop over the CANDIDATES keys.
const FUZZY_SQL = `SELECT e.source, e.target, e.origin FROM (
    SELECT entry, count(*) AS shared FROM (
      SELECT ARRAY(SELECT g.entry FROM ${GRAMS} AS g WHERE g.gram = q.gram AND g.len BETWEEN $4 AND $5 LIMIT ${POSTING_CAP + 1}) AS postings
      FROM tilmash_tm_word_grams($3, $1, $2) AS q(gram)) AS x
    CROSS JOIN LATERAL unnest(x.postings) AS entry
    WHERE cardinality(x.postings) <= ${POSTING_CAP} GROUP BY entry ORDER BY shared DESC, entry LIMIT ${CANDIDATES}) AS c
  CROSS JOIN LATERAL (SELECT source, target, origin FROM ${ENTRIES}
    WHERE source_lang = $1 AND target_lang = $2 AND tilmash_tm_key(source_hash) = c.entry OFFSET 0) AS e`;

/** One connection for fuzzy queries. */
export class FuzzySession {
  readonly #db: Connected;
  #client: PoolClient | undefined;
  readonly #timeoutMs: number;

  /** `timeoutMs`: a query slower than this gives no suggestions (0: no limit). */
  constructor(db: Connected, timeoutMs: number) {
    this.#db = db;
    this.#timeoutMs = timeoutMs;
  }

  async query(sourceLocale: string, targetLocale: string, source: string, threshold: number, limit: number): Promise<FuzzySuggestion[]> {
    if (!(limit > 0)) return [];
    const folded = foldForMatch(source);
    // Edit similarity ≥ t needs the lengths within a factor t of each other.
    const low = Math.floor(folded.length * threshold);
    const high = Math.ceil(folded.length / Math.max(threshold, 1e-9));
    let rows: Array<{ source: string; target: string; origin: string }>;
    try {
      const client = await this.#connection();
      ({ rows } = await client.query({ name: 'tilmash-fuzzy-grams', text: FUZZY_SQL, values: [sourceLocale, targetLocale, folded, low, Math.min(high, 2 ** 31 - 1)] }));
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
    if (client) {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  async #connection(): Promise<PoolClient> {
    if (!this.#client) {
      this.#client = await this.#db.pool.connect();
      this.#client.on('error', ignore);
      await this.#client.query(`SELECT set_config('statement_timeout', $1, false)`, [String(this.#timeoutMs)]);
    }
    return this.#client;
  }
}

const ignore = (): void => undefined;
