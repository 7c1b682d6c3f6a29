/**
 * End to end: the CLI on a copy of the sample project (golden output), and `runJob` with a fake engine
 * on small projects: what is sent, what lands in the TM and the bundles, and what a re-run changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import type { JobReport } from '../src/job/job-report.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { FakeEngine } from './helpers/fake-engine.js';
import { cleanupProjects, copyRepoProject, listFiles, makeProject, readJson, readProjectFile, readTm, SAMPLE, runCli, snapshot, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

const NOW = () => new Date('2026-11-26T12:00:00.000Z');

/** Two documents sharing a sentence; a title, a two-sentence paragraph, a list. */
const ONE = `Заголовок первой статьи

Первое предложение статьи. Общее предложение для обеих статей.

Список дел:
- первый пункт;
- второй пункт.
`;
const TWO = `Вторая статья

Общее предложение для обеих статей. Уникальное предложение 🚀 второй статьи.
`;
/** The distinct segments of ONE + TWO in first-use order. */
const SEGMENTS = [
  'Заголовок первой статьи',
  'Первое предложение статьи.',
  'Общее предложение для обеих статей.',
  'Список дел:',
  'первый пункт;',
  'второй пункт.',
  'Вторая статья',
  'Уникальное предложение 🚀 второй статьи.',
];
const codePoints = (texts: readonly string[]) => texts.reduce((n, t) => n + [...t].length, 0);

/**
 * The fake engines here echo the Russian text (`[en] …`): the checks of language and length would
 * (rightly) hold every key back, so these runs turn them off. QA itself is tested in qa-*.test.ts and app-strings-run.test.ts.
 */
const ECHO_QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };

/** A plain config (no import) so the project needs no link to src/. */
const plainConfig = (extra = '') => `export default {
  targets: { en: {}, kk: {}, zh: {} },
  qa: ${JSON.stringify(ECHO_QA)},
  engine: { batchSize: 50 },${extra}
};
`;

function smallProject(files: Record<string, string> = {}, extraConfig = ''): string {
  return makeProject(
    { 'pipeline.config.ts': plainConfig(extraConfig), 'source/one.ru.txt': ONE, 'source/two.ru.txt': TWO, ...files },
    { link: false },
  );
}

const configOf = (dir: string, object: Record<string, unknown> = {}) => resolveConfig({ qa: ECHO_QA, ...object }, path.join(dir, 'pipeline.config.ts'));

/** zh: a Han-looking translation; others `[<lng>] text`. */
const zhAware = (text: string, request: { targetLocale: string }) => (request.targetLocale === 'zh' ? `「${text}」` : `[${request.targetLocale}] ${text}`);

