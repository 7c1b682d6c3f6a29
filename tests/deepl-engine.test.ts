/**
 * createDeeplEngine against the loopback fake DeepL server: what goes on the wire, and how every
 * failure is mapped to an EngineError (retryable or not).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deeplCapabilities } from '../src/engine/deepl/deepl-capabilities.js';
import { createDeeplEngine } from '../src/engine/deepl/deepl-engine.js';
import { EngineError, type TranslationRequest } from '../src/engine/translation-engine.js';
import { startFakeDeepl, type FakeDeepl, type Fault } from './helpers/fake-deepl-server.js';
import { rejectedBy } from './helpers/thrown.js';

const KEY = 'test-secret-key-1234567890:fx';
const servers: FakeDeepl[] = [];
const engines: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(options: Parameters<typeof startFakeDeepl>[0] = {}, timeoutMs = 2000) {
  const server = await startFakeDeepl({ authKey: KEY, ...options });
  servers.push(server);
  const engine = createDeeplEngine({ authKey: KEY, serverUrl: server.url, timeoutMs });
  engines.push(engine);
  return { server, engine };
}

const request = (targetLanguage: string, segments: TranslationRequest['segments'] = [{ text: 'Привет, мир.' }, { text: 'Как дела?' }]): TranslationRequest => ({
  sourceLanguage: 'RU',
  targetLanguage,
  targetLocale: targetLanguage.slice(0, 2).toLowerCase(),
  segments,
});

const translates = (server: FakeDeepl) => server.requests.filter((r) => r.path === '/v2/translate');

describe('the wire', () => {
  it.each(['EN-US', 'KK', 'ZH-HANS'])('translates RU → %s with the auth header and accepted language codes', async (target) => {
    const { server, engine } = await setup();
    const result = await engine.translate(request(target), {});
    expect(result).toEqual([
      { text: `[${target}] Привет, мир.`, billedCharacters: 12 },
      { text: `[${target}] Как дела?`, billedCharacters: 9 },
    ]);
    const [sent] = translates(server);
    expect(sent?.status).toBe(200);
    // deepl-node lower-cases a source code without region: the wire carries `ru`; DeepL (and the
    // fake) accept codes case-insensitively.
    expect(sent?.form.source_lang).toBe('ru');
    expect(String(sent?.form.target_lang).toUpperCase()).toBe(target);
    expect(sent?.form.text).toEqual(['Привет, мир.', 'Как дела?']);
    expect(sent?.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    expect(sent?.form.show_billed_characters).toBeDefined();
    // Form-encoded: Cyrillic costs 6 bytes per character on the wire.
    expect(String(sent?.headers['content-type'])).toContain('application/x-www-form-urlencoded');
  });

  it('sends context when segments have one, joined once per distinct context, and none otherwise', async () => {
    const { server, engine } = await setup();
    await engine.translate(request('EN-US', [{ text: 'Он согласился.', context: 'Председатель КНР прибыл в Астану.' }, { text: 'Да.', context: 'Председатель КНР прибыл в Астану.' }]), {});
    await engine.translate(request('EN-US'), {});
    const [withContext, without] = translates(server);
    expect(withContext?.form.context).toBe('Председатель КНР прибыл в Астану.');
    expect(without?.form.context).toBeUndefined();
    // Context is not billed.
    expect(server.billedCharacters()).toBe([...'Он согласился.Да.Привет, мир.Как дела?'].length);
  });

  it('never sends an empty string', async () => {
    const { server, engine } = await setup();
    const error = await rejectedBy(engine.translate(request('EN-US', [{ text: 'Текст.' }, { text: '' }]), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: false, reason: 'bad-request' });
    await rejectedBy(engine.translate(request('EN-US', [{ text: '  ' }]), {}), EngineError);
    expect(translates(server)).toHaveLength(0);
  });

  it('usage() returns the count and limit', async () => {
    const { engine } = await setup({ characterLimit: 1000 });
    await engine.translate(request('KK'), {});
    expect(await engine.usage()).toEqual({ characterCount: 21, characterLimit: 1000 });
  });
});

describe('error mapping', () => {
  const retryableFaults: Array<[string, Fault, string]> = [
    ['429', { kind: 'status', status: 429 }, 'rate-limit'],
    ['529', { kind: 'status', status: 529 }, 'rate-limit'],
    ['500', { kind: 'status', status: 500 }, 'server'],
    ['502', { kind: 'status', status: 502 }, 'server'],
    ['503', { kind: 'status', status: 503 }, 'server'],
    ['reset', { kind: 'reset' }, 'network'],
    ['malformed JSON', { kind: 'malformed-json' }, 'bad-response'],
    ['wrong count', { kind: 'wrong-count' }, 'bad-response'],
  ];
  it.each(retryableFaults)('%s → retryable EngineError', async (_name, fault, reason) => {
    const { server, engine } = await setup();
    server.inject(fault);
    const error = await rejectedBy(engine.translate(request('EN-US'), {}), EngineError);
    expect(error.retryable).toBe(true);
    expect(error.options.reason).toBe(reason);
    expect(error.message).not.toContain(KEY);
    // deepl-node's own retries are off: exactly one request per call.
    expect(translates(server)).toHaveLength(1);
    // The next call succeeds (the fault was one-off).
    await expect(engine.translate(request('EN-US'), {})).resolves.toHaveLength(2);
  });

  it('hang → retryable timeout after timeoutMs', async () => {
    const { server, engine } = await setup({}, 300);
    server.inject({ kind: 'hang' });
    const started = performance.now();
    const error = await rejectedBy(engine.translate(request('EN-US'), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: true, reason: 'timeout' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(error.message).not.toContain(KEY);
  });

  it.each([
    [456, 'quota'],
    [403, 'auth'],
    [400, 'bad-request'],
  ] as const)('%s → %s, not retryable', async (status, reason) => {
    const { server, engine } = await setup();
    server.inject({ kind: 'status', status });
    const error = await rejectedBy(engine.translate(request('ZH-HANS'), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: false, reason, status });
    expect(error.message).not.toContain(KEY);
    expect(translates(server)).toHaveLength(1);
  });

  it('a wrong key → auth, and the key appears in no message', async () => {
    const server = await startFakeDeepl({ authKey: 'the-right-key' });
    servers.push(server);
    const engine = createDeeplEngine({ authKey: KEY, serverUrl: server.url, timeoutMs: 2000 });
    engines.push(engine);
    const error = await rejectedBy(engine.translate(request('EN-US'), {}), EngineError);
    expect(error.options.reason).toBe('auth');
    expect(error.message).toMatch(/DEEPL_AUTH_KEY/);
    expect(error.message).not.toContain(KEY);
    expect(String(error.stack)).not.toContain(KEY);
    const usageError = await rejectedBy(engine.usage(), EngineError);
    expect(usageError.options.reason).toBe('auth');
    expect(usageError.message).not.toContain(KEY);
  });

  it('carries Retry-After of a 429 in error.options.retryAfterMs', async () => {
    const { server, engine } = await setup();
    server.inject({ kind: 'status', status: 429, retryAfterSeconds: 3 });
    const error = await rejectedBy(engine.translate(request('EN-US'), {}), EngineError);
    expect(error.options).toMatchObject({ reason: 'rate-limit', retryAfterMs: 3000 });
    // Taken once: a later failure without the header has none.
    server.inject({ kind: 'status', status: 500 });
    const next = await rejectedBy(engine.translate(request('EN-US'), {}), EngineError);
    expect(next.options.retryAfterMs).toBeUndefined();
  });

  it('the rate limit of the server itself answers 429 with its Retry-After', async () => {
    const { engine } = await setup({ rateLimit: { requests: 1, perMs: 10_000, retryAfterSeconds: 2 } });
    await engine.translate(request('EN-US'), {});
    const error = await rejectedBy(engine.translate(request('EN-US'), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: true, reason: 'rate-limit', status: 429, retryAfterMs: 2000 });
  });
});

describe('capabilities', () => {
  it('Kazakh is text only; English and Chinese have tag handling and glossaries; no formality', () => {
    const { engine } = { engine: createDeeplEngine({ authKey: KEY, serverUrl: 'http://127.0.0.1:9', timeoutMs: 1000 }) };
    engines.push(engine);
    expect(engine.capabilities('KK')).toEqual({ context: true, tagHandling: false, glossary: false, formality: false });
    expect(deeplCapabilities('kk')).toEqual({ context: true, tagHandling: false, glossary: false, formality: false });
    for (const code of ['EN-US', 'EN-GB', 'ZH-HANS']) expect(engine.capabilities(code)).toMatchObject({ context: true, tagHandling: true, glossary: true, formality: false });
    expect(engine.limits).toEqual({ maxSegmentsPerRequest: 50, maxRequestBytes: 128 * 1024, maxContextBytes: 24 * 1024 });
    expect(engine.id).toBe('deepl');
  });
});
