/**
 * The shared TM's tables, created and migrated on first use (numbered steps, each applied once,
 * under an advisory lock so that two processes starting at once do not race). Dates are kept as the
 * exact ISO strings of the entries and findings as their JSON text, so `tilmash tm pull` gives back
 * the pushed files byte for byte.
 */
import type { PoolClient } from 'pg';

/** Arbitrary, fixed: the advisory lock that serialises migrations of one database. */
const MIGRATION_LOCK = 7_342_017;

export const ENTRIES = 'tilmash_tm_entries';
export const LEASES = 'tilmash_tm_leases';
export const PAIRS = 'tilmash_tm_pairs';

export const SCHEMA = 'tilmash_tm_schema';

/**
 * The schema as numbered steps, applied in order, each once (recorded in `tilmash_tm_schema`), each
 * idempotent by itself (a database made before the steps were numbered has the tables and no record:
 * its steps run again and change nothing). A new step gets the next number; none is ever edited.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'entries (trigram index on the folded source), leases, pairs',
    statements: [
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
        PRIMARY KEY (source_lang, target_lang, source_hash))`,
      `CREATE TABLE IF NOT EXISTS ${PAIRS} (
        source_lang text NOT NULL,
        target_lang text NOT NULL,
        PRIMARY KEY (source_lang, target_lang))`,
    ],
  },
  {
    version: 2,
    name: 'lease attempts: how many holders a segment had; one whose holders died too often is not sent again',
    statements: [`ALTER TABLE ${LEASES} ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 1`],
  },
];

/** Applies the steps this database lacks, in order, in one transaction under the migration lock. */
export async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA} (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${SCHEMA}`);
    const applied = new Set(rows.map((row) => row.version));
    for (const step of MIGRATIONS) {
      if (applied.has(step.version)) continue;
      for (const statement of step.statements) await client.query(statement);
      await client.query(`INSERT INTO ${SCHEMA} (version, name) VALUES ($1, $2)`, [step.version, step.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
