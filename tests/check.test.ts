/**
 * `tilmash check`, CI's gate: passes on the committed project, fails (exit 6) for each reason —
 * untranslated, stale, a QA error, bundles that are not what `run` would write — and never calls
 * an engine or writes a file.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/workflows/check/check-job.js';
import { startFakeDeepl, type FakeDeepl } from './helpers/fake-deepl-server.js';
import { cleanupProjects, copyRepoProject, editJson, readJson, readProjectFile, runCli, snapshot, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);
const servers: FakeDeepl[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function check(dir: string): Promise<{ code: number | null; report: CheckReport; text: string }> {
  const before = snapshot(dir);
  const fake = await startFakeDeepl({ authKey: 'k:fx' });
  servers.push(fake);
  const json = await runCli(['check', '--json'], dir, { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: fake.url });
  const text = await runCli(['check'], dir);
  expect(fake.requests).toEqual([]); // no network, even with a key in the environment
  expect(snapshot(dir)).toEqual(before); // and no write
  expect(text.code).toBe(json.code);
  return { code: json.code, report: JSON.parse(json.stdout) as CheckReport, text: text.stdout };
}

const UI = 'source/ui.ru.json';

describe('tilmash check', () => {
  it('passes on the committed project', async () => {
    const { code, report, text } = await check(copyRepoProject({ withLocales: true }));
    expect(report).toEqual({ ok: true, untranslated: [], stale: [], qaErrors: [], outdatedFiles: [] });
    expect(code).toBe(0);
    expect(text).toMatch(/^Check passed/u);
  });

  it('fails on an untranslated key', async () => {
    const dir = copyRepoProject({ withLocales: true });
    editJson(dir, UI, (json) => (json.footer = 'Все права защищены.'));
    const { code, report, text } = await check(dir);
    expect(code).toBe(6);
    // kk-Latn and zh-Hant follow their parents: a key the parent lacks is untranslated there too.
    expect(report.untranslated).toEqual(['en', 'kk', 'zh', 'kk-Latn', 'zh-Hant'].map((locale) => ({ locale, namespace: 'ui', key: 'footer' })));
    expect(text).toMatch(/untranslated keys .*\n  en ui\.footer/u);
  });

  it('fails on a stale key: its source changed since the translation (even when the TM has the new text)', async () => {
    const dir = copyRepoProject({ withLocales: true });
    editJson(dir, UI, (json) => ((json.app as Record<string, string>).title = 'Поиск по статьям'));
    const { code, report } = await check(dir);
    expect(code).toBe(6);
    expect(report.untranslated).toEqual([]);
    expect(report.stale).toEqual(['en', 'kk', 'zh', 'kk-Latn', 'zh-Hant'].map((locale) => ({ locale, namespace: 'ui', key: 'app.title' })));
    expect(report.outdatedFiles).toEqual(expect.arrayContaining(['locales/en/ui.json', 'locales/provenance/en.json', 'locales/ru/ui.json']));
  });

  it('fails on an error-level QA finding', async () => {
    const dir = copyRepoProject({ withLocales: true });
    const tm = readProjectFile(dir, 'tm/ru-en.jsonl').replace('"target":"Hello, {{name}}!"', '"target":"Hello, {{имя}}!"');
    writeProjectFile(dir, 'tm/ru-en.jsonl', tm);
    const { code, report } = await check(dir);
    expect(code).toBe(6);
    expect(report.qaErrors.length).toBeGreaterThan(0);
    for (const finding of report.qaErrors) expect(finding).toMatchObject({ locale: 'en', namespace: 'ui', key: 'app.greeting', check: 'placeholders', severity: 'error' });
    expect(report.qaErrors.map((f) => f.message).join('\n')).toMatch(/\{\{name\}\} is missing/u);
  });

  it('fails when the bundles are not what run would write: a hand edit not yet run, a deleted bundle', async () => {
    const dir = copyRepoProject({ withLocales: true });
    editJson(dir, 'locales/en/ui.json', (json) => ((json.app as Record<string, string>).title = 'Eurasia Daily'));
    rmSync(path.join(dir, 'locales/zh/article.json'));
    const { code, report } = await check(dir);
    expect(code).toBe(6);
    expect(report.outdatedFiles).toEqual(['locales/provenance/en.json', 'locales/zh/article.json']);

    expect((await runCli(['run'], dir)).code).toBe(0);
    const after = await check(dir);
    expect(after.report.ok).toBe(true);
    expect(readJson<Record<string, Record<string, string>>>(dir, 'locales/en/ui.json').app?.title).toBe('Eurasia Daily');
  });
});
