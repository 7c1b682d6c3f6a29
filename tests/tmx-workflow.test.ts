/**
 * `tilmash tm export|import` end to end through the built CLI: the export is valid TMX 1.4 and
 * round-trips into an empty TM exactly; a TMX made by another tool is imported without touching the
 * bundles, the next `tilmash run` uses it with no engine, and it never replaces a person's translation.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TmxExportReport, TmxImportReport } from '../src/workflows/tmx/tmx-jobs.js';
import { cleanupProjects, copyRepoProject, editJson, listFiles, readJson, readProjectFile, runCli, snapshot, tmBySource, writeProjectFile } from './helpers/project.js';
import { dtdErrors, TMX_DTD } from './helpers/xmllint.js';

const LOCALES = ['en', 'kk', 'zh', 'kk-Latn', 'zh-Hant'];

afterAll(cleanupProjects);

async function json<T>(dir: string, args: string[]): Promise<T> {
  const result = await runCli([...args, '--json'], dir);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** A TMX as another CAT tool writes it: regional language tags, its own props, a `<ph>`. */
const OTHER_TOOL_TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OtherCAT" creationtoolversion="9.1" datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="ru-RU" o-tmf="OtherCAT TM"/>
  <body>
    <tu creationdate="20250301T101500Z" changedate="20250302T080000Z">
      <prop type="x-Origin">TM</prop>
      <tuv xml:lang="ru-RU"><seg>Все права защищены.</seg></tuv>
      <tuv xml:lang="en-US"><seg>All rights reserved.</seg></tuv>
    </tu>
    <tu>
      <prop type="x-Origin">MT</prop>
      <tuv xml:lang="ru-RU"><seg>Новости Евразии</seg></tuv>
      <tuv xml:lang="en-US"><seg>News of Eurasia</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru-RU"><seg>Поиск по статьям</seg></tuv>
      <tuv xml:lang="en-US"><seg>Article search</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru-RU"><seg>Рисунок <ph x="1">&lt;img/&gt;</ph> внизу</seg></tuv>
      <tuv xml:lang="en-US"><seg>Picture <ph x="1">&lt;img/&gt;</ph> below</seg></tuv>
    </tu>
  </body>
