/**
 * The connection pool of the shared TM and its one error: every failure of the database (down,
 * restarted, refused, out of space) becomes a `TilmashError('tmStore')` naming the database (password
 * hidden), the step and the fix. `pg` is imported here, on first use only.
 */
import type { Pool, PoolClient } from 'pg';
import { TilmashError } from '../../errors.js';
import { redactUrl, scrubPassword } from './pg-url.js';

export interface Connected {
  url: string;
  pool: Pool;
  /** The URL as shown in messages (password `***`). */
  shown: string;
  run<T>(what: string, task: (pool: Pool) => Promise<T>): Promise<T>;
  transaction<T>(what: string, task: (client: PoolClient) => Promise<T>): Promise<T>;
}

const ignore = (): void => undefined;

export function storeError(url: string, what: string, error: unknown): TilmashError {
  if (error instanceof TilmashError) return error;
  const shown = redactUrl(url);
  const code = (error as { code?: string }).code;
  const detail = scrubPassword(error instanceof Error ? error.message : String(error), url);
  return new TilmashError(
    'tmStore',
    `${shown}: the shared TM database failed to ${what} (${code ? `${code}: ` : ''}${detail}). Nothing recorded before this is lost. Fix: check that the PostgreSQL server is running and reachable, and that the role may create tables (and the pg_trgm extension) in that database; then run the command again.`,
    { file: shown, cause: error },
  );
}

/** The store error for a failure of `db` (see storeError). */
export function storeErrorOf(db: Connected, what: string, error: unknown): TilmashError {
  return storeError(db.url, what, error);
}

export async function connect(url: string, migrate: (client: PoolClient) => Promise<void>): Promise<Connected> {
  const { default: pg } = await import('pg');
  // allowExitOnIdle: an idle pool never keeps a finished command alive.
  const pool = new pg.Pool({ connectionString: url, max: 4, allowExitOnIdle: true, connectionTimeoutMillis: 10_000 });
  // A server restart kills idle connections: the pool drops them and the next query reconnects.
  pool.on('error', ignore);
  // …and a connection that dies mid-query can emit more than one error (pool.query listens once):
  // the query itself fails with it; the event must not escape as an uncaught exception.
  pool.on('connect', (client) => client.on('error', ignore));
  const connected: Connected = {
    url,
    pool,
    shown: redactUrl(url),
    run: async (what, task) => {
      try {
        return await task(pool);
      } catch (error) {
        throw storeError(url, what, error);
      }
    },
    transaction: async (what, task) => {
      let client: PoolClient | undefined;
      try {
        client = await pool.connect();
        client.on('error', ignore); // a server going away mid-transaction fails the query below instead
        await client.query('BEGIN');
        const result = await task(client);
        await client.query('COMMIT');
        client.off('error', ignore);
        client.release();
        return result;
      } catch (error) {
        if (client) {
          await client.query('ROLLBACK').catch(() => undefined);
          client.off('error', ignore);
          client.release(true); // never reuse a connection in an unknown state
        }
        throw storeError(url, what, error);
      }
    },
  };
  try {
    const client = await pool.connect();
    client.on('error', ignore);
    try {
      await migrate(client);
    } finally {
      client.off('error', ignore);
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw storeError(url, 'connect and create the TM tables', error);
  }
  return connected;
}
