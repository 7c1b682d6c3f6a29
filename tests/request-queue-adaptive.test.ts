/**
 * The adaptive rate (AIMD): AimdRate and RateController on a fake clock, then RequestQueue with the
 * real DeepL adapter against the loopback fake server: the cap rises to the server's limit, halves
 * on a 429, never exceeds the ceiling, honours Retry-After; usage, language and glossary requests
 * take places in the same window (the fake counts every request, as DeepL does).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { createDeeplEngine } from '../src/engine/deepl/deepl-engine.js';
import type { TranslationRequest } from '../src/engine/translation-engine.js';
import { AimdRate, PROBE_AFTER_WINDOWS, type RateChange } from '../src/queue/aimd-rate.js';
import { RateController } from '../src/queue/rate-controller.js';
import { RequestQueue } from '../src/queue/request-queue.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions } from './helpers/fake-deepl-server.js';
import { makeProject } from './helpers/project.js';
import { maxInWindow } from './helpers/rate-window.js';

const KEY = 'adaptive-test-key';
const servers: FakeDeepl[] = [];
const engines: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: FakeDeeplOptions): Promise<FakeDeepl> {
  const s = await startFakeDeepl({ authKey: KEY, ...options });
  servers.push(s);
  return s;
}

function deepl(fake: FakeDeepl) {
  const engine = createDeeplEngine({ authKey: KEY, serverUrl: fake.url, timeoutMs: 5000 });
  engines.push(engine);
  return engine;
}

const request = (i: number): TranslationRequest => ({ sourceLanguage: 'RU', targetLanguage: 'EN-US', targetLocale: 'en', segments: [{ text: `Строка номер ${i}` }] });

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** `n` clean answers at the cap (the cap held requests back first). */
function cleanWindow(aimd: AimdRate, c: ReturnType<typeof clock>): void {
  aimd.heldBack();
  c.advance(10);
  const sentAt = c.now();
  for (let i = aimd.cap; i > 0; i--) aimd.succeeded(sentAt);
}

describe('AimdRate: the adaptive cap', () => {
  it('doubles per clean window until the first 429, then halves, learns the limit and climbs back to it additively', () => {
    const c = clock();
    const changes: RateChange[] = [];
    const aimd = new AimdRate(5, 100, c.now, 1000, (change) => changes.push(change));
    cleanWindow(aimd, c);
    expect(aimd.cap).toBe(10);
    cleanWindow(aimd, c);
    expect(aimd.cap).toBe(20);
    c.advance(10);
    aimd.rateLimited(c.now(), 18); // the server took 18 of ours in the interval before
    expect(aimd.cap).toBe(10); // halved (the learned 18 is more than half)
    expect(aimd.limit).toBe(18);
    // A second 429 from requests of the same episode does not lower it again.
    aimd.rateLimited(c.now() + 5, 18);
    expect(aimd.cap).toBe(10);
    cleanWindow(aimd, c);
    expect(aimd.cap).toBe(15); // + ⌈18 ÷ 4⌉
    cleanWindow(aimd, c);
    expect(aimd.cap).toBe(18); // back at the limit, not above it
    cleanWindow(aimd, c);
    expect(aimd.cap).toBe(18);
    expect(changes.map((ch) => ch.reason)).toEqual(['increase', 'increase', 'decrease', 'increase', 'increase']);
  });

  it('after the slow start, a 429 halves the cap; when the server let through less than half, the cap drops to that', () => {
    const c = clock();
    const aimd = new AimdRate(8, 100, c.now, 1000);
    cleanWindow(aimd, c); // 16
    c.advance(2000);
    aimd.rateLimited(c.now(), 3);
    expect(aimd.limit).toBe(8); // cap 8 went clean: the server takes at least 8
    expect(aimd.cap).toBe(8);
    cleanWindow(aimd, c); // cap 8 goes clean again (the cap stays at the limit)
    c.advance(2000);
    aimd.rateLimited(c.now(), 3); // a 429 at a cap that went clean: one less, or the count if more
    expect(aimd.limit).toBe(7);
    expect(aimd.cap).toBe(4);
    c.advance(2000);
    aimd.rateLimited(c.now(), 3); // no clean window since: the server's count is the limit
    expect(aimd.limit).toBe(3);
    expect(aimd.cap).toBe(2);
  });

  it('never goes above the ceiling, and probes one above the limit only after PROBE_AFTER_WINDOWS clean windows', () => {
    const c = clock();
    const aimd = new AimdRate(4, 12, c.now, 1000);
    for (let i = 0; i < 5; i++) cleanWindow(aimd, c);
    expect(aimd.cap).toBe(12); // 4 → 8 → 12 (ceiling), then stays
    const b = new AimdRate(10, 100, c.now, 1000);
    cleanWindow(b, c); // 20
    c.advance(2000);
    b.rateLimited(c.now(), 10);
    expect(b.cap).toBe(10);
    for (let i = 0; i < PROBE_AFTER_WINDOWS - 1; i++) cleanWindow(b, c);
    expect(b.cap).toBe(10);
    cleanWindow(b, c);
    expect(b.cap).toBe(11);
  });

  it('a queue that never fills its window does not raise the cap', () => {
    const c = clock();
    const aimd = new AimdRate(5, 100, c.now, 1000);
    for (let i = 0; i < 50; i++) aimd.succeeded(c.advance(100));
    expect(aimd.cap).toBe(5);
  });
});

