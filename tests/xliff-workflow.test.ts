/**
 * `tilmash xliff export|import` end to end through the built CLI: the export validates against the
 * XLIFF 1.2 strict schema and lists what needs a person (new with fuzzy suggestions, machine drafts,
 * needs-review); a CAT tool's filled file comes back into the TM and the bundles in one command; a
 * file exported before a source change is refused whole; a target that lost a placeholder is
 * recorded needs-review and held back.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/workflows/check/check-job.js';
import type { XliffExportReport } from '../src/workflows/xliff/export-xliff-job.js';
import type { XliffImportReport } from '../src/workflows/xliff/import-xliff-job.js';
import type { JobReport } from '../src/job/job-report.js';
import { cleanupProjects, copyRepoProject, editJson, readJson, readProjectFile, runCli, snapshot, tmBySource, writeProjectFile } from './helpers/project.js';
import { schemaErrors, XLIFF_XSD } from './helpers/xmllint.js';


afterAll(cleanupProjects);

const UI = 'source/ui.ru.json';
const ARTICLE = 'source/article.ru.txt';
/** One word away from "Следующий саммит пройдет в Казахстане в 2025 г.", which the TM has. */
const NEW_SENTENCE = 'Следующий саммит пройдет в Узбекистане в 2027 г.';

/** The repo project with new i18next keys (a placeholder, a tag pair), a new article paragraph, and kk "Новости Евразии" as a machine translation. */
function projectWithWork(): string {
  const dir = copyRepoProject({ withLocales: true });
  editJson(dir, UI, (json) => {
    json.footer = 'Все права защищены, {{name}}.';
    json.terms = 'Прочитайте <1>условия</1> сервиса.';
  });
  writeProjectFile(dir, ARTICLE, readProjectFile(dir, ARTICLE).replace('Среди договоренностей', `${NEW_SENTENCE}\n\nСреди договоренностей`));
  const tm = readProjectFile(dir, 'tm/ru-kk.jsonl');
  const machine = tm.replace(/("source":"Новости Евразии",.*?)"origin":"human","status":"translated"/u, '$1"origin":"engine:deepl","status":"machine"');
  expect(machine).not.toBe(tm);
  writeProjectFile(dir, 'tm/ru-kk.jsonl', machine);
  return dir;
}

/** The `<trans-unit>` element with this id, as text. */
function unitXml(xml: string, id: string): string {
  const start = xml.indexOf(`<trans-unit id="${id}"`);
  expect(start, `unit ${id} in the export`).toBeGreaterThanOrEqual(0);
  return xml.slice(start, xml.indexOf('</trans-unit>', start) + '</trans-unit>'.length);
}

/** Fills a unit as a CAT tool does: its `<target>` replaced by `target` (inline XML) with `state`. */
function fillUnit(xml: string, id: string, target: string, state: string): string {
  const unit = unitXml(xml, id);
  const filled = unit.replace(/<target[^>]*\/>|<target[^>]*>.*?<\/target>/su, `<target state="${state}">${target}</target>`);
  expect(filled).not.toBe(unit);
  return xml.replace(unit, filled);
}

/** The inline code elements of a unit's `<source>`, in order (a CAT tool copies them into the target). */
function sourceCodes(xml: string, id: string): string[] {
  const source = /<source>(.*?)<\/source>/su.exec(unitXml(xml, id))?.[1] ?? '';
  return [...source.matchAll(/<(ph|bpt|ept)\b[^>]*>.*?<\/\1>/gsu)].map((m) => m[0]);
}

async function exportXliff(dir: string, ...args: string[]): Promise<XliffExportReport> {
  const result = await runCli(['xliff', 'export', '--json', ...args], dir);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as XliffExportReport;
}

