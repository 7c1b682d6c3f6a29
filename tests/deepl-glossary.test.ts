/**
 * The DeepL adapter's tag handling and glossaries against the loopback fake: what goes on the
 * wire for `format: 'xml'` and `glossaryId`, and how `prepareGlossary` creates, reuses and
 * replaces the account's glossaries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deeplGlossaryName } from '../src/engine/deepl/deepl-glossaries.js';
import { createDeeplEngine } from '../src/engine/deepl/deepl-engine.js';
import { EngineError, type TranslationRequest } from '../src/engine/translation-engine.js';
import { startFakeDeepl, type FakeDeepl } from './helpers/fake-deepl-server.js';
import { rejectedBy } from './helpers/thrown.js';

const KEY = 'glossary-test-key-0987654321:fx';
const servers: FakeDeepl[] = [];
const engines: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(): Promise<FakeDeepl> {
  const server = await startFakeDeepl({ authKey: KEY });
  servers.push(server);
  return server;
}

function engineFor(server: FakeDeepl, key = KEY, glossaryProject?: string) {
  const engine = createDeeplEngine({ authKey: key, serverUrl: server.url, timeoutMs: 2000, ...(glossaryProject ? { glossaryProject } : {}) });
  engines.push(engine);
  return engine;
}

const request = (targetLanguage: string, texts: string[], extra: Partial<TranslationRequest> = {}): TranslationRequest => ({
  sourceLanguage: 'RU',
  targetLanguage,
  targetLocale: targetLanguage.slice(0, 2).toLowerCase(),
  segments: texts.map((text) => ({ text })),
  ...extra,
});

const ZH_ENTRIES: Array<[string, string]> = [
  ['Синьхуа', '新华社'],
  ['C5', 'C5'],
];

const glossaryCalls = (server: FakeDeepl) => server.requests.filter((r) => r.path.startsWith('/v2/glossaries')).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '{id}')}`);

describe('format: xml', () => {
  it('sends tag_handling=xml with g and x as non-splitting tags; the default fake answer keeps the tags', async () => {
    const server = await startServer();
    const engine = engineFor(server);
    const text = 'Нажмите <g id="1">Сохранить</g>, чтобы отправить <x id="2"/>.';
    const [result] = await engine.translate(request('EN-US', [text], { format: 'xml' }), {});
    expect(result?.text).toBe(`[EN-US] ${text}`);
    const [sent] = server.translateRequests();
    expect(sent?.form.tag_handling).toBe('xml');
    expect(sent?.form.non_splitting_tags).toBe('g,x');
    expect(sent?.form.ignore_tags).toBeUndefined();
  });

  it('plain text requests carry no tag handling', async () => {
    const server = await startServer();
    await engineFor(server).translate(request('ZH-HANS', ['Привет.']), {});
    await engineFor(server).translate(request('ZH-HANS', ['Привет.'], { format: 'text' }), {});
    for (const sent of server.translateRequests()) {
      expect(sent.form.tag_handling).toBeUndefined();
      expect(sent.form.non_splitting_tags).toBeUndefined();
    }
  });

  it('Kazakh has no tag handling and no glossary: refused before sending', async () => {
    const server = await startServer();
    const engine = engineFor(server);
    const xml = await rejectedBy(engine.translate(request('KK', ['<g id="1">Да</g>'], { format: 'xml' }), {}), EngineError);
    expect(xml.options).toMatchObject({ retryable: false, reason: 'bad-request' });
    const glossary = await rejectedBy(engine.translate(request('KK', ['Да'], { glossaryId: 'some-id' }), {}), EngineError);
    expect(glossary.options).toMatchObject({ retryable: false, reason: 'bad-request' });
    expect(server.translateRequests()).toHaveLength(0);
  });
});

describe('prepareGlossary and glossaryId', () => {
  it('creates the glossary once for the base language pair, then translates with it', async () => {
    const server = await startServer();
    const engine = engineFor(server);
    const id = await engine.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {});
    const [glossary, ...others] = server.glossaries();
    expect(others).toEqual([]);
    expect(glossary).toMatchObject({ glossary_id: id, source_lang: 'ru', target_lang: 'zh', entry_count: 2 });
    expect(glossary?.name).toMatch(/^tilmash\/default ru-zh [0-9a-f]{12}$/);
    expect(glossary?.name).toBe(deeplGlossaryName('default', 'RU', 'ZH-HANS', ZH_ENTRIES));
    expect(glossary?.entries).toEqual([
      ['C5', 'C5'],
      ['Синьхуа', '新华社'],
    ]);

    const [result] = await engine.translate(request('ZH-HANS', ['По данным Синьхуа, саммит C5.'], { glossaryId: id }), {});
    expect(result?.text).toBe('[ZH-HANS] По данным 新华社, саммит C5.');
    const [sent] = server.translateRequests();
    expect(sent?.form.glossary_id).toBe(id);
    expect(sent?.form.source_lang).toBe('ru');
  });

  it('the second call is answered from the cache; another process finds the glossary by name and reuses it', async () => {
    const server = await startServer();
    const first = engineFor(server);
    const id = await first.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {});
    // Same entries in another order: the same glossary.
    expect(await first.prepareGlossary('RU', 'ZH-HANS', [...ZH_ENTRIES].reverse(), {})).toBe(id);
    expect(glossaryCalls(server)).toEqual(['GET /v2/glossaries', 'POST /v2/glossaries']);

    const second = engineFor(server);
    expect(await second.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {})).toBe(id);
    expect(glossaryCalls(server)).toEqual(['GET /v2/glossaries', 'POST /v2/glossaries', 'GET /v2/glossaries']);
    expect(server.glossaries()).toHaveLength(1);
  });

  it('concurrent calls for one pair share one creation', async () => {
    const server = await startServer();
    const engine = engineFor(server);
    const ids = await Promise.all([1, 2, 3].map(() => engine.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {})));
    expect(new Set(ids).size).toBe(1);
    expect(server.glossaries()).toHaveLength(1);
  });

  it('changed entries replace the glossary: the new one is created and the pair’s older ones deleted; other pairs and foreign glossaries stay', async () => {
    const server = await startServer();
    const engine = engineFor(server);
    const english = await engine.prepareGlossary('RU', 'EN-US', [['Синьхуа', 'Xinhua']], {});
    const oldZh = await engine.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {});
    // A glossary the user made by hand, in the same pair.
    const foreign = await fetch(`${server.url}/v2/glossaries`, {
      method: 'POST',
      headers: { Authorization: `DeepL-Auth-Key ${KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'my terms', source_lang: 'ru', target_lang: 'zh', entries: 'мир\t和平', entries_format: 'tsv' }),
    }).then((r) => r.json() as Promise<{ glossary_id: string }>);

    const newZh = await engine.prepareGlossary('RU', 'ZH-HANS', [...ZH_ENTRIES, ['Сиань', '西安']], {});
    expect(newZh).not.toBe(oldZh);
    const ids = server.glossaries().map((g) => g.glossary_id);
    expect(ids).toEqual([english, foreign.glossary_id, newZh]);
    expect(server.glossaries().find((g) => g.glossary_id === newZh)?.entry_count).toBe(3);
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/v2/glossaries/${oldZh}`]);

    // Translating with the new glossary shows its new term.
    const [result] = await engine.translate(request('ZH-HANS', ['Поездка в Сиань.'], { glossaryId: newZh }), {});
    expect(result?.text).toBe('[ZH-HANS] Поездка в 西安.');
  });

  it('errors are EngineErrors: a refused key (without the key in the message), no entries, one source with two targets', async () => {
    const server = await startServer();
    const wrongKey = 'the-wrong-key-123456:fx';
    const refused = await rejectedBy(engineFor(server, wrongKey).prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {}), EngineError);
    expect(refused.options).toMatchObject({ retryable: false, reason: 'auth' });
    expect(refused.message).not.toContain(wrongKey);

    const engine = engineFor(server);
    expect((await rejectedBy(engine.prepareGlossary('RU', 'ZH-HANS', [], {}), EngineError)).options.reason).toBe('bad-request');
    expect((await rejectedBy(engine.prepareGlossary('RU', 'ZH-HANS', [['Синьхуа', '新华社'], ['Синьхуа', '新华']], {}), EngineError)).options.reason).toBe('bad-request');
    // A failure is not cached: the next call with good entries works.
    expect(await engine.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {})).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a glossary id of another pair is refused by DeepL as a bad request', async () => {
    const server = await startServer();
    const engine = engineFor(server);
    const english = await engine.prepareGlossary('RU', 'EN-GB', [['Синьхуа', 'Xinhua']], {});
    const error = await rejectedBy(engine.translate(request('ZH-HANS', ['Синьхуа.'], { glossaryId: english }), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: false, reason: 'bad-request', status: 400 });
  });
});

describe('deeplGlossaryName', () => {
  it('depends on the project, the pair and the sorted entries only', () => {
    const name = deeplGlossaryName('news', 'ru', 'zh', ZH_ENTRIES);
    expect(deeplGlossaryName('news', 'RU', 'ZH-HANT', [...ZH_ENTRIES].reverse())).toBe(name);
    expect(deeplGlossaryName('news', 'ru', 'zh', [['Синьхуа', '新华']])).not.toBe(name);
    expect(deeplGlossaryName('shop', 'ru', 'zh', ZH_ENTRIES)).not.toBe(name);
    expect(deeplGlossaryName('news', 'ru', 'en', ZH_ENTRIES)).toMatch(/^tilmash\/news ru-en /);
  });

  it('two projects on one DeepL account keep their own glossaries', async () => {
    const server = await startServer();
    const news = engineFor(server, KEY, 'news');
    const shop = engineFor(server, KEY, 'shop');
    const newsId = await news.prepareGlossary('RU', 'ZH-HANS', ZH_ENTRIES, {});
    const shopId = await shop.prepareGlossary('RU', 'ZH-HANS', [['Скидка', '折扣']], {});
    // A changed glossary in one project replaces only that project's older one.
    await engineFor(server, KEY, 'shop').prepareGlossary('RU', 'ZH-HANS', [['Скидка', '优惠']], {});
    const names = server.glossaries().map((g) => g.name.split(' ').slice(0, 2).join(' ')).sort();
    expect(names).toEqual(['tilmash/news ru-zh', 'tilmash/shop ru-zh']);
    expect(server.glossaries().some((g) => g.glossary_id === newsId)).toBe(true);
    expect(server.glossaries().some((g) => g.glossary_id === shopId)).toBe(false);
  });
});
