/**
 * Real Redis for the queue-worker suites: TILMASH_TEST_REDIS_URL (default redis://127.0.0.1:6379).
 * Absent outside CI, the suites skip with a message saying how to start it; with CI=true they fail.
 * Each test gets its own queue name, obliterated afterwards; workers are real `tilmash worker`
 * processes (the built CLI) against the fake DeepL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { CLI } from '../helpers/project.js';

export const REDIS_URL = process.env.TILMASH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers; with CI=true an absent Redis is an error, not a skip. */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`CI=true and Redis is not reachable at ${REDIS_URL}: .ci/run installs redis-server and starts it (README, Development).`);
    console.warn(`queue-workers: skipped, no Redis at ${REDIS_URL}. Start one with \`redis-server --daemonize yes --port 6379 --bind 127.0.0.1\` (or set TILMASH_TEST_REDIS_URL).`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** A fresh queue URL (its own name) and a clean-up that removes everything it left in Redis. */
export function freshQueue(): { url: string; name: string; cleanUp: () => Promise<void> } {
  const name = `test-${randomUUID().slice(0, 8)}`;
  const url = `${REDIS_URL.replace(/\/$/, '')}/0?name=${name}`;
  return {
    url,
    name,
    cleanUp: async () => {
      const client = new Redis(REDIS_URL);
      try {
        for (const pattern of [`bull:${name}:*`, `tilmash:${name}:*`]) {
          const keys = await client.keys(pattern);
          if (keys.length > 0) await client.del(...keys);
        }
      } finally {
        client.disconnect();
      }
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `tilmash worker` in `dir`; resolves once it is waiting for batches. */
export async function startWorker(dir: string, queueUrl: string, env: Record<string, string>, extra: string[] = []): Promise<WorkerProcess> {
  const childEnv: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', queueUrl, ...extra], { cwd: dir, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (err.includes('waiting for batches')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${err}`)));
  });
  return { child, stderr: () => err, exited };
}

export async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
}
