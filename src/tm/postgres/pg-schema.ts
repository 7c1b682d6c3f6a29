/**
 * The shared TM's tables, created on first use (idempotent, under an advisory lock so that two
 * processes starting at once do not race). Dates are kept as the exact ISO strings of the entries
 * and findings as their JSON text, so `tilmash tm pull` gives back the pushed files byte for byte.
 */
import type { PoolClient } from 'pg';

/** Arbitrary, fixed: the advisory lock that serialises migrations of one database. */
const MIGRATION_LOCK = 7_342_017;

export const ENTRIES = 'tilmash_tm_entries';
export const LEASES = 'tilmash_tm_leases';
export const PAIRS = 'tilmash_tm_pairs';

const STATEMENTS = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE TABLE IF NOT EXISTS ${ENTRIES} (
    source_lang text NOT NULL,
    target_lang text NOT NULL,
    source_hash bytea NOT NULL,
    source text NOT NULL,
    folded text NOT NULL,
    target text NOT NULL,
    origin text NOT NULL,
    status text NOT NULL,
    created text NOT NULL,
    changed text NOT NULL,
    findings text,
    PRIMARY KEY (source_lang, target_lang, source_hash))`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_folded_trgm ON ${ENTRIES} USING gin (folded gin_trgm_ops)`,
  `CREATE TABLE IF NOT EXISTS ${LEASES} (
    source_lang text NOT NULL,
    target_lang text NOT NULL,
    source_hash bytea NOT NULL,
    owner text NOT NULL,
    expires timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 1,
    PRIMARY KEY (source_lang, target_lang, source_hash))`,
  `CREATE TABLE IF NOT EXISTS ${PAIRS} (
    source_lang text NOT NULL,
    target_lang text NOT NULL,
    PRIMARY KEY (source_lang, target_lang))`,
];

export async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    for (const statement of STATEMENTS) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