describe('RateController', () => {
  it('adaptive: a 429 with Retry-After pauses every next start until then', () => {
    const c = clock();
    const rate = new RateController({ mode: 'adaptive', requestsPerInterval: 10, intervalMs: 1000, now: c.now });
    const first = rate.reserve();
    first.permit.sent();
    c.advance(50);
    first.permit.done('rate-limited', 2000);
    const next = rate.reserve();
    expect(next.waitMs).toBeGreaterThanOrEqual(2000);
    expect(next.paced).toBe(true);
  });

  it('adaptive: a start reserved under the old cap is released when the cap rises, and the next reservation takes the new cap at once', () => {
    const c = clock();
    const rate = new RateController({ mode: 'adaptive', requestsPerInterval: 2, intervalMs: 1000, now: c.now });
    const sent = [rate.reserve(), rate.reserve()];
    for (const r of sent) r.permit.sent();
    const waiting = rate.reserve(); // the cap (2) holds it back: its start is one interval away
    expect(waiting.waitMs).toBeGreaterThan(900);
    let told = 0;
    rate.onNextChange(() => {
      told++;
      waiting.permit.release();
    });
    c.advance(50);
    for (const r of sent) r.permit.done('ok'); // a clean window at the cap: slow start doubles it
    expect(rate.cap).toBe(4);
    expect(told).toBe(1);
    const again = rate.reserve();
    expect(again.waitMs).toBeLessThan(200); // the spacing only, not the old cap's interval
    c.advance(50);
    for (const r of [again, rate.reserve()]) r.permit.done('ok');
    expect(told).toBe(1); // told once: a listener is forgotten after the change it was told of
  });

  it('fixed: no change is ever announced to a waiting reservation', () => {
    const c = clock();
    const rate = new RateController({ mode: 'fixed', requestsPerInterval: 1, intervalMs: 1000, now: c.now });
    let told = 0;
    rate.onNextChange(() => told++);
    for (let i = 0; i < 5; i++) {
      const { permit } = rate.reserve();
      permit.sent();
      c.advance(100);
      permit.done(i === 2 ? 'rate-limited' : 'ok', 500);
    }
    expect(told).toBe(0);
  });

  it('fixed: the cap never changes, whatever the answers', () => {
    const c = clock();
    const rate = new RateController({ mode: 'fixed', requestsPerInterval: 3, intervalMs: 1000, now: c.now });
    for (let i = 0; i < 30; i++) {
      const { permit } = rate.reserve();
      permit.sent();
      permit.done('ok');
      c.advance(400);
    }
    expect(rate.cap).toBe(3);
    expect(rate.limit).toBeUndefined();
  });

  it('refuses a starting rate above an explicit ceiling in the config, naming both options', () => {
    expect(() => resolveConfig({ engine: { requestsPerInterval: 20, maxRequestsPerSecond: 10 } }, '/p/pipeline.config.ts')).toThrow(/engine\.maxRequestsPerSecond.*requestsPerInterval/s);
    expect(() => resolveConfig({ engine: { rate: 'fast' } }, '/p/pipeline.config.ts')).toThrow(/engine\.rate/);
    expect(() => resolveConfig({ engine: { maxRequestsPerSecond: 0 } }, '/p/pipeline.config.ts')).toThrow(/engine\.maxRequestsPerSecond/);
    expect(resolveConfig({}, '/p/pipeline.config.ts').engine).toMatchObject({ rate: 'adaptive', concurrency: 4, requestsPerInterval: 5 });
  });
});

