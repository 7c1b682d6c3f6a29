/**
 * The fake DeepL server's glossary endpoints (driven by deepl-node, so the wire format is the
 * real one), its XML tag-handling rules, and each `mangle` fault mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeepLError, GlossaryEntries, GlossaryNotFoundError, Translator } from 'deepl-node';
import { mangleText, startFakeDeepl, xmlProblem, type FakeDeepl, type FakeDeeplOptions } from './helpers/fake-deepl-server.js';

let fake: FakeDeepl | undefined;
async function start(options?: FakeDeeplOptions): Promise<FakeDeepl> {
  fake = await startFakeDeepl(options);
  return fake;
}
const client = (f: FakeDeepl, key = 'k') => new Translator(key, { serverUrl: f.url, maxRetries: 0 });
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('glossary endpoints', () => {
  it('create, list, get, entries, delete and language pairs as deepl-node sends and parses them', async () => {
    const f = await start({ authKey: 'k' });
    const t = client(f);
    const created = await t.createGlossary('tilmash ru-zh 0123456789ab', 'ru', 'zh-HANS' as 'zh', new GlossaryEntries({ entries: { Синьхуа: '新华社', C5: 'C5' } }));
    expect(created).toMatchObject({ name: 'tilmash ru-zh 0123456789ab', ready: true, sourceLang: 'ru', targetLang: 'zh', entryCount: 2 });
    expect(created.creationTime).toBeInstanceOf(Date);
    // deepl-node sends base language codes for glossaries.
    const post = f.requests.find((r) => r.method === 'POST' && r.path === '/v2/glossaries');
    expect(post?.form).toMatchObject({ source_lang: 'ru', target_lang: 'zh', entries_format: 'tsv', entries: 'Синьхуа\t新华社\nC5\tC5' });

    expect((await t.listGlossaries()).map((g) => g.glossaryId)).toEqual([created.glossaryId]);
    expect((await t.getGlossary(created.glossaryId)).name).toBe(created.name);
    expect((await t.getGlossaryEntries(created.glossaryId)).entries()).toEqual({ Синьхуа: '新华社', C5: 'C5' });
    const pairs = await t.getGlossaryLanguagePairs();
    expect(pairs).toContainEqual({ sourceLang: 'ru', targetLang: 'zh' });
    expect(pairs).toContainEqual({ sourceLang: 'ru', targetLang: 'en' });
    expect(pairs.flatMap((p): string[] => [p.sourceLang, p.targetLang])).not.toContain('kk');

    await t.deleteGlossary(created.glossaryId);
    expect(await t.listGlossaries()).toEqual([]);
    expect(f.glossaries()).toEqual([]);
    await expect(t.getGlossary(created.glossaryId)).rejects.toBeInstanceOf(GlossaryNotFoundError);
    await expect(t.deleteGlossary(created.glossaryId)).rejects.toBeInstanceOf(GlossaryNotFoundError);
  });

  it('refuses a Kazakh glossary, duplicate sources and a wrong key', async () => {
    const f = await start({ authKey: 'k' });
    await expect(client(f).createGlossary('x', 'ru', 'kk', new GlossaryEntries({ entries: { а: 'б' } }))).rejects.toThrow(/Bad request.*Unsupported glossary/);
    const raw = await fetch(`${f.url}/v2/glossaries`, {
      method: 'POST',
      headers: { Authorization: 'DeepL-Auth-Key k' },
      body: new URLSearchParams({ name: 'x', source_lang: 'ru', target_lang: 'en', entries: 'мир\tpeace\nмир\tworld' }),
    });
    expect(raw.status).toBe(400);
    await expect(client(f, 'wrong').listGlossaries()).rejects.toThrow(/Authorization failure/);
    expect(f.glossaries()).toEqual([]);
  });

  it('translate applies the glossary, and needs source_lang and a glossary of the pair', async () => {
    const f = await start();
    const t = client(f);
    const g = await t.createGlossary('g', 'ru', 'en', new GlossaryEntries({ entries: { 'Касым-Жомарт Токаев': 'Kassym-Jomart Tokayev', Токаев: 'Tokayev' } }));
    const result = await t.translateText('Касым-Жомарт Токаев и Токаев.', 'ru', 'en-GB', { glossary: g.glossaryId });
    expect(result.text).toBe('[EN-GB] Kassym-Jomart Tokayev и Tokayev.');
    expect(f.translateRequests()[0]?.form.glossary_id).toBe(g.glossaryId);
    await expect(t.translateText('Токаев', 'ru', 'zh-HANS', { glossary: g.glossaryId })).rejects.toThrow(/No dictionary found for language pair ru-ZH-HANS/);
    await expect(t.translateText('Токаев', 'ru', 'en-GB', { glossary: '00000000-0000-0000-0000-000000000000' })).rejects.toThrow(/Not found/);
    const noSource = await fetch(`${f.url}/v2/translate`, { method: 'POST', body: new URLSearchParams({ text: 'Токаев', target_lang: 'EN-GB', glossary_id: g.glossaryId }) });
    expect(noSource.status).toBe(400);
  });
});

describe('tag handling', () => {
  it('records tag_handling and keeps tags; refuses malformed XML like DeepL’s strict parser', async () => {
    const f = await start();
    const t = client(f);
    const text = 'Нажмите <g id="1">«Сохранить» &amp; выйти</g><x id="2"/>';
    expect((await t.translateText(text, 'ru', 'en-US', { tagHandling: 'xml' })).text).toBe(`[EN-US] ${text}`);
    expect(f.translateRequests()[0]?.form.tag_handling).toBe('xml');
    for (const bad of ['<g id="1">открыт', 'a & b', 'a < b', '</g>текст<g id="1">']) {
      const error = await t.translateText(bad, 'ru', 'en-US', { tagHandling: 'xml' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeepLError);
      expect((error as Error).message).toMatch(/Tag handling parsing failed/);
    }
    // Without tag handling the same texts are plain text.
    expect((await t.translateText('a < b & c', 'ru', 'en-US')).text).toBe('[EN-US] a < b & c');
  });

  it('xmlProblem names what is wrong', () => {
    expect(xmlProblem('<g id="1">a<x id="2"/></g> &lt; &#1234; &#x4e2d;')).toBeUndefined();
    expect(xmlProblem('<g id="1">a</b>')).toMatch(/unexpected <\/b>/);
    expect(xmlProblem('<g id="1">a')).toMatch(/never closed/);
  });
});

describe('mangle modes', () => {
  it('placeholders: x ids shift, sentinels lose their brackets, variable names and # are translated', () => {
    expect(mangleText('placeholders', 'Файл <x id="1"/> и <x id="2"/>')).toBe('Файл <x id="2"/> и <x id="3"/>');
    expect(mangleText('placeholders', 'Привет, ⟦1⟧! ⟦2⟧жирный⟦/2⟧')).toBe('Привет, [1]! [2]жирный[/2]');
    expect(mangleText('placeholders', 'Привет, {{name}}, у вас {{ count }}')).toBe('Привет, {{имя}}, у вас {{количество}}');
    expect(mangleText('placeholders', 'Привет, {name}! {n, plural, one {# файл} other {# файлов}}')).toBe('Привет, {имя}! {н, plural, one {№ файл} other {№ файлов}}');
    expect(mangleText('placeholders', 'Символ &#35; остаётся')).toBe('Символ &#35; остаётся');
  });

  it('drop-tags: g tags, sentinel pairs and paired HTML/i18next tags go, their text and self-closing placeholders stay', () => {
    expect(mangleText('drop-tags', 'Нажмите <g id="1">Сохранить</g><x id="2"/>')).toBe('Нажмите Сохранить<x id="2"/>');
    expect(mangleText('drop-tags', '⟦1⟧ и ⟦2⟧жирный⟦/2⟧')).toBe('⟦1⟧ и жирный');
    expect(mangleText('drop-tags', '<b>Жирный</b> и <0>ссылка</0><br/>')).toBe('Жирный и ссылка<br/>');
  });

  it('icu-keywords: the type and selectors inside braces are translated, text outside is not', () => {
    expect(mangleText('icu-keywords', '{count, plural, one {# file} few {# files} many {# files} other {# files}}')).toBe(
      '{count, множественное, один {# file} несколько {# files} много {# files} другой {# files}}',
    );
    expect(mangleText('icu-keywords', '{gender, select, male {he} other {they}}')).toBe('{gender, выбор, male {he} другой {they}}');
    expect(mangleText('icu-keywords', 'one {{count}} other one')).toBe('one {{count}} other one');
  });

  it('reorder-tags swaps the first two sibling elements (still valid); misnest-tags puts the first close before its open (invalid)', () => {
    const xml = '<g id="1">Первый</g> и <g id="2">второй <g id="3">вложенный</g></g>.';
    const reordered = mangleText('reorder-tags', xml);
    expect(reordered).toBe('<g id="2">второй <g id="3">вложенный</g></g> и <g id="1">Первый</g>.');
    expect(xmlProblem(reordered)).toBeUndefined();
    expect(mangleText('reorder-tags', '⟦1⟧а⟦/1⟧ б ⟦2⟧в⟦/2⟧ ⟦3⟧')).toBe('⟦2⟧в⟦/2⟧ б ⟦1⟧а⟦/1⟧ ⟦3⟧');
    expect(mangleText('reorder-tags', 'Только <g id="1">один</g>.')).toBe('Только <g id="1">один</g>.');

    const misnested = mangleText('misnest-tags', xml);
    expect(misnested).toBe('</g><g id="1">Первый и <g id="2">второй <g id="3">вложенный</g></g>.');
    expect(xmlProblem(misnested)).toBeDefined();
    expect(mangleText('misnest-tags', 'а ⟦1⟧б⟦/1⟧')).toBe('а ⟦/1⟧⟦1⟧б');
  });

  it('applies to every translate answer, or only to xml or only to text requests', async () => {
    const f = await start({ mangle: { mode: 'drop-tags', only: 'xml' } });
    const t = client(f);
    const text = '<g id="1">Да</g>';
    expect((await t.translateText(text, 'ru', 'en-US', { tagHandling: 'xml' })).text).toBe('[EN-US] Да');
    expect((await t.translateText(text, 'ru', 'en-US')).text).toBe(`[EN-US] ${text}`);
    await f.close();

    const textOnly = await start({ mangle: { mode: 'placeholders', only: 'text' } });
    expect((await client(textOnly).translateText('⟦1⟧ да', 'ru', 'kk')).text).toBe('[KK] [1] да');
    expect((await client(textOnly).translateText('<x id="1"/> да', 'ru', 'en-US', { tagHandling: 'xml' })).text).toBe('[EN-US] <x id="1"/> да');
    await textOnly.close();

    const always = await start({ mangle: { mode: 'misnest-tags' } });
    const answers = await client(always).translateText(['<g id="1">а</g>', '⟦1⟧б⟦/1⟧'], 'ru', 'en-US');
    expect(answers.map((a) => a.text)).toEqual(['[EN-US] </g><g id="1">а', '[EN-US] ⟦/1⟧⟦1⟧б']);
  });
});
