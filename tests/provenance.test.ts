/**
 * The provenance ledger and change handling: a person's edit in a bundle is detected, kept and
 * recorded in the TM as a human translation; a changed source re-translates machine output but
 * only flags a human edit; removed keys and documents leave the bundles; the TM keeps everything.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import type { Ledger } from '../src/ledger/ledger-types.js';
import type { JobReport } from '../src/job/job-report.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { FakeEngine } from './helpers/fake-engine.js';
import { cleanupProjects, editJson, makeProject, readJson, tmBySource, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);
const NOW = () => new Date('2026-11-26T12:00:00.000Z');
const QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };

const UI = {
  app: { greeting: 'Здравствуйте, {{name}}!', title: 'Новости Евразии' },
  items_one: '{{count}} статья',
  items_few: '{{count}} статьи',
  items_many: '{{count}} статей',
  items_other: '{{count}} статьи',
};
const ARTICLE = 'Заголовок статьи\n\nПервое предложение абзаца. Второе предложение абзаца.\n';
const ICU = { unread: '{count, plural, one {# новое письмо} few {# новых письма} many {# новых писем} other {# нового письма}}' };

function project(): string {
  return makeProject(
    {
      'pipeline.config.ts': 'export default { targets: { en: {} } };\n',
      'source/ui.ru.json': `${JSON.stringify(UI, null, 2)}\n`,
      'source/article.ru.txt': ARTICLE,
      'source/mail.ru.icu.json': `${JSON.stringify(ICU, null, 2)}\n`,
    },
    { link: false },
  );
}

async function run(dir: string, engine = new FakeEngine({ translate: (text) => `EN ${text}` })): Promise<{ report: JobReport; engine: FakeEngine }> {
  const config = resolveConfig({ targets: { en: {} }, qa: QA }, path.join(dir, 'pipeline.config.ts'));
  const report = await runJob({ config, engine, now: NOW });
  return { report, engine };
}

const ui = (dir: string) => readJson<Record<string, unknown>>(dir, 'locales/en/ui.json');
const ledger = (dir: string) => readJson<Ledger>(dir, 'locales/provenance/en.json');

describe('provenance ledger', () => {
  it('records hashes, origin and status per key beside the bundles; a second run writes nothing', async () => {
    const dir = project();
    const { report } = await run(dir);
    expect(report.writtenFiles).toContain('locales/provenance/en.json');
    const entry = ledger(dir).namespaces.ui?.keys['app.greeting'];
    expect(entry).toEqual({ source: expect.stringMatching(/^sha256:[0-9a-f]{16}$/u), target: expect.stringMatching(/^sha256:[0-9a-f]{16}$/u), origin: 'engine:fake', status: 'machine' });
    expect(ledger(dir).namespaces.ui?.keys.items).toMatchObject({ entries: ['items_one', 'items_other'] });
    expect(ledger(dir).namespaces.mail?.format).toBe('icu');
    const again = await run(dir);
    expect(again.report.writtenFiles).toEqual([]);
    expect(again.engine.calls).toEqual([]);
  });
});

describe('a person edits a locale file', () => {
  it('the next run keeps the edit, records it in the TM as human, never overwrites it, and then changes nothing', async () => {
    const dir = project();
    await run(dir);
    editJson(dir, 'locales/en/ui.json', (json) => ((json.app as Record<string, string>).greeting = 'Hi there, {{name}}!'));
    const { report, engine } = await run(dir);
    expect(engine.calls).toEqual([]);
    expect(report.humanEdits).toBe(1);
    expect((ui(dir).app as Record<string, string>).greeting).toBe('Hi there, {{name}}!');
    expect(tmBySource(dir, 'en').get('Здравствуйте, {{name}}!')).toMatchObject({ target: 'Hi there, {{name}}!', origin: 'human', status: 'translated' });
    expect(ledger(dir).namespaces.ui?.keys['app.greeting']).toMatchObject({ origin: 'human', status: 'translated', edited: true });
    const again = await run(dir);
    expect(again.report.writtenFiles).toEqual([]);
    expect(again.report.humanEdits).toBe(0);
  });

  it('an edited plural form, ICU branch or article sentence goes to the TM segment by segment', async () => {
    const dir = project();
    await run(dir);
    editJson(dir, 'locales/en/ui.json', (json) => (json.items_other = '{{count}} stories'));
    editJson(dir, 'locales/icu/en.json', (json) => (json['mail.unread'] = '{count, plural, one {EN # новое письмо} other {# unread letters}}'));
    editJson(dir, 'locales/en/article.json', (json) => {
      const key = Object.keys(json).find((k) => k.startsWith('p-')) as string;
      json[key] = 'The first sentence. The second sentence.';
    });
    const { report } = await run(dir);
    expect(report.humanEdits).toBe(4);
    expect(tmBySource(dir, 'en').get('{{count}} статей')).toMatchObject({ target: '{{count}} stories', origin: 'human' });
    expect(tmBySource(dir, 'en').get('# новых писем')).toMatchObject({ target: '# unread letters', origin: 'human' });
    expect(tmBySource(dir, 'en').get('Первое предложение абзаца.')).toMatchObject({ target: 'The first sentence.', origin: 'human' });
    expect(tmBySource(dir, 'en').get('Второе предложение абзаца.')).toMatchObject({ target: 'The second sentence.', origin: 'human' });
  });

  it('an edit that cannot be cut into the source segments is kept whole by the ledger', async () => {
    const dir = project();
    await run(dir);
    editJson(dir, 'locales/en/article.json', (json) => {
      const key = Object.keys(json).find((k) => k.startsWith('p-')) as string;
      json[key] = 'One merged sentence says it all';
    });
    const { report } = await run(dir);
    expect(report.humanEdits).toBe(0);
    const paragraph = Object.entries(readJson(dir, 'locales/en/article.json')).find(([k]) => k.startsWith('p-'));
    expect(paragraph?.[1]).toBe('One merged sentence says it all');
    expect(Object.values(ledger(dir).namespaces.article?.keys ?? {}).filter((e) => e.edited)).toHaveLength(1);
    expect((await run(dir)).report.writtenFiles).toEqual([]);
  });
});

describe('a source changes', () => {
  it('machine output is re-translated; a human edit is kept and marked needs-review (stale) until a person edits it again', async () => {
    const dir = project();
    await run(dir);
    editJson(dir, 'locales/en/ui.json', (json) => ((json.app as Record<string, string>).greeting = 'Hi there, {{name}}!'));
    await run(dir);

    writeProjectFile(dir, 'source/ui.ru.json', `${JSON.stringify({ ...UI, app: { greeting: 'Добрый день, {{name}}!', title: 'Новости Центральной Азии' } }, null, 2)}\n`);
    const { report, engine } = await run(dir);
    expect(engine.sent('en')).toEqual(['Новости Центральной Азии']); // the edited key is not re-translated
    const app = ui(dir).app as Record<string, string>;
    expect(app.title).toBe('EN Новости Центральной Азии');
    expect(app.greeting).toBe('Hi there, {{name}}!');
    expect(ledger(dir).namespaces.ui?.keys['app.greeting']).toMatchObject({ origin: 'human', status: 'needs-review', edited: true });
    expect(report.findings).toContainEqual(expect.objectContaining({ key: 'app.greeting', check: 'stale', severity: 'warn' }));
    expect((await run(dir)).report.findings.some((f) => f.check === 'stale')).toBe(true); // still stale

    editJson(dir, 'locales/en/ui.json', (json) => ((json.app as Record<string, string>).greeting = 'Good afternoon, {{name}}!'));
    const answered = await run(dir);
    expect(answered.report.findings.some((f) => f.check === 'stale')).toBe(false);
    expect(ledger(dir).namespaces.ui?.keys['app.greeting']).toMatchObject({ status: 'translated' });
    expect(tmBySource(dir, 'en').get('Добрый день, {{name}}!')).toMatchObject({ target: 'Good afternoon, {{name}}!', origin: 'human' });
  });

  it('a key removed from the source leaves the bundles and the ledger; its TM entry stays; a deleted document loses its bundles', async () => {
    const dir = project();
    await run(dir);
    writeProjectFile(dir, 'source/ui.ru.json', `${JSON.stringify({ app: UI.app }, null, 2)}\n`);
    await run(dir);
    expect(Object.keys(ui(dir))).toEqual(['app']);
    expect(ledger(dir).namespaces.ui?.keys.items).toBeUndefined();
    expect(tmBySource(dir, 'en').get('{{count}} статей')).toBeDefined();

    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'source/article.ru.txt'));
    const { report } = await run(dir);
    expect(report.removedFiles.sort()).toEqual(['locales/en/article.json', 'locales/ru/article.json']);
    expect(existsSync(path.join(dir, 'locales/en/article.json'))).toBe(false);
    expect(ledger(dir).namespaces.article).toBeUndefined();
    expect(Object.keys(readJson(dir, 'locales/icu/en.json')).some((id) => id.startsWith('article.'))).toBe(false);
  });
});

describe('QA results kept in the ledger', () => {
  it('an unchanged key keeps its findings without being re-checked, and a new glossary or QA setting re-checks everything', async () => {
    const dir = project();
    await run(dir);
    expect((await run(dir)).report.findings).toEqual([]);
    writeProjectFile(dir, 'glossary.json', `${JSON.stringify({ terms: [{ ru: 'Новости Евразии', en: 'Eurasia News' }] })}\n`);
    const config = resolveConfig({ targets: { en: {} }, qa: QA, glossary: 'glossary.json' }, path.join(dir, 'pipeline.config.ts'));
    const withGlossary = await runJob({ config, engine: new FakeEngine(), now: NOW });
    expect(withGlossary.findings).toEqual([expect.objectContaining({ key: 'app.title', check: 'glossary', severity: 'error' })]);
    const lenient = resolveConfig({ targets: { en: {} }, qa: { checks: { ...QA.checks, glossary: 'warn' } }, glossary: 'glossary.json' }, path.join(dir, 'pipeline.config.ts'));
    const warned = await runJob({ config: lenient, engine: new FakeEngine(), now: NOW });
    expect(warned.findings).toEqual([expect.objectContaining({ key: 'app.title', check: 'glossary', severity: 'warn' })]);
    // Recorded in the ledger, and reported again by the next run without a check running.
    expect(ledger(dir).namespaces.ui?.keys['app.title']?.findings).toEqual([expect.objectContaining({ check: 'glossary', severity: 'warn' })]);
    const again = await runJob({ config: lenient, engine: new FakeEngine(), now: NOW });
    expect(again.findings).toEqual([expect.objectContaining({ key: 'app.title', check: 'glossary', severity: 'warn' })]);
    expect(again.writtenFiles).toEqual([]);
  });
});

describe('a person fills in a key Tilmash could not translate', () => {
  it('the hand-written value is kept and recorded in the TM; nothing is sent for it; the source fallback is not mistaken for it', async () => {
    const dir = project();
    writeProjectFile(dir, 'pipeline.config.ts', "export default { targets: { en: {} }, output: { incomplete: 'source' } };\n");
    const config = resolveConfig({ targets: { en: {} }, qa: QA, output: { incomplete: 'source' } }, path.join(dir, 'pipeline.config.ts'));
    await runJob({ config, now: NOW }); // no engine: every key falls back to the Russian text
    expect((ui(dir).app as Record<string, string>).title).toBe('Новости Евразии');
    const second = await runJob({ config, now: NOW });
    expect(second.humanEdits).toBe(0); // the fallback is not a person's translation

    editJson(dir, 'locales/en/ui.json', (json) => ((json.app as Record<string, string>).title = 'Eurasia News'));
    const engine = new FakeEngine({ translate: (text) => `EN ${text}` });
    const report = await runJob({ config, engine, now: NOW });
    expect(engine.sent('en')).not.toContain('Новости Евразии');
    expect(report.humanEdits).toBe(1);
    expect((ui(dir).app as Record<string, string>).title).toBe('Eurasia News');
    expect(tmBySource(dir, 'en').get('Новости Евразии')).toMatchObject({ target: 'Eurasia News', origin: 'human' });
    expect(ledger(dir).namespaces.ui?.keys['app.title']).toMatchObject({ origin: 'human', status: 'translated' });
    expect((await runJob({ config, engine, now: NOW })).writtenFiles).toEqual([]);
  });
});