describe('RequestQueue with an adaptive rate against the fake DeepL server', () => {
  it('rises to the server limit, halves on the 429 that finds it, then holds at the limit', async () => {
    const fake = await server({ latencyMs: 20, rateLimit: { requests: 6, perMs: 500 } });
    const engine = deepl(fake);
    const changes: RateChange[] = [];
    const rate = new RateController({ mode: 'adaptive', requestsPerInterval: 2, intervalMs: 500, onChange: (change) => changes.push(change) });
    const queue = new RequestQueue({ concurrency: 3, requestsPerInterval: 2, intervalMs: 500, maxRetries: 8, baseDelayMs: 50, rateController: rate });
    await Promise.all(Array.from({ length: 60 }, (_, i) => queue.submit((ctx) => engine.translate(request(i), ctx))));
    const decrease = changes.find((ch) => ch.reason === 'decrease');
    expect(decrease).toBeDefined();
    const before = changes[changes.indexOf(decrease as RateChange) - 1] as RateChange;
    expect(before.cap).toBeGreaterThan(6); // it rose past the limit, which is how it found it
    expect(decrease?.cap).toBe(Math.min(Math.floor(before.cap / 2), decrease?.limit ?? 0));
    expect(rate.limit).toBeGreaterThanOrEqual(5);
    expect(rate.limit).toBeLessThanOrEqual(7);
    const statuses = fake.translateRequests().map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(8);
  });

  it('a raised cap applies at once to requests already waiting under the old one (no interval lost in the slow start)', async () => {
    const fake = await server({ latencyMs: 10 });
    const engine = deepl(fake);
    const rate = new RateController({ mode: 'adaptive', requestsPerInterval: 2, intervalMs: 1000, maxRequestsPerSecond: 8 });
    const queue = new RequestQueue({ concurrency: 4, requestsPerInterval: 2, intervalMs: 1000, maxRetries: 0, rateController: rate });
    await Promise.all(Array.from({ length: 6 }, (_, i) => queue.submit((ctx) => engine.translate(request(i), ctx))));
    const at = fake.translateRequests().map((r) => r.at);
    expect(rate.cap).toBeGreaterThanOrEqual(4);
    // Requests 3 and 4 waited for the cap of 2 (one interval); the doubling after the first two
    // answers (~10 ms) let them go within the spacing of the new cap, not a second later.
    expect((at[2] as number) - (at[0] as number)).toBeLessThan(600);
    expect(maxInWindow(at, 1000)).toBeLessThanOrEqual(8);
  });

  it('never sends above the ceiling (maxRequestsPerSecond) to a server without a limit, and reaches it', async () => {
    const fake = await server({ latencyMs: 5 });
    const engine = deepl(fake);
    const rate = new RateController({ mode: 'adaptive', requestsPerInterval: 1, intervalMs: 500, maxRequestsPerSecond: 8 });
    const queue = new RequestQueue({ concurrency: 4, requestsPerInterval: 1, intervalMs: 500, maxRetries: 2, rateController: rate });
    await Promise.all(Array.from({ length: 30 }, (_, i) => queue.submit((ctx) => engine.translate(request(i), ctx))));
    expect(rate.cap).toBe(4); // 8 per second = 4 per 500 ms
    expect(maxInWindow(fake.requests.map((r) => r.at), 500)).toBeLessThanOrEqual(4);
  });

  it('honours Retry-After: after a 429 nothing reaches the server until the pause is over', async () => {
    const fake = await server({ latencyMs: 10, rateLimit: { requests: 3, perMs: 500, retryAfterSeconds: 1 } });
    const engine = deepl(fake);
    const rate = new RateController({ mode: 'adaptive', requestsPerInterval: 3, intervalMs: 500 });
    const queue = new RequestQueue({ concurrency: 2, requestsPerInterval: 3, intervalMs: 500, maxRetries: 8, baseDelayMs: 10, rateController: rate });
    await Promise.all(Array.from({ length: 20 }, (_, i) => queue.submit((ctx) => engine.translate(request(i), ctx))));
    const log = fake.translateRequests();
    const first429 = log.findIndex((r) => r.status === 429);
    expect(first429).toBeGreaterThanOrEqual(0);
    const limited = log[first429] as { at: number };
    // Requests already on the wire when the 429 left may still arrive; then a second of silence.
    const later = log.slice(first429 + 1).filter((r) => r.at > limited.at + 100);
    expect(later.length).toBeGreaterThan(0);
    expect((later[0] as { at: number }).at - limited.at).toBeGreaterThanOrEqual(950);
  });
});

describe('every request to the engine host counts in the window', () => {
  it('usage, language and glossary requests of a run take their places: never more than the limit in any window, no 429', async () => {
    // The fake counts every request, as DeepL does; the fixed cap equals its limit.
    const fake = await server({ latencyMs: 5, rateLimit: { requests: 4, perMs: 1000, counts: 'all' } });
    const engine = deepl(fake);
    const sentences = Array.from({ length: 24 }, (_, i) => `Си Цзиньпин посетил саммит номер ${i + 1} в Астане.`);
    const dir = makeProject(
      {
        'pipeline.config.ts': 'export default {};\n',
        'glossary.json': JSON.stringify({ terms: [{ ru: 'Си Цзиньпин', en: 'Xi Jinping', kk: 'Си Цзиньпин', zh: '习近平' }] }),
        'source/doc.ru.txt': `${sentences.join('\n\n')}\n`,
      },
      { link: false },
    );
    const engineConfig = { rate: 'fixed', batchSize: 4, concurrency: 2, requestsPerInterval: 4, intervalMs: 1000, maxRetries: 1 };
    const config = resolveConfig({ targets: { en: {}, kk: {}, zh: {} }, glossary: 'glossary.json', engine: engineConfig, qa: { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off', glossary: 'off' } } }, path.join(dir, 'pipeline.config.ts'));
    const report = await runJob({ config, engine });
    expect(report.failure).toBeUndefined();
    const paths = fake.requests.map((r) => r.path);
    expect(paths.filter((p) => p === '/v2/usage')).toHaveLength(1);
    expect(paths.filter((p) => p.startsWith('/v2/glossaries')).length).toBeGreaterThanOrEqual(4); // list + create, for en and zh
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(maxInWindow(fake.requests.map((r) => r.at), 1000)).toBeLessThanOrEqual(4);
  }, 60_000);
});