</tmx>
`;

describe('tilmash tm export / import', () => {
  it('exports valid TMX 1.4 that imports into an empty TM as the same entries', async () => {
    const dir = copyRepoProject();
    const before = snapshot(dir);
    const exported = await json<TmxExportReport>(dir, ['tm', 'export']);
    expect(exported.path).toBe('tilmash.tmx');
    expect(exported.written).toBe(true);
    expect(exported.locales).toEqual(LOCALES.map((locale) => ({ locale, entries: tmBySource(dir, locale).size })));
    expect(dtdErrors(path.join(dir, 'tilmash.tmx'), TMX_DTD)).toBe('');
    expect([...snapshot(dir).keys()].filter((file) => !before.has(file))).toEqual(['tilmash.tmx']);

    // A second export of the same TM is the same bytes, and the file is left alone.
    expect((await json<TmxExportReport>(dir, ['tm', 'export'])).written).toBe(false);

    const empty = copyRepoProject();
    rmSync(path.join(empty, 'tm'), { recursive: true });
    writeProjectFile(empty, 'memory.tmx', readProjectFile(dir, 'tilmash.tmx'));
    const imported = await json<TmxImportReport>(empty, ['tm', 'import', 'memory.tmx']);
    expect(imported).toMatchObject({ file: 'memory.tmx', unchanged: 0, conflicts: [], skipped: [] });
    expect(imported.recorded).toEqual(Object.fromEntries(exported.locales.map((l) => [l.locale, l.entries])));
    for (const locale of LOCALES) expect(readProjectFile(empty, `tm/ru-${locale}.jsonl`)).toBe(readProjectFile(dir, `tm/ru-${locale}.jsonl`));
    expect(listFiles(empty, 'tm')).toEqual(LOCALES.map((locale) => `ru-${locale}.jsonl`).sort()); // journals folded

    // Into the TM it came from: nothing changes.
    const tmBefore = snapshot(dir, 'tm');
    const again = await json<TmxImportReport>(dir, ['tm', 'import', 'tilmash.tmx']);
    expect(again.recorded).toEqual({});
    expect(again.unchanged).toBe(exported.locales.reduce((n, l) => n + l.entries, 0));
    expect(snapshot(dir, 'tm')).toEqual(tmBefore);

    const only = await json<TmxExportReport>(dir, ['tm', 'export', '--locale', 'kk', '--out', 'kk.tmx']);
    expect(only.locales.map((l) => l.locale)).toEqual(['kk']);
    expect(dtdErrors(path.join(dir, 'kk.tmx'), TMX_DTD)).toBe('');
  });

  it("imports another tool's TMX without touching the bundles; the next run uses it with no engine; a person's entry wins a conflict", async () => {
    const dir = copyRepoProject({ withLocales: true });
    editJson(dir, 'source/ui.ru.json', (ui) => (ui.footer = 'Все права защищены.'));
    expect((await runCli(['run'], dir)).code).toBe(0);
    expect(readJson(dir, 'locales/en/ui.json').footer).toBeUndefined(); // no engine: missing
    const searchBefore = tmBySource(dir, 'en').get('Поиск по статьям');

    writeProjectFile(dir, 'other.tmx', OTHER_TOOL_TMX);
    expect(dtdErrors(path.join(dir, 'other.tmx'), TMX_DTD)).toBe('');
    const locales = snapshot(dir, 'locales');
    const result = await runCli(['tm', 'import', 'other.tmx'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/recorded 1 \(en 1\), unchanged 0, conflicts 2, skipped 1 unit\./u);
    expect(result.stdout).toContain('TM:   "Eurasia News" (translated, human)');
    expect(result.stdout).toContain('file: "News of Eurasia"');
    expect(result.stdout).toMatch(/other\.tmx:\d+ \(tu 4\): .*<ph>/u);
    expect(result.stdout).toMatch(/the next `tilmash run` uses the new entries/u);
    expect(snapshot(dir, 'locales')).toEqual(locales); // the job is not run

    const en = tmBySource(dir, 'en');
    expect(en.get('Все права защищены.')).toEqual({
      source: 'Все права защищены.',
      target: 'All rights reserved.',
      origin: 'import:tmx',
      status: 'translated',
      created: '2025-03-01T10:15:00.000Z',
      changed: '2025-03-02T08:00:00.000Z',
    });
    expect(en.get('Новости Евразии')).toMatchObject({ target: 'Eurasia News', origin: 'human' });
    expect(en.get('Поиск по статьям')).toEqual(searchBefore);
    expect(en.has('Рисунок внизу')).toBe(false);

    // The next run takes it from the TM: no engine, no key.
    const run = await runCli(['run', '--json'], dir);
    expect(run.code).toBe(0);
    const bundle = readJson<Record<string, Record<string, string> | string>>(dir, 'locales/en/ui.json');
    expect(bundle.footer).toBe('All rights reserved.');
    expect((bundle.app as Record<string, string>).title).toBe('Eurasia News');

    // A machine entry, unlike a person's, is replaced.
    writeProjectFile(dir, 'tm/ru-en.jsonl', readProjectFile(dir, 'tm/ru-en.jsonl').replace(/("source":"Новости Евразии",.*?)"origin":"human","status":"translated"/u, '$1"origin":"engine:deepl","status":"machine"'));
    const replaced = await json<TmxImportReport>(dir, ['tm', 'import', 'other.tmx']);
    expect(replaced.recorded).toEqual({ en: 1 });
    expect(replaced.conflicts.map((c) => c.source)).toEqual(['Поиск по статьям']);
    expect(tmBySource(dir, 'en').get('Новости Евразии')).toMatchObject({ target: 'News of Eurasia', origin: 'import:tmx', status: 'translated' });
  });
});
