/**
 * The PostgreSQL server of the integration tests: TILMASH_TEST_PG_URL (a role that may create
 * databases), default postgres://tilmash:tilmash@127.0.0.1:5432/tilmash_test. Absent server: the
 * suite is skipped with a message, except in CI (`CI=true`), where it fails. Each test file gets
 * fresh databases of its own (dropped at the end).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BASE_URL = process.env['TILMASH_TEST_PG_URL'] || 'postgres://tilmash:tilmash@127.0.0.1:5432/tilmash_test';

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable();
if (problem !== undefined) {
  if (process.env['CI'] === 'true') throw new Error(`CI: the PostgreSQL integration tests need a server at TILMASH_TEST_PG_URL (${problem}); .ci/run installs and starts one.`);
  console.warn(`Skipping the PostgreSQL integration tests: no server reachable (${problem}). See README, Development.`);
}
export const PG_AVAILABLE = problem === undefined;

const made: string[] = [];

/** A fresh, empty database; its URL. */
export async function freshDatabase(): Promise<string> {
  const name = `tilmash_t_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  made.push(name);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabases(): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    for (const name of made.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one SQL statement against `url`. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
