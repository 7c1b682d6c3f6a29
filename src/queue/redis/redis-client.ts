/**
 * The Redis connection of a queue run or a worker: ioredis, loaded on first use (the default,
 * single-process path never loads it). `connectRedis` fails fast and in our words when Redis is
 * not there, instead of ioredis's endless reconnecting.
 */
import type { Redis } from 'ioredis';
import { TilmashError } from '../../errors.js';
import type { RedisQueueAddress } from './redis-queue-url.js';

/** Connection options both ioredis and BullMQ take. */
export interface RedisConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
  connectTimeout: number;
}

/** Options for ioredis and BullMQ (which needs `maxRetriesPerRequest: null` for its blocking reads). */
export function redisOptions(address: RedisQueueAddress): RedisConnection {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
    ...(address.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
  };
}

/** A connected client (PING answered), or the `queue` error naming the URL (never its password) and the fix. */
export async function connectRedis(address: RedisQueueAddress): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient({ ...redisOptions(address), lazyConnect: true, retryStrategy: (times) => (times > 3 ? null : 200 * times) });
  client.on('error', () => undefined); // reported by the failed connect or command below
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw unreachable(address, error);
  }
  // Once connected, a Redis restart is waited out (commands wait for the reconnect), as BullMQ's own connections do.
  client.options.retryStrategy = (times) => Math.min(200 * times, 2000);
  return client;
}

export function unreachable(address: RedisQueueAddress, error: unknown): TilmashError {
  const why = error instanceof Error ? error.message.replace(address.password ?? '\u0000', '***') : String(error);
  return new TilmashError('queue', `The queue ${address.shown} cannot be reached (${why}). Fix: start Redis there (e.g. \`redis-server --daemonize yes --port 6379 --bind 127.0.0.1\`) or pass the right --queue URL. Nothing was sent.`);
}

/** Tilmash's own keys beside BullMQ's (which live under `bull:<name>:`). */
export function ownKey(address: RedisQueueAddress, what: 'rate' | 'backoff' | 'quota' | 'answers'): string {
  return `tilmash:${address.name}:${what}`;
}
