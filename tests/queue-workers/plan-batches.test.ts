/** The submitting side of the batch step, without Redis: batches as the single process makes them, stable ids, the account's limit in every job. */
import { describe, expect, it } from 'vitest';
import type { MissingSegment } from '../../src/job/plan-job.js';
import type { TranslateMissingOptions } from '../../src/job/translate-missing.js';
import { planBatches } from '../../src/workflows/worker/plan-batches.js';
import { FakeEngine } from '../helpers/fake-engine.js';

const missing = (n: number): MissingSegment[] => Array.from({ length: n }, (_, i) => ({ source: `Предложение номер ${i + 1}.`, syntax: 'plain', context: '', uses: [{ namespace: 'doc', key: `p${i}` }] }));

function options(queue: Record<string, unknown> = {}): TranslateMissingOptions {
  return {
    plan: { locales: [] },
    engine: new FakeEngine({ id: 'deepl' }),
    tm: undefined as never,
    queue: { batchSize: 5, concurrency: 2, requestsPerInterval: 10, intervalMs: 1000, maxRetries: 3, ...queue },
    sourceLanguage: 'RU',
    doNotTranslate: ['Tilmash'],
    glossaryEntries: () => [],
    checkSegment: () => [],
    now: () => new Date(0),
  };
}

const locale = (n: number) => ({ locale: 'kk', engineLanguage: 'KK', segments: n, fromTm: 0, missing: missing(n), billedCharacters: 0 });

describe('planBatches', () => {
  it('cuts the misses into batches of batchSize with stable ids and the account limit, and no secret', async () => {
    const a = await planBatches(options(), locale(12) as never);
    expect(a.jobs.map((j) => j.data.items.length)).toEqual([5, 5, 2]);
    expect(a.total).toBe(12);
    expect(a.jobs[0]?.data).toMatchObject({ engineId: 'deepl', locale: 'kk', engineLanguage: 'KK', format: 'text', doNotTranslate: ['Tilmash'], rate: { requestsPerInterval: 10, intervalMs: 1000 } });
    const b = await planBatches(options(), locale(12) as never);
    expect(b.jobs.map((j) => j.id)).toEqual(a.jobs.map((j) => j.id)); // the same batch, the same id
    expect(new Set(a.jobs.map((j) => j.id)).size).toBe(3);
    expect(JSON.stringify(a.jobs)).not.toMatch(/auth|key/i);
  });

  it('takes engine.maxRequestsPerSecond as the shared limit when the config has one (a fractional one over 10 s)', async () => {
    expect((await planBatches(options({ maxRequestsPerSecond: 8 }), locale(3) as never)).jobs[0]?.data.rate).toMatchObject({ requestsPerInterval: 8, intervalMs: 1000 });
    expect((await planBatches(options({ maxRequestsPerSecond: 2.5 }), locale(3) as never)).jobs[0]?.data.rate).toMatchObject({ requestsPerInterval: 25, intervalMs: 10000 });
  });
});
