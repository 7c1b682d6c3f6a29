/**
 * The worker's per-batch step in this process, against the fake DeepL and real Redis: answers are in
 * Redis before the job returns, so the job's retry after a kill (between the answer and the
 * acknowledgement) pays nothing; the shared window and back-off hold across clients; no secret in Redis.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDeeplEngine } from '../../src/engine/deepl/deepl-engine.js';
import { AnswerStore } from '../../src/queue/redis/answer-store.js';
import { GlobalRate } from '../../src/queue/redis/global-rate.js';
import { parseQueueUrl } from '../../src/queue/redis/redis-queue-url.js';
import type { BatchJobData } from '../../src/workflows/worker/batch-job.js';
import { processBatch } from '../../src/workflows/worker/process-batch.js';
import { startFakeDeepl, type FakeDeepl } from '../helpers/fake-deepl-server.js';
import { maxInWindow } from '../helpers/rate-window.js';
import { freshQueue, redisAvailable, REDIS_URL } from './redis-helpers.js';

const available = await redisAvailable();
const KEY = 'sk-batch-store-secret-0123456789abcdef:fx';
const servers: FakeDeepl[] = [];
const clients: Redis[] = [];
const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});
afterAll(() => {
  for (const c of clients) c.disconnect();
});

function setUp(name: string, limit = { requestsPerInterval: 10, intervalMs: 1000, maxSkewMs: 1000 }) {
  const redis = new Redis(REDIS_URL);
  clients.push(redis);
  const keys = { window: `tilmash:${name}:rate`, backoff: `tilmash:${name}:backoff`, quota: `tilmash:${name}:quota` };
  return { redis, rate: new GlobalRate(redis, keys, limit), store: new AnswerStore(redis, `tilmash:${name}:answers`) };
}

const data = (items: BatchJobData['items']): BatchJobData => ({
  v: 1,
  engineId: 'deepl',
  locale: 'en',
  sourceLanguage: 'RU',
  engineLanguage: 'EN-US',
  format: 'xml',
  doNotTranslate: [],
  rate: { requestsPerInterval: 10, intervalMs: 1000, maxSkewMs: 1000 },
  maxRetries: 3,
  baseDelayMs: 50,
  items,
});

describe.skipIf(!available)('worker batch step and its Redis state', () => {
  it('stores every answer before returning: the retry of the same batch pays nothing and gives the same result', async () => {
    const server = await startFakeDeepl({ authKey: KEY });
    servers.push(server);
    const q = freshQueue();
    cleanUps.push(q.cleanUp);
    const { redis, rate, store } = setUp(q.name);
    const engine = createDeeplEngine({ authKey: KEY, serverUrl: server.url, timeoutMs: 5000 });
    const job = data([
      { source: 'Привет, {{name}}!', syntax: 'i18next', methods: ['xml', 'sentinel'], attempt: 0, earlier: [] },
      { source: 'Цена выросла на 5%.', syntax: 'plain', methods: ['xml'], attempt: 0, earlier: [] },
    ]);
    const first = await processBatch(job, { engine, rate, store });
    expect(server.translateRequests()).toHaveLength(1);
    expect(first.items.map((i) => i.text)).toEqual(['[EN-US] Привет, {{name}}!', '[EN-US] Цена выросла на 5%.']);
    expect(first).toMatchObject({ requests: 1, reused: 0 });
    // The worker dies here, before acknowledging: BullMQ hands the same batch to another worker.
    const retry = await processBatch(job, { engine, rate, store });
    expect(server.translateRequests()).toHaveLength(1); // nothing paid twice
    expect(retry.items).toEqual(first.items);
    expect(retry).toMatchObject({ requests: 0, reused: 2, billed: 0 });
    // The run deletes the answers once its TM holds them.
    await store.delete(first.fields);
    expect((await store.get(first.fields)).every((a) => a === undefined)).toBe(true);
    // Credentials never go into Redis.
    const keys = await redis.keys(`*${q.name}*`);
    for (const key of keys) {
      const type = await redis.type(key);
      const dump = type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'string' ? ((await redis.get(key)) ?? '') : '';
      expect(dump).not.toContain(KEY);
    }
    engine.close();
  });

  it('one window for many clients: 40 reservations from 4 clients never put more than 10 in any second', async () => {
    const q = freshQueue();
    cleanUps.push(q.cleanUp);
    const rates = Array.from({ length: 4 }, () => setUp(q.name).rate);
    const times: number[] = [];
    await Promise.all(rates.map(async (rate) => {
      for (let i = 0; i < 10; i++) {
        const slot = await rate.reserve();
        times.push(performance.now());
        await rate.settle(slot);
      }
    }));
    expect(times).toHaveLength(40);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(10);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(2900); // 40 at 10/s: at least 3 full windows
  });

  it('a back-off set by one client holds every client; the quota flag stops them all', async () => {
    const q = freshQueue();
    cleanUps.push(q.cleanUp);
    const [a, b] = [setUp(q.name).rate, setUp(q.name).rate];
    await a.backOff(400);
    const start = performance.now();
    await b.settle(await b.reserve());
    expect(performance.now() - start).toBeGreaterThanOrEqual(350);
    await a.setQuota('DeepL: quota exceeded (456)');
    await expect(b.reserve()).rejects.toThrow(/quota exceeded/);
  });

  it('parses queue URLs and never shows the password', () => {
    const address = parseQueueUrl('redis://user:s3cret@redis.example:6380/2?name=newsroom');
    expect(address).toMatchObject({ host: 'redis.example', port: 6380, db: 2, username: 'user', password: 's3cret', name: 'newsroom' });
    expect(address.shown).not.toContain('s3cret');
    expect(() => parseQueueUrl('http://x')).toThrow(/redis:\/\/127\.0\.0\.1:6379/);
    expect(() => parseQueueUrl('redis://:pw@h/0?name=a b')).toThrow(/queue name/);
    try {
      parseQueueUrl('postgres://u:topsecret@h');
    } catch (error) {
      expect(String(error)).not.toContain('topsecret');
    }
  });
});
