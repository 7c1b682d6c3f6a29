/**
 * Fuzzy suggestions from the shared TM: the GIN trigram index (pg_trgm) finds candidates whose
 * folded source shares enough trigrams with the query's; they are then scored with the file TM's
 * similarity (1 − Levenshtein / longer length, fuzzy-match.ts), filtered by the threshold and ranked
 * the same way. Trigram similarity is not edit similarity, so the candidate floor is lower than the
 * threshold (CANDIDATE_FLOOR) and the best CANDIDATES by trigram similarity are rescored.
 */
import { foldForMatch } from '../fuzzy-distance.js';
import { similarity } from '../fuzzy-match.js';
import type { FuzzySuggestion } from '../tm-store.js';
import { ENTRIES } from './pg-schema.js';
import type { Connected } from './pg-connect.js';

const CANDIDATES = 50;

/** The trigram similarity a candidate needs, for an edit-similarity threshold `t`. */
export function candidateFloor(t: number): number {
  return Math.max(0.1, t - 0.45);
}

export async function pgFuzzy(db: Connected, sourceLocale: string, targetLocale: string, source: string, threshold: number, limit: number): Promise<FuzzySuggestion[]> {
  const folded = foldForMatch(source);
  // Edit similarity ≥ t needs the lengths within a factor t of each other.
  const low = Math.floor(folded.length * threshold);
  const high = Math.ceil(folded.length / threshold);
  const rows = await db.transaction('find fuzzy matches', async (client) => {
    await client.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(candidateFloor(threshold))]);
    const { rows: found } = await client.query<{ source: string; target: string; origin: string }>(
      `SELECT source, target, origin FROM ${ENTRIES}
       WHERE folded % $3 AND source_lang = $1 AND target_lang = $2 AND length(folded) BETWEEN $4 AND $5
       ORDER BY similarity(folded, $3) DESC LIMIT ${CANDIDATES}`,
      [sourceLocale, targetLocale, folded, low, high],
    );
    return found;
  });
  return rows
    .map((row) => ({ source: row.source, target: row.target, origin: row.origin, similarity: similarity(source, row.source) }))
    .filter((s) => s.similarity >= threshold && s.similarity < 1)
    .sort((a, b) => b.similarity - a.similarity || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
    .slice(0, limit);
}
