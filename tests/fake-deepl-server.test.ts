import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthorizationError,
  ConnectionError,
  DeepLError,
  QuotaExceededError,
  TooManyRequestsError,
  Translator,
  type TextResult,
} from 'deepl-node';
import { startFakeDeepl, type FakeDeepl, type FakeDeeplOptions } from './helpers/fake-deepl-server.js';

const RU = ['Привет, мир!', 'Сохранить изменения', 'Ёлка 🎄'];

let fake: FakeDeepl | undefined;
async function start(options?: FakeDeeplOptions): Promise<FakeDeepl> {
  fake = await startFakeDeepl(options);
  return fake;
}
function client(f: FakeDeepl, key = 'test-key', extra: { minTimeout?: number } = {}): Translator {
  return new Translator(key, { serverUrl: f.url, maxRetries: 0, ...extra });
}
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake DeepL server driven by deepl-node', () => {
  it('binds loopback', async () => {
    const f = await start();
    expect(f.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('translates 3 Russian texts to EN-US with billed characters', async () => {
    const f = await start({ authKey: 'test-key' });
    const results: TextResult[] = await client(f).translateText(RU, 'ru', 'en-US', { context: 'Кнопки в настройках' });
    expect(results.map((r) => r.text)).toEqual(RU.map((t) => `[EN-US] ${t}`));
    expect(results.map((r) => r.billedCharacters)).toEqual([12, 19, 6]); // code points: the emoji counts once
    expect(results.every((r) => r.detectedSourceLang === 'ru')).toBe(true);
    expect(f.billedCharacters()).toBe(37); // context is not billed

    expect(f.requests).toHaveLength(1);
    const r = f.requests[0]!;
    expect(r).toMatchObject({ method: 'POST', path: '/v2/translate', status: 200 });
    // recorded as sent on the wire: deepl-node lower-cases the language part ('ru', 'en-US')
    expect(r.form).toEqual({ text: RU, source_lang: 'ru', target_lang: 'en-US', show_billed_characters: '1', context: 'Кнопки в настройках' });
    expect(r.headers.authorization).toBe('DeepL-Auth-Key test-key');
    expect(r.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    expect(r.bodyBytes).toBe(Number(r.headers['content-length']));
  });

  it('singular text and a custom translate function', async () => {
    const f = await start({ translate: (text, lang) => `${lang}:${text.toUpperCase()}` });
    const res = await client(f).translateText('мир', 'ru', 'zh-HANS');
    expect(res.text).toBe('ZH-HANS:МИР');
  });

  it('getUsage reports billed characters and the limit', async () => {
    const f = await start({ characterLimit: 1000 });
    const t = client(f);
    await t.translateText(RU, 'ru', 'en-GB');
    const usage = await t.getUsage();
    expect(usage.character?.count).toBe(37);
    expect(usage.character?.limit).toBe(1000);
    const f2 = await startFakeDeepl();
    try {
      expect((await client(f2).getUsage()).character).toMatchObject({ count: 0, limit: 500000 });
    } finally {
      await f2.close();
    }
  });

  it('getTargetLanguages / getSourceLanguages', async () => {
    const f = await start();
    const t = client(f);
    const targets = await t.getTargetLanguages();
    expect(targets).toContainEqual({ code: 'en-US', name: 'English (American)', supportsFormality: false });
    expect(targets).toContainEqual({ code: 'kk', name: 'Kazakh', supportsFormality: false });
    expect(targets.map((l) => l.code)).toEqual(expect.arrayContaining(['en-GB', 'zh-HANS']));
    const sources = await t.getSourceLanguages();
    expect(sources.map((l) => l.code)).toEqual(expect.arrayContaining(['ru', 'en', 'kk', 'zh']));
    expect(f.requests.map((r) => r.form.type)).toEqual(['target', undefined]);
  });

  it('injected 456 → QuotaExceededError', async () => {
    const f = await start();
    f.inject({ kind: 'status', status: 456 });
    await expect(client(f).translateText(RU, 'ru', 'en-US')).rejects.toBeInstanceOf(QuotaExceededError);
    expect(f.requests[0]!.status).toBe(456);
    expect(f.requests[0]!.form.text).toEqual(RU); // recorded even though faulted
    // then normal service
    expect((await client(f).translateText(RU, 'ru', 'en-US')).length).toBe(3);
  });

  it('characterLimit → 456 once the request would exceed it', async () => {
    const f = await start({ characterLimit: 40 });
    const t = client(f);
    await t.translateText(RU, 'ru', 'en-US'); // 37
    await expect(t.translateText('абвг', 'ru', 'en-US')).rejects.toBeInstanceOf(QuotaExceededError);
    await t.translateText('абв', 'ru', 'en-US'); // exactly 40
    expect(f.billedCharacters()).toBe(40);
    expect(f.requests.map((r) => r.status)).toEqual([200, 456, 200]);
  });

  it('wrong key → 403 AuthorizationError', async () => {
    const f = await start({ authKey: 'right-key' });
    await expect(client(f, 'wrong-key').translateText(RU, 'ru', 'en-US')).rejects.toBeInstanceOf(AuthorizationError);
    await expect(client(f, 'wrong-key').getUsage()).rejects.toBeInstanceOf(AuthorizationError);
    expect(f.requests.map((r) => r.status)).toEqual([403, 403]);
  });

  it('injected 429 → TooManyRequestsError', async () => {
    const f = await start();
    f.inject({ kind: 'status', status: 429, retryAfterSeconds: 3 });
    await expect(client(f).translateText(RU, 'ru', 'en-US')).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it('injected 5xx/529 → plain DeepLError (not a subclass)', async () => {
    const f = await start();
    f.inject({ kind: 'status', status: 503 }, { kind: 'status', status: 529 });
    const e1 = await client(f).translateText(RU, 'ru', 'en-US').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DeepLError);
    expect((e1 as Error).message).toMatch(/Service unavailable/);
    const e2 = await client(f).translateText(RU, 'ru', 'en-US').catch((e: unknown) => e);
    expect((e2 as Error).message).toMatch(/Unexpected status code: 529/);
  });

  it('wrong-count: deepl-node does NOT detect it — resolves with one result fewer', async () => {
    const f = await start();
    f.inject({ kind: 'wrong-count' });
    const res = await client(f).translateText(RU, 'ru', 'en-US');
    expect(res).toHaveLength(2);
    expect(res.map((r) => r.text)).toEqual(RU.slice(0, 2).map((t) => `[EN-US] ${t}`));
    expect(f.billedCharacters()).toBe(31);
  });

  it('malformed-json: deepl-node throws DeepLError "Error parsing response JSON"', async () => {
    const f = await start();
    f.inject({ kind: 'malformed-json' });
    const e = await client(f).translateText(RU, 'ru', 'en-US').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DeepLError);
    expect((e as Error).message).toMatch(/Error parsing response JSON/);
    expect(f.requests[0]!.status).toBe(200);
  });

  it('reset and hang → ConnectionError', async () => {
    const f = await start();
    f.inject({ kind: 'reset' }, { kind: 'hang' });
    const e1 = await client(f).translateText(RU, 'ru', 'en-US').catch((err: unknown) => err);
    expect(e1).toBeInstanceOf(ConnectionError);
    const t0 = performance.now();
    // deepl-node's request timeout is max(minTimeout, backoff timeout ≈ 1 s)
    const e2 = await client(f, 'test-key', { minTimeout: 300 }).translateText(RU, 'ru', 'en-US').catch((err: unknown) => err);
    expect(e2).toBeInstanceOf(ConnectionError);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    expect(f.requests.map((r) => r.status)).toEqual([0, 0]);
  });

  it('a hanging request is ended by close()', async () => {
    const f = await startFakeDeepl();
    f.inject({ kind: 'hang' });
    const p = client(f, 'test-key', { minTimeout: 60_000 }).translateText('тест', 'ru', 'en-US').catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    expect(f.requests).toHaveLength(1);
    await f.close();
    expect(await p).toBeInstanceOf(ConnectionError);
  });

  it('51 texts → 400; empty text → 400', async () => {
    const f = await start();
    const texts = Array.from({ length: 51 }, (_, i) => `текст ${i}`);
    const e = await client(f).translateText(texts, 'ru', 'en-US').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DeepLError);
    expect((e as Error).message).toMatch(/^Bad request/);
    expect(f.requests[0]!.status).toBe(400);
    expect(f.requests[0]!.form.text).toHaveLength(51);
    // 50 is fine
    expect(await client(f).translateText(texts.slice(0, 50), 'ru', 'en-US')).toHaveLength(50);
    // deepl-node refuses empty texts before sending, so use raw fetch
    const res = await fetch(`${f.url}/v2/translate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'DeepL-Auth-Key x' },
      body: 'text=&text=a&target_lang=EN-US',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toHaveProperty('message');
    const none = await fetch(`${f.url}/v2/translate`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'target_lang=EN-US' });
    expect(none.status).toBe(400);
  });

  it('body over 128 KiB → 413, exactly at the limit is accepted', async () => {
    const f = await start();
    // each Cyrillic char is 6 bytes on the wire (%D0%9F)
    const big = Array.from({ length: 4 }, () => 'Я'.repeat(6000)); // ~144 KB
    const e = await client(f).translateText(big, 'ru', 'en-US').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DeepLError);
    expect((e as Error).message).toMatch(/Unexpected status code: 413/);
    expect(f.requests[0]!.status).toBe(413);
    expect(f.requests[0]!.bodyBytes).toBeGreaterThan(131072);

    // pad a raw body to exactly 131072 bytes
    const head = 'target_lang=EN-US&text=';
    const exact = head + 'a'.repeat(131072 - head.length);
    const ok = await fetch(`${f.url}/v2/translate`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: exact });
    expect(ok.status).toBe(200);
    const over = await fetch(`${f.url}/v2/translate`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: exact + 'a' });
    expect(over.status).toBe(413);
  });

  it('formality more/less → 400 for EN-US and KK; prefer_more is fine', async () => {
    const f = await start();
    await expect(client(f).translateText('да', 'ru', 'en-US', { formality: 'more' })).rejects.toThrow(/Bad request/);
    await expect(client(f).translateText('да', 'ru', 'kk', { formality: 'less' })).rejects.toThrow(/Bad request/);
    expect((await client(f).translateText('да', 'ru', 'kk', { formality: 'prefer_more' })).text).toBe('[KK] да');
  });

  it('rate limit answers 429 above the cap (sliding window), with Retry-After', async () => {
    const f = await start({ rateLimit: { requests: 3, perMs: 300, retryAfterSeconds: 1 } });
    const t = client(f);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => t.translateText('раз', 'ru', 'en-US')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    expect(rejected.every((r) => r.reason instanceof TooManyRequestsError)).toBe(true);
    expect(f.requests.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
    const raw = await fetch(`${f.url}/v2/translate`, { method: 'POST', body: new URLSearchParams({ text: 'x', target_lang: 'EN-US' }) });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    await new Promise((r) => setTimeout(r, 350));
    expect((await t.translateText('два', 'ru', 'en-US')).text).toBe('[EN-US] два');
  });

  it('latencyMs delays translate answers', async () => {
    const f = await start({ latencyMs: 150 });
    const t0 = performance.now();
    await client(f).translateText('раз', 'ru', 'en-US');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("diagnostics_channel 'http.client.response.finish' sees Retry-After of a 429 to deepl-node", async () => {
    const f = await start();
    f.inject({ kind: 'status', status: 429, retryAfterSeconds: 2 });
    const seen: Array<{ status: number | undefined; retryAfter: unknown; host: string | undefined }> = [];
    const onMessage = (message: unknown): void => {
      const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
      seen.push({ status: response.statusCode, retryAfter: response.headers['retry-after'], host: request.host });
    };
    diagnosticsChannel.subscribe('http.client.response.finish', onMessage);
    try {
      await expect(client(f).translateText(RU, 'ru', 'en-US')).rejects.toBeInstanceOf(TooManyRequestsError);
    } finally {
      diagnosticsChannel.unsubscribe('http.client.response.finish', onMessage);
    }
    const mine = seen.filter((s) => s.status === 429);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({ status: 429, retryAfter: '2', host: '127.0.0.1' });
  });
});
