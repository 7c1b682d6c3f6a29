import type { ResolvedConfig } from '../config/resolved-config.js';
import { TilmashError } from '../errors.js';
import { isPostgresUrl, redactUrl } from '../tm/postgres/pg-url.js';

/** The shared TM's URL, if the job uses one. Throws `config` for a TILMASH_TM_URL that is not a PostgreSQL URL. */
export function tmStoreUrl(config: Pick<ResolvedConfig, 'tmStore'>): string | undefined {
  if (config.tmStore !== undefined) return config.tmStore;
  const fromEnv = process.env['TILMASH_TM_URL'];
  if (fromEnv === undefined || fromEnv === '') return undefined;
  if (!isPostgresUrl(fromEnv)) {
    throw new TilmashError('config', `TILMASH_TM_URL: expected a PostgreSQL URL (postgres://user@host:5432/db), found ${JSON.stringify(redactUrl(fromEnv))}. Fix the variable, or unset it to use the file TM in tm.dir.`);
  }
  return fromEnv;
}
