/**
 * `--queue redis://[user:password@]host[:port][/db][?name=<queue>]`: where the batches of a run wait for
 * workers. The password (if any) is Redis's own and stays in this process; it is never shown: messages
 * name the queue by `redactedUrl`. The queue name (default `tilmash`) lets several projects share one Redis.
 */
import { TilmashError } from '../../errors.js';

export interface RedisQueueAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The BullMQ queue name; Tilmash's own keys are `tilmash:<name>:…`. */
  name: string;
  /** The URL without its password, for messages. */
  shown: string;
}

export function parseQueueUrl(value: string): RedisQueueAddress {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad(value, 'not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(value, `the scheme is ${url.protocol.replace(':', '')}, not redis or rediss`);
  const db = url.pathname === '' || url.pathname === '/' ? 0 : Number(url.pathname.slice(1));
  if (!Number.isInteger(db) || db < 0) throw bad(value, `the database ${JSON.stringify(url.pathname.slice(1))} is not a number`);
  const name = url.searchParams.get('name') ?? 'tilmash';
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) throw bad(value, `the queue name ${JSON.stringify(name)} may hold only letters, digits, '_', '.' and '-'`);
  const shownUrl = new URL(url.href);
  if (shownUrl.password) shownUrl.password = '***';
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
    name,
    shown: shownUrl.href,
  };
}

function bad(value: string, why: string): TilmashError {
  const shown = value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  return new TilmashError('usage', `--queue ${shown}: ${why}. Fix: pass a Redis URL such as redis://127.0.0.1:6379 (optionally /<db> and ?name=<queue>).`);
}