describe('golden: the sample project through the CLI', () => {
  it('writes exactly the committed locales/, keeps the key map, and a second run changes nothing', async () => {
    const dir = copyRepoProject();
    const keyMapBefore = readProjectFile(dir, 'source/article.keys.json');
    const tmBefore = snapshot(dir, 'tm');

    const first = await runCli(['run'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);

    const expected = snapshot(SAMPLE, 'locales');
    const actual = snapshot(dir, 'locales');
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [file, state] of expected) {
      expect(Buffer.from(actual.get(file)?.bytes ?? '', 'base64').toString('utf8'), file).toBe(Buffer.from(state.bytes, 'base64').toString('utf8'));
    }
    expect(readProjectFile(dir, 'source/article.keys.json')).toBe(keyMapBefore);
    expect([...snapshot(dir, 'tm')].map(([f, s]) => [f, s.bytes])).toEqual([...tmBefore].map(([f, s]) => [f, s.bytes]));

    const before = snapshot(dir);
    const second = await runCli(['run'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No file changed');
    expect(snapshot(dir)).toEqual(before); // bytes and mtimes
  });
});

describe('runJob with a fake engine', () => {
  it('sends each missing distinct segment once per locale, records it in the TM and writes complete bundles', async () => {
    const dir = smallProject();
    const engine = new FakeEngine({ id: 'fake', translate: zhAware });
    const report = await runJob({ config: configOf(dir), engine, now: NOW });

    expect(report.failure).toBeUndefined();
    for (const locale of ['en', 'kk', 'zh']) {
      const sent = engine.sent(locale);
      expect(sent).toHaveLength(SEGMENTS.length);
      expect(new Set(sent)).toEqual(new Set(SEGMENTS));
      expect(engine.calls.filter((c) => c.targetLocale === locale).every((c) => c.sourceLanguage === 'RU')).toBe(true);
    }
    expect(engine.calls.map((c) => c.targetLanguage).sort()).toEqual(['EN-US', 'KK', 'ZH-HANS']);
    for (const l of report.locales) {
      expect(l).toMatchObject({ segments: 8, fromTm: 0, translated: 8, missing: 0, billedCharacters: codePoints(SEGMENTS), missingSegments: [], incompleteKeys: [] });
    }

    for (const locale of ['en', 'kk', 'zh']) {
      const lines = readTm(dir, locale);
      expect(lines.map((l) => l.source).sort()).toEqual([...SEGMENTS].sort());
      for (const line of lines) {
        expect(line).toMatchObject({ origin: 'engine:fake', status: 'machine', created: NOW().toISOString(), changed: NOW().toISOString() });
        expect(line.target).toBe(zhAware(line.source as string, { targetLocale: locale }));
      }
    }

    const ru = readJson(dir, 'locales/ru/one.json');
    const en = readJson(dir, 'locales/en/one.json');
    const zh = readJson(dir, 'locales/zh/one.json');
    const kk2 = readJson(dir, 'locales/kk/two.json');
    expect(Object.keys(en)).toEqual(Object.keys(ru));
    expect(Object.keys(ru)).toHaveLength(5);
    const pKey = Object.keys(ru).find((k) => ru[k]?.startsWith('Первое')) as string;
    expect(en[pKey]).toBe('[en] Первое предложение статьи. [en] Общее предложение для обеих статей.');
    expect(zh[pKey]).toBe('「Первое предложение статьи.」「Общее предложение для обеих статей.」');
    expect(en.title).toBe('[en] Заголовок первой статьи');
    expect(Object.values(en)).toContain('[en] первый пункт;');
    expect(Object.values(kk2)).toContain('[kk] Общее предложение для обеих статей. [kk] Уникальное предложение 🚀 второй статьи.');
    const icuEn = readJson(dir, 'locales/icu/en.json');
    expect(icuEn['one.title']).toBe('[en] Заголовок первой статьи');
    expect(Object.keys(icuEn)).toHaveLength(7);
    expect(listFiles(dir, 'source').sort()).toEqual(['one.keys.json', 'one.ru.txt', 'two.keys.json', 'two.ru.txt']);

    // Nothing new: no engine call, no file touched.
    const before = snapshot(dir);
    const again = new FakeEngine({ id: 'fake', translate: zhAware });
    const second = await runJob({ config: configOf(dir), engine: again, now: NOW });
    expect(again.calls).toHaveLength(0);
    expect(second.writtenFiles).toEqual([]);
    expect(second.locales.map((l) => [l.fromTm, l.translated, l.missing])).toEqual([
      [8, 0, 0],
      [8, 0, 0],
      [8, 0, 0],
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('quota after the first batch: failure engineQuota, the TM keeps that batch, only complete blocks are written', async () => {
    const dir = smallProject();
    const engine = new FakeEngine({ id: 'fake', quotaAfterCalls: 1 });
    const report = await runJob({ config: configOf(dir, { engine: { batchSize: 3, concurrency: 1 } }), engine, now: NOW });

    expect(report.failure?.kind).toBe('engineQuota');
    expect(report.failure?.message).toContain('Quota exceeded');
    const firstBatch = engine.calls[0]?.segments.map((s) => s.text) ?? [];
    expect(firstBatch).toEqual(SEGMENTS.slice(0, 3));
    expect(engine.calls[0]?.targetLocale).toBe('en');

    const lines = readTm(dir, 'en'); // parses, line by line
    expect(lines.map((l) => l.source).sort()).toEqual([...firstBatch].sort());
    expect(listFiles(dir, 'tm').filter((f) => !f.endsWith('.journal'))).toEqual(['ru-en.jsonl']);

    const en = readJson(dir, 'locales/en/one.json');
    const ru = readJson(dir, 'locales/ru/one.json');
    const pKey = Object.keys(ru).find((k) => ru[k]?.startsWith('Первое')) as string;
    expect(Object.keys(en)).toEqual(['title', pKey]);
    expect(readJson(dir, 'locales/en/two.json')).toEqual({});
    expect(readJson(dir, 'locales/kk/one.json')).toEqual({});
    const enReport = report.locales.find((l) => l.locale === 'en');
    expect(enReport).toMatchObject({ translated: 3, missing: 5 });
    const ru2 = readJson(dir, 'locales/ru/two.json');
    expect(enReport?.incompleteKeys.map((k) => `${k.namespace}.${k.key}`)).toEqual([
      ...Object.keys(ru).filter((k) => !(k in en)).map((k) => `one.${k}`),
      ...Object.keys(ru2).map((k) => `two.${k}`),
    ]);
    expect(enReport?.incompleteKeys).toHaveLength(5);

    // The next run resumes: only what is missing is sent.
    const resume = new FakeEngine({ id: 'fake' });
    const second = await runJob({ config: configOf(dir, { engine: { batchSize: 3, concurrency: 1 } }), engine: resume, now: NOW });
    expect(second.failure).toBeUndefined();
    expect(resume.sent('en')).toEqual(SEGMENTS.slice(3));
    expect(resume.sent('kk')).toEqual(SEGMENTS);
  });

  it('a quota error stops dispatching at once: no request after the refused one', async () => {
    const dir = smallProject();
    const engine = new FakeEngine({ id: 'fake', quotaAfterCalls: 1 });
    await runJob({ config: configOf(dir, { engine: { batchSize: 3, concurrency: 1 } }), engine, now: NOW });
    expect(engine.calls).toHaveLength(2);
  });

  it('key stability: an edited paragraph keeps its key after a paragraph is inserted before it; bundles follow source order', async () => {
    const dir = copyRepoProject();
    const file = 'source/article.ru.txt';
    const text = readProjectFile(dir, file);
    const old = 'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным партнером';
    expect(text).toContain(old);
    const edited = text.replace(old, 'Новый абзац, вставленный перед измененным.\n\nПрезидент Казахстана Касым-Жомарт Токаев назвал Китай надежным и давним партнером');
    writeProjectFile(dir, file, edited);

    const engine = new FakeEngine({ id: 'fake' });
    const config = await loadConfig(path.join(dir, 'pipeline.config.ts'));
    config.qaChecks = { ...ECHO_QA.checks, glossary: 'off' } as typeof config.qaChecks;
    const report = await runJob({ config, engine, now: NOW });
    expect(report.failure).toBeUndefined();
    // Only the two new sentences are sent, once per locale.
    expect(engine.sent('en')).toEqual([
      'Новый абзац, вставленный перед измененным.',
      'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным и давним партнером и предложил довести товарооборот до 40 млрд долл. США к 2030 г.',
    ]);

    const keyMap = readJson<{ blocks: Array<{ key: string; kind: string; text: string }> }>(dir, 'source/article.keys.json');
    const committed = JSON.parse(readFileSync(path.join(SAMPLE, 'source/article.keys.json'), 'utf8')) as typeof keyMap;
    const keys = keyMap.blocks.map((b) => b.key);
    const i = keys.indexOf('p-prezident-kazahstana-kasym');
    expect(i).toBeGreaterThan(0);
    expect(keyMap.blocks[i]?.text).toContain('надежным и давним партнером');
    const inserted = keyMap.blocks[i - 1];
    expect(inserted?.text).toBe('Новый абзац, вставленный перед измененным.');
    expect(committed.blocks.map((b) => b.key)).not.toContain(inserted?.key);
    // Every other block kept its key.
    expect(keys.filter((k) => k !== inserted?.key)).toEqual(committed.blocks.map((b) => b.key));

    for (const locale of ['ru', 'en', 'kk', 'zh']) {
      const bundle = readJson(dir, `locales/${locale}/article.json`);
      expect(Object.keys(bundle), locale).toEqual(keys);
    }
    expect(readJson(dir, 'locales/en/article.json')['p-prezident-kazahstana-kasym']).toBe(
      '[en] Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным и давним партнером и предложил довести товарооборот до 40 млрд долл. США к 2030 г. The next summit will be held in Kazakhstan in 2025.',
    );
    expect(Object.keys(readJson(dir, 'locales/icu/en.json')).filter((id) => id.startsWith('article.'))).toEqual(keys.map((k) => `article.${k}`));
  });
});

describe('no engine (CLI)', () => {
  /** en has the title and the shared sentence; kk and zh have nothing. */
  const enTm = ['Заголовок первой статьи', 'Общее предложение для обеих статей.']
    .sort()
    .map((source) => JSON.stringify({ source, target: `EN ${source}`, origin: 'human', status: 'translated', created: '2026-11-26T00:00:00.000Z', changed: '2026-11-26T00:00:00.000Z' }))
    .join('\n');
  const project = (extraConfig = '') => smallProject({ 'tm/ru-en.jsonl': `${enTm}\n` }, extraConfig);

  it('reports missing segments per locale with source text and uses; omits incomplete keys from target bundles only', async () => {
    const dir = project();
    const result = await runCli(['run', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JobReport;
    expect(report.engine).toBeNull();
    const en = report.locales.find((l) => l.locale === 'en');
    expect(en).toMatchObject({ segments: 8, fromTm: 2, translated: 0, missing: 6, billedCharacters: 0 });
    expect(en?.missingSegments.map((m) => m.source)).toEqual(SEGMENTS.filter((s) => !s.startsWith('Заголовок') && !s.startsWith('Общее')));
    const kk = report.locales.find((l) => l.locale === 'kk');
    expect(kk?.missing).toBe(8);
    const shared = kk?.missingSegments.find((m) => m.source === 'Общее предложение для обеих статей.');
    expect(shared?.uses.map((u) => u.namespace)).toEqual(['one', 'two']);

    const ru = readJson(dir, 'locales/ru/one.json');
    expect(Object.keys(ru)).toHaveLength(5);
    expect(readJson(dir, 'locales/en/one.json')).toEqual({ title: 'EN Заголовок первой статьи' });
    expect(readJson(dir, 'locales/kk/one.json')).toEqual({});
    expect(en?.incompleteKeys).toHaveLength(6);
    expect(readJson(dir, 'locales/icu/ru.json')['one.title']).toBe('Заголовок первой статьи');
    expect(readJson(dir, 'locales/icu/en.json')).toEqual({ 'one.title': 'EN Заголовок первой статьи' });

    const text = await runCli(['run'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Первое предложение статьи.');
    expect(text.stdout).toMatch(/kk: 8 segment\(s\) need a translation/);
  });

  it("output.incomplete: 'source' writes the Russian text", async () => {
    const dir = project("\n  output: { incomplete: 'source' },");
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(0);
    const ru = readJson(dir, 'locales/ru/one.json');
    const en = readJson(dir, 'locales/en/one.json');
    expect(Object.keys(en)).toEqual(Object.keys(ru));
    expect(en.title).toBe('EN Заголовок первой статьи');
    for (const key of Object.keys(ru).filter((k) => k !== 'title')) expect(en[key]).toBe(ru[key]);
    expect(readJson(dir, 'locales/zh/one.json')).toEqual(ru);
  });

  it('--strict exits 6', async () => {
    const dir = project();
    const result = await runCli(['run', '--strict'], dir);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/Strict/);
  });

  it('--dry-run writes nothing and bills the code points of the missing distinct segments', async () => {
    const dir = project();
    const before = snapshot(dir);
    const result = await runCli(['run', '--dry-run', '--json'], dir);
    expect(result.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    const report = JSON.parse(result.stdout) as JobReport;
    expect(report.dryRun).toBe(true);
    expect(report.writtenFiles).toEqual([]);
    const missingEn = SEGMENTS.filter((s) => !s.startsWith('Заголовок') && !s.startsWith('Общее'));
    expect(report.locales.map((l) => [l.locale, l.billedCharacters])).toEqual([
      ['en', codePoints(missingEn)],
      ['kk', codePoints(SEGMENTS)],
      ['zh', codePoints(SEGMENTS)],
    ]);
    // The fixture holds an astral character (🚀), so the figures above tell code points from UTF-16 units.
    expect(codePoints(SEGMENTS)).toBe(SEGMENTS.join('').length - 1);

    const status = await runCli(['status', '--json'], dir);
    expect(status.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--locale kk processes kk only; --locale xx exits 2 naming the known locales', async () => {
    const dir = project();
    const result = await runCli(['run', '--locale', 'kk', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JobReport;
    expect(report.locales.map((l) => l.locale)).toEqual(['kk']);
    const files = listFiles(dir, 'locales');
    expect(files.filter((f) => f.startsWith('en/') || f.startsWith('zh/') || f === 'icu/en.json' || f === 'icu/zh.json')).toEqual([]);
    expect(files).toContain('kk/one.json');

    const bad = await runCli(['run', '--locale', 'xx'], makeProject({ 'pipeline.config.ts': plainConfig(), 'source/one.ru.txt': ONE }, { link: false }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'xx'");
    expect(bad.stderr).toMatch(/en, kk, zh/);
  });

  it('a new document in source/ is picked up with no config change', async () => {
    const dir = copyRepoProject();
    expect((await runCli(['run'], dir)).code).toBe(0);
    writeProjectFile(dir, 'source/news.ru.txt', 'Новости недели\n\nСаммит прошел в Сиане. Лидеры подписали декларацию.\n');
    const result = await runCli(['run', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JobReport;
    expect(report.writtenFiles).toEqual(expect.arrayContaining(['locales/en/news.json', 'locales/ru/news.json', 'source/news.keys.json']));
    const keyMap = readJson<{ blocks: Array<{ key: string }> }>(dir, 'source/news.keys.json');
    expect(keyMap.blocks.map((b) => b.key)).toEqual(Object.keys(readJson(dir, 'locales/ru/news.json')));
    for (const locale of ['en', 'kk', 'zh']) expect(listFiles(dir, `locales/${locale}`)).toEqual(['article.json', 'news.json', 'ui.json']);
    expect(readJson(dir, 'locales/icu/ru.json')['news.title']).toBe('Новости недели');
    // the article bundles are untouched
    expect(readProjectFile(dir, 'locales/en/article.json')).toBe(readFileSync(path.join(SAMPLE, 'locales/en/article.json'), 'utf8'));
  });
});
