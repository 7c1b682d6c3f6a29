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
/** Word bigrams of the folded sources (pg-fuzzy.ts finds fuzzy candidates through them). */
export const GRAMS = 'tilmash_tm_grams';

export const SCHEMA = 'tilmash_tm_schema';

/**
 * Step 3. A source's grams are its folded form's word bigrams, with an empty word before the first
 * and after the last (so a one-word source has two), hashed together with the language pair; an
 * entry is named by the first 8 bytes of its source hash (`tilmash_tm_key`; a collision only adds a
 * candidate, which the edit similarity then judges). The rows carry the folded length, so a query
 * reads only the postings within its length bounds. Triggers keep the grams in step with every
 * insert, delete and change of an entry, whoever writes it; the entries present when the step runs
 * are filled in once (only into an empty table, so that the step stays idempotent).
 */
const WORD_GRAM_STEP = [
  `CREATE OR REPLACE FUNCTION tilmash_tm_word_grams(folded text, source_lang text, target_lang text) RETURNS SETOF bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT hashtextextended(source_lang || chr(31) || target_lang || chr(31) || coalesce(w[i - 1], '') || ' ' || coalesce(w[i], ''), 0)
    FROM (SELECT string_to_array(folded, ' ') AS w) AS s, generate_series(1, coalesce(array_length(w, 1), 0) + 1) AS i $$`,
  `CREATE OR REPLACE FUNCTION tilmash_tm_key(hash bytea) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ('x' || encode(substring(hash FROM 1 FOR 8), 'hex'))::bit(64)::bigint $$`,
  `CREATE TABLE IF NOT EXISTS ${GRAMS} (gram bigint NOT NULL, len integer NOT NULL, entry bigint NOT NULL)`,
  `CREATE OR REPLACE FUNCTION tilmash_tm_grams_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM ${GRAMS} WHERE gram IN (SELECT tilmash_tm_word_grams(OLD.folded, OLD.source_lang, OLD.target_lang))
          AND len = length(OLD.folded) AND entry = tilmash_tm_key(OLD.source_hash);
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO ${GRAMS} (gram, len, entry)
          SELECT g, length(NEW.folded), tilmash_tm_key(NEW.source_hash) FROM tilmash_tm_word_grams(NEW.folded, NEW.source_lang, NEW.target_lang) AS g;
      END IF;
      RETURN NULL;
    END $$`,
  `DROP TRIGGER IF EXISTS ${GRAMS}_insert_delete ON ${ENTRIES}`,
  `CREATE TRIGGER ${GRAMS}_insert_delete AFTER INSERT OR DELETE ON ${ENTRIES} FOR EACH ROW EXECUTE FUNCTION tilmash_tm_grams_sync()`,
  `DROP TRIGGER IF EXISTS ${GRAMS}_update ON ${ENTRIES}`,
  `CREATE TRIGGER ${GRAMS}_update AFTER UPDATE ON ${ENTRIES} FOR EACH ROW
    WHEN ((OLD.folded, OLD.source_hash, OLD.source_lang, OLD.target_lang) IS DISTINCT FROM (NEW.folded, NEW.source_hash, NEW.source_lang, NEW.target_lang))
    EXECUTE FUNCTION tilmash_tm_grams_sync()`,
  `INSERT INTO ${GRAMS} (gram, len, entry)
    SELECT g, length(e.folded), tilmash_tm_key(e.source_hash) FROM ${ENTRIES} AS e, tilmash_tm_word_grams(e.folded, e.source_lang, e.target_lang) AS g
    WHERE NOT EXISTS (SELECT 1 FROM ${GRAMS})`,
  `CREATE INDEX IF NOT EXISTS ${GRAMS}_gram ON ${GRAMS} (gram, len, entry)`,
  `CREATE INDEX IF NOT EXISTS ${ENTRIES}_key ON ${ENTRIES} (source_lang, target_lang, tilmash_tm_key(source_hash))`,
];

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
  {
    version: 3,
    name: 'word bigrams of the folded sources (fuzzy candidates by B-tree), kept by triggers; filled for the entries already there',
    statements: WORD_GRAM_STEP,
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