describe('tilmash xliff export / import', () => {
  it('round trip: export what needs a person, fill it as a CAT tool would, import into the TM and the bundles', async () => {
    const dir = projectWithWork();
    const before = snapshot(dir);
    const report = await exportXliff(dir);

    // Writes nothing but the XLIFF files.
    const after = snapshot(dir);
    expect([...after.keys()].filter((file) => !before.has(file))).toEqual(['xliff/en.xlf', 'xliff/kk.xlf', 'xliff/zh.xlf']);
    for (const [file, state] of before) expect(after.get(file), file).toEqual(state);

    expect(report.files.map((f) => f.locale)).toEqual(['en', 'kk', 'zh']);
    const kk = report.files.find((f) => f.locale === 'kk');
    expect(kk).toEqual({ locale: 'kk', path: 'xliff/kk.xlf', units: 4, states: { new: 3, 'needs-review-translation': 1 } });
    for (const file of report.files) expect(schemaErrors(path.join(dir, file.path), XLIFF_XSD), file.path).toBe('');

    const xml = readProjectFile(dir, 'xliff/kk.xlf');
    expect(xml).toContain('<file original="source/ui.ru.json" source-language="ru" target-language="kk"');
    // The machine draft: its MT as the target, marked as leveraged MT.
    expect(unitXml(xml, 'ui.app.title.1')).toContain('<target state="needs-review-translation" state-qualifier="leveraged-mt">Еуразия жаңалықтары</target>');
    expect(unitXml(xml, 'ui.footer.1')).toContain('<note from="developer">Used in: ui.footer</note>');
    // A new sentence close to a TM entry gets that entry as a fuzzy suggestion.
    const article = unitXml(xml, 'article.p-sleduyushchij-sammit-projdet.1');
    expect(article).toContain('<target state="new"/>');
    expect(article).toMatch(/<alt-trans match-quality="(8\d|9\d)" origin="human">\s*<source>Следующий саммит пройдет в Казахстане в 2025 г\.<\/source>\s*<target>Келесі саммит 2025 жылы Қазақстанда өтеді\.<\/target>/u);
    // Translated segments are not exported.
    expect(xml).not.toContain('ui.app.search');

    // The CAT tool: targets keep the inline codes; one translated, one final, the MT draft left for later.
    const [ph] = sourceCodes(xml, 'ui.footer.1');
    const [bpt, ept] = sourceCodes(xml, 'ui.terms.1');
    expect(ph).toMatch(/^<ph /u);
    expect(bpt).toMatch(/^<bpt /u);
    let filled = fillUnit(xml, 'ui.footer.1', `Барлық құқықтар қорғалған, ${ph}.`, 'translated');
    filled = fillUnit(filled, 'ui.terms.1', `Қызметтің ${bpt}шарттарын${ept} оқыңыз.`, 'final');
    filled = fillUnit(filled, 'article.p-sleduyushchij-sammit-projdet.1', 'Келесі саммит 2027 жылы Өзбекстанда өтеді.', 'translated');
    writeProjectFile(dir, 'xliff/kk.xlf', filled);
    expect(schemaErrors(path.join(dir, 'xliff/kk.xlf'), XLIFF_XSD)).toBe('');

    const imported = await runCli(['xliff', 'import', 'xliff/kk.xlf', '--json'], dir);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const result = JSON.parse(imported.stdout) as XliffImportReport;
    expect(result).toMatchObject({
      file: 'xliff/kk.xlf',
      locales: ['kk'],
      recorded: { translated: 2, reviewed: 1, needsReview: 0 },
      unchanged: 0,
      skipped: 1,
      skippedBy: { 'needs-review-translation': 1 },
      needsReview: [],
      heldKeys: [],
    });
    expect(result.writtenFiles).toEqual(expect.arrayContaining(['tm/ru-kk.jsonl', 'locales/kk/ui.json', 'locales/kk/article.json']));

    const tm = tmBySource(dir, 'kk');
    expect(tm.get('Все права защищены, {{name}}.')).toMatchObject({ target: 'Барлық құқықтар қорғалған, {{name}}.', origin: 'import:xliff', status: 'translated' });
    expect(tm.get('Прочитайте <1>условия</1> сервиса.')).toMatchObject({ target: 'Қызметтің <1>шарттарын</1> оқыңыз.', origin: 'import:xliff', status: 'reviewed' });
    expect(tm.get(NEW_SENTENCE)).toMatchObject({ origin: 'import:xliff', status: 'translated' });
    expect(tm.get('Новости Евразии')).toMatchObject({ origin: 'engine:deepl', status: 'machine' }); // skipped: left as it was
    const stamp = tm.get(NEW_SENTENCE)?.changed ?? '';
    expect(Math.abs(Date.parse(stamp) - Date.now())).toBeLessThan(60_000);

    // The bundles hold them, in the same command.
    const ui = readJson<Record<string, unknown>>(dir, 'locales/kk/ui.json');
    expect(ui.footer).toBe('Барлық құқықтар қорғалған, {{name}}.');
    expect(ui.terms).toBe('Қызметтің <1>шарттарын</1> оқыңыз.');
    expect(Object.values(readJson(dir, 'locales/kk/article.json'))).toContain('Келесі саммит 2027 жылы Өзбекстанда өтеді.');

    // `check` has nothing against kk: translated, no QA error, bundles current (en and zh still lack the new keys).
    const check = JSON.parse((await runCli(['check', '--json'], dir)).stdout) as CheckReport;
    expect(check.untranslated.filter((k) => k.locale === 'kk')).toEqual([]);
    expect(check.qaErrors.filter((f) => f.locale === 'kk')).toEqual([]);
    expect(check.stale).toEqual([]);
    expect(check.outdatedFiles).toEqual([]);
    expect(check.untranslated).toContainEqual({ locale: 'en', namespace: 'ui', key: 'footer' });

    // Importing the same file again changes nothing.
    const beforeAgain = snapshot(dir);
    const again = JSON.parse((await runCli(['xliff', 'import', 'xliff/kk.xlf', '--json'], dir)).stdout) as XliffImportReport;
    expect(again).toMatchObject({ recorded: { translated: 0, reviewed: 0, needsReview: 0 }, unchanged: 3, writtenFiles: [] });
    expect(snapshot(dir)).toEqual(beforeAgain);
  });

  it('rejects the whole file when a source changed after the export; the TM and bundles stay as they were', async () => {
    const dir = projectWithWork();
    await exportXliff(dir, '--locale', 'kk');
    let xml = readProjectFile(dir, 'xliff/kk.xlf');
    xml = fillUnit(xml, 'article.p-sleduyushchij-sammit-projdet.1', 'Келесі саммит 2027 жылы Өзбекстанда өтеді.', 'translated');
    xml = fillUnit(xml, 'ui.app.title.1', 'Еуразия жаңалықтары', 'final');
    writeProjectFile(dir, 'xliff/kk.xlf', xml);
    const line = xml.slice(0, xml.indexOf('<trans-unit id="ui.app.title.1"')).split('\n').length;
    editJson(dir, UI, (json) => ((json.app as Record<string, string>).title = 'Новости Центральной Азии'));

    const before = snapshot(dir);
    const result = await runCli(['xliff', 'import', 'xliff/kk.xlf'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`xliff/kk.xlf:${line}: unit "ui.app.title.1" (kk): the source was "Новости Евразии", it is now "Новости Центральной Азии"`);
    expect(result.stderr).toMatch(/Nothing was imported\. Export a fresh XLIFF/u);
    expect(result.stderr).not.toContain('article.p-sleduyushchij'); // that unit is still current
    expect(snapshot(dir)).toEqual(before);

    // A file for a locale the config does not translate into is a usage error too.
    writeProjectFile(dir, 'xliff/de.xlf', xml.replaceAll('target-language="kk"', 'target-language="de"'));
    const wrongLocale = await runCli(['xliff', 'import', 'xliff/de.xlf'], dir);
    expect(wrongLocale.code).toBe(2);
    expect(wrongLocale.stderr).toMatch(/target-language "de", which is not a target locale of the config \(en, kk, zh, kk-Latn, zh-Hant\)/u);
  });

  it('records a target that lost a placeholder as needs-review and holds its key back from the bundle', async () => {
    const dir = projectWithWork();
    await exportXliff(dir, '--locale', 'kk');
    const xml = fillUnit(readProjectFile(dir, 'xliff/kk.xlf'), 'ui.footer.1', 'Барлық құқықтар қорғалған.', 'translated');
    writeProjectFile(dir, 'xliff/kk.xlf', xml);

    const result = await runCli(['xliff', 'import', 'xliff/kk.xlf', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as XliffImportReport;
    expect(report.recorded).toEqual({ translated: 0, reviewed: 0, needsReview: 1 });
    expect(report.needsReview).toEqual([{ locale: 'kk', id: 'ui.footer.1', line: expect.any(Number), problems: ['placeholder {{name}} is missing'] }]);
    expect(report.heldKeys).toEqual([{ locale: 'kk', namespace: 'ui', key: 'footer' }]);

    expect(tmBySource(dir, 'kk').get('Все права защищены, {{name}}.')).toMatchObject({
      target: 'Барлық құқықтар қорғалған.',
      origin: 'import:xliff',
      status: 'needs-review',
      findings: [{ check: 'placeholders', severity: 'error', message: 'placeholder {{name}} is missing' }],
    });
    expect(readJson<Record<string, unknown>>(dir, 'locales/kk/ui.json').footer).toBeUndefined();

    const text = await runCli(['xliff', 'import', 'xliff/kk.xlf'], dir);
    expect(text.stdout).toMatch(/1 unchanged/u);

    // The next export offers it again, with its finding as a note.
    await exportXliff(dir, '--locale', 'kk');
    const unit = unitXml(readProjectFile(dir, 'xliff/kk.xlf'), 'ui.footer.1');
    expect(unit).toContain('<target state="needs-review-translation">Барлық құқықтар қорғалған.</target>');
    expect(unit).toContain('<note from="developer">QA placeholders (error): placeholder {{name}} is missing</note>');
  });

  it('leaves out a key a person translated by hand in the bundle with no ledger entry, as the run keeps it', async () => {
    const dir = projectWithWork();
    editJson(dir, 'locales/kk/ui.json', (json) => {
      json.footer = 'Барлық құқықтар қорғалған, {{name}}.';
    });
    const report = await exportXliff(dir, '--locale', 'kk');
    expect(report.files).toEqual([{ locale: 'kk', path: 'xliff/kk.xlf', units: 3, states: { new: 2, 'needs-review-translation': 1 } }]);
    const xml = readProjectFile(dir, 'xliff/kk.xlf');
    expect(xml).not.toContain('ui.footer');
    expect(xml).toContain('<trans-unit id="ui.terms.1"');

    // The run plans nothing for it either: a dry run lists the other new segments, not the footer's.
    const status = await runCli(['status', '--locale', 'kk', '--json'], dir);
    expect(status.code).toBe(0);
    const missing = (JSON.parse(status.stdout) as JobReport).locales[0]?.missingSegments.map((m) => m.source);
    expect(missing).toContain('Прочитайте <1>условия</1> сервиса.');
    expect(missing).not.toContain('Все права защищены, {{name}}.');
  });

  it('exports a translated segment that QA holds back, with the finding as a note', async () => {
    const dir = copyRepoProject({ withLocales: true });
    writeProjectFile(dir, 'tm/ru-en.jsonl', readProjectFile(dir, 'tm/ru-en.jsonl').replace('"target":"Hello, {{name}}!"', '"target":"Hello, {{имя}}!"'));
    const report = await exportXliff(dir, '--locale', 'en');
    expect(report.files).toEqual([{ locale: 'en', path: 'xliff/en.xlf', units: 1, states: { 'needs-review-translation': 1 } }]);
    const unit = unitXml(readProjectFile(dir, 'xliff/en.xlf'), 'ui.app.greeting.1');
    expect(unit).toContain('<target state="needs-review-translation">Hello, <ph id="2" ctype="x-variable">{{имя}}</ph>!</target>');
    expect(unit).toMatch(/<note from="developer">QA placeholders \(error\): [^<]*\{\{name\}\} is missing/u);
    expect(schemaErrors(path.join(dir, 'xliff/en.xlf'), XLIFF_XSD)).toBe('');
  });

  it('with nothing to translate, writes a valid file with no units and says so', async () => {
    const dir = copyRepoProject({ withLocales: true });
    const result = await runCli(['xliff', 'export', '--locale', 'kk', '--out', 'out'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to translate for kk (out/kk.xlf has no units)');
    expect(schemaErrors(path.join(dir, 'out/kk.xlf'), XLIFF_XSD)).toBe('');
    expect(readProjectFile(dir, 'out/kk.xlf')).not.toContain('<trans-unit');

    const usage = await runCli(['xliff', 'export', '--locale', 'de'], dir);
    expect(usage.code).toBe(2);
    expect((await runCli(['xliff'], dir)).code).toBe(2);
    expect((await runCli(['xliff', 'import'], dir)).code).toBe(2);
  });
});

describe('tilmash xliff export/import for the tools people use (issue 15)', () => {
  it('--target-mode source: every target a copy of the source (state needs-translation), the draft as alt-trans; valid; a bad mode is a usage error', async () => {
    const dir = projectWithWork();
    const report = await exportXliff(dir, '--locale', 'kk', '--target-mode', 'source');
    expect(report.files[0]?.states).toEqual({ 'needs-translation': report.files[0]?.units });
    const xml = readProjectFile(dir, 'xliff/kk.xlf');
    expect(schemaErrors(path.join(dir, 'xliff/kk.xlf'), XLIFF_XSD)).toBe('');
    const title = unitXml(xml, 'ui.app.title.1');
    expect(title).toContain('<target state="needs-translation">Новости Евразии</target>');
    expect(title).toContain('<alt-trans match-quality="100" origin="tm:machine">');
    expect(title).toContain('<target>Еуразия жаңалықтары</target>');
    const bad = await runCli(['xliff', 'export', '--target-mode', 'copy'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--target-mode must be one of empty, source; found 'copy'");
  });

  it('the state model: no state, state="new" with a target, approved="yes" without a review step; a source copy is skipped with its hint; old #n ids still import', async () => {
    const dir = projectWithWork();
    await exportXliff(dir, '--locale', 'kk');
    let xml = readProjectFile(dir, 'xliff/kk.xlf');
    const [ph] = sourceCodes(xml, 'ui.footer.1');
    xml = fillUnit(xml, 'ui.footer.1', `Барлық құқықтар қорғалған, ${ph}.`, 'new');
    xml = fillUnit(xml, 'article.p-sleduyushchij-sammit-projdet.1', 'Келесі саммит 2027 жылы Өзбекстанда өтеді.', 'translated').replace(/(<trans-unit id="article\.p-sleduyushchij-sammit-projdet)\.1"/u, '$1#1" approved="yes"');
    xml = xml.replace(/(<trans-unit id="ui\.app\.title\.1"[\s\S]*?<target)[^>]*>[^<]*(<\/target>)/u, '$1>Еуразияның жаңалықтары$2'); // no state
    const terms = unitXml(xml, 'ui.terms.1');
    xml = xml.replace(terms, terms.replace(/<target[^>]*\/>/u, `<target state="new">${/<source>(.*?)<\/source>/su.exec(terms)?.[1] ?? ''}</target>`));
    writeProjectFile(dir, 'xliff/kk.xlf', xml);

    const result = await runCli(['xliff', 'import', 'xliff/kk.xlf', '--json'], dir);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as XliffImportReport;
    expect(report.recorded).toEqual({ translated: 3, reviewed: 0, needsReview: 0 });
    expect(report.skippedBy).toEqual({ 'same-as-source': 1 });
    expect(report.skippedReasons).toEqual([{ reason: 'same-as-source', units: 1, hint: expect.stringMatching(/^the target is a copy of the source/u) }]);
    expect(report.skippedUnits).toEqual([{ locale: 'kk', id: 'ui.terms.1', line: expect.any(Number), reason: 'same-as-source' }]);
    expect(report.infos.map((i) => [i.id, i.message])).toEqual([
      ['article.p-sleduyushchij-sammit-projdet#1', expect.stringMatching(/^approved="yes" without a review step in the file: recorded as translated/u)],
      ['ui.footer.1', 'the target is filled but its state is still "new": recorded as translated'],
    ]);
    const tm = tmBySource(dir, 'kk');
    expect(tm.get('Новости Евразии')).toMatchObject({ target: 'Еуразияның жаңалықтары', status: 'translated' });
    expect(tm.get(NEW_SENTENCE)).toMatchObject({ status: 'translated' });
  });

  it('--state-default skip, --approved-as reviewed, a review phase in the header, --strict', async () => {
    const dir = projectWithWork();
    await exportXliff(dir, '--locale', 'kk');
    const exported = readProjectFile(dir, 'xliff/kk.xlf');
    const noState = exported.replace(/(<trans-unit id="ui\.app\.title\.1"[\s\S]*?<target)[^>]*>[^<]*(<\/target>)/u, '$1>Еуразияның жаңалықтары$2');
    writeProjectFile(dir, 'a.xlf', noState);
    const skipped = await runCli(['xliff', 'import', 'a.xlf', '--state-default', 'skip', '--strict'], dir);
    expect(skipped.code).toBe(6);
    expect(skipped.stdout).toContain('1 no-state: the unit has a target but no state and --state-default skip was given');

    const approved = fillUnit(exported, 'ui.app.title.1', 'Еуразия жаңалықтары!', 'translated').replace('<trans-unit id="ui.app.title.1"', '<trans-unit id="ui.app.title.1" approved="yes"');
    writeProjectFile(dir, 'b.xlf', approved);
    const asReviewed = JSON.parse((await runCli(['xliff', 'import', 'b.xlf', '--json', '--approved-as', 'reviewed'], dir)).stdout) as XliffImportReport;
    expect(asReviewed.recorded).toMatchObject({ reviewed: 1 });

    const reviewPhase = fillUnit(exported, 'ui.footer.1', `Барлық құқықтар қорғалған, ${sourceCodes(exported, 'ui.footer.1')[0]}!`, 'translated')
      .replace('<trans-unit id="ui.footer.1"', '<trans-unit id="ui.footer.1" approved="yes"')
      .replace(/(<file original="source\/ui\.ru\.json"[^>]*>\s*<header>)/u, '$1<phase-group><phase phase-name="r1" process-name="review"/></phase-group>');
    writeProjectFile(dir, 'c.xlf', reviewPhase);
    const fromReview = JSON.parse((await runCli(['xliff', 'import', 'c.xlf', '--json'], dir)).stdout) as XliffImportReport;
    expect(fromReview.recorded).toMatchObject({ reviewed: 1 });
    expect(schemaErrors(path.join(dir, 'c.xlf'), XLIFF_XSD)).toBe('');
  });

  it('a unit whose id names nothing is refused as such, not as "the sources changed"', async () => {
    const dir = projectWithWork();
    await exportXliff(dir, '--locale', 'kk');
    writeProjectFile(dir, 'x.xlf', fillUnit(readProjectFile(dir, 'xliff/kk.xlf'), 'ui.app.title.1', 'Еуразия', 'translated').replace('id="ui.app.title.1"', 'id="7"'));
    const result = await runCli(['xliff', 'import', 'x.xlf'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/1 unit names no segment of the current sources \(by id, resname or <context-group purpose="location">/u);
    expect(result.stderr).toContain('unit "7" (kk)');
    expect(result.stderr).not.toContain('the sources changed');
  });
});
