/**
 * Exchange with real CAT tools (Debian packages `translate-toolkit` and `omegat`, installed by
 * `.ci/run`): our XLIFF through xliff2po → a filled PO → po2xliff → `tilmash xliff import`; OmegaT's
 * console translation of our export (`--target-mode source`) with our TMX in `tm/auto` (level 2
 * codes) → import; po2tmx's TMX (header srclang="en" over ru variants) → `tilmash tm import`;
 * translate-toolkit reading our TMX back to PO. A tool that is absent skips its tests with a message
 * only when `CI` is unset; in CI an absent tool fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/workflows/check/check-job.js';
import type { XliffImportReport } from '../src/workflows/xliff/import-xliff-job.js';
import type { TmxImportReport } from '../src/workflows/tmx/tmx-jobs.js';
import { cleanupProjects, copyRepoProject, editJson, readJson, readProjectFile, runCli, tmBySource, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

function available(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** `describe` when the tool is installed; otherwise skipped with a message, or failing in CI. */
function withTool(tool: string, command: string, body: () => void): void {
  if (available(command)) {
    describe(tool, body);
    return;
  }
  if (process.env.CI) {
    describe(tool, () => it(`needs the Debian package ${tool} (CI is set)`, () => expect.fail(`${command} not found: install ${tool} (.ci/run does)`)));
    return;
  }
  console.warn(`cat-tools.test: ${tool} is not installed (apt-get install ${tool}); its tests are skipped`);
  describe.skip(tool, body);
}

const UI = 'source/ui.ru.json';
const ICU = 'source/messages.ru.icu.json';

/** The sample project with new kk work: a placeholder, a tag pair, a plural group, plain text. */
function projectWithWork(): string {
  const dir = copyRepoProject({ withLocales: true });
  editJson(dir, UI, (json) => {
    json.footer = 'Все права защищены, {{name}}.';
    json.terms = 'Прочитайте <1>условия</1> сервиса.';
    json.likes_one = '{{count}} человеку понравилось';
    json.likes_few = '{{count}} людям понравилось';
    json.likes_many = '{{count}} людям понравилось';
    json.likes_other = '{{count}} людям понравилось';
    json.newsSearch = 'Поиск по новостям';
  });
  editJson(dir, ICU, (json) => {
    json['cart.total'] = 'Итого: {total, number} тенге';
  });
  return dir;
}

/** kk translations a translator would give, placeholders and tags kept. */
const KK: Record<string, string> = {
  'Все права защищены, {{name}}.': 'Барлық құқықтар қорғалған, {{name}}.',
  'Прочитайте <1>условия</1> сервиса.': 'Қызметтің <1>шарттарын</1> оқыңыз.',
  '{{count}} людям понравилось': '{{count}} адамға ұнады',
  '{{count}} человеку понравилось': '{{count}} адамға ұнады',
  'Поиск по новостям': 'Жаңалықтардан іздеу',
  // An ICU argument: xliff2po flattens its <ph> to text, po2xliff brings it back as text.
  'Итого: {total, number} тенге': 'Барлығы: {total, number} теңге',
};

async function cli(dir: string, ...args: string[]): Promise<string> {
  const result = await runCli(args, dir);
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.code, args.join(' ')).toBe(0);
  return result.stdout;
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Fills every msgstr of a PO file whose msgid is in `KK` (single-line entries, as xliff2po writes them here). */
function fillPo(po: string): { filled: string; count: number } {
  let count = 0;
  const filled = po.replace(/^msgid "(.+)"\nmsgstr ""$/gmu, (whole, id: string) => {
    const source = JSON.parse(`"${id}"`) as string;
    const target = KK[source];
    if (target === undefined) return whole;
    count++;
    return `msgid "${id}"\nmsgstr ${JSON.stringify(target)}`;
  });
  return { filled, count };
}

withTool('translate-toolkit', 'po2xliff', () => {
  it('XLIFF → xliff2po → filled PO → po2xliff (XLIFF 1.1, numeric ids) → import records every filled unit as translated', async () => {
    const dir = projectWithWork();
    await cli(dir, 'xliff', 'export', '--locale', 'kk');
    run('xliff2po', ['xliff/kk.xlf', 'kk.po'], dir);
    const po = readProjectFile(dir, 'kk.po');
    // Our notes survive (from="developer" → `#.`), ids keep their shape (`.n`, never `%23`), plurals say their category.
    expect(po).toContain('#. Used in: ui.footer');
    expect(po).toContain('#: ui.footer.1');
    expect(po).not.toContain('%23');
    expect(po).toMatch(/#\. plural: one\n/u);
    const { filled, count } = fillPo(po);
    expect(count).toBe(6);
    writeProjectFile(dir, 'kk.filled.po', filled);
    run('po2xliff', ['kk.filled.po', 'back.xlf'], dir);
    const back = readProjectFile(dir, 'back.xlf');
    expect(back).toContain('urn:oasis:names:tc:xliff:document:1.1');
    expect(back).not.toContain('target-language');

    // No target-language in the file: the locale is asked for, not guessed.
    const noLocale = await runCli(['xliff', 'import', 'back.xlf'], dir);
    expect(noLocale.code).toBe(2);
    expect(noLocale.stderr).toContain('has no target-language (po2xliff writes none). Pass the locale: `tilmash xliff import back.xlf --locale <en|kk|zh|kk-Latn|zh-Hant>`');

    const report = JSON.parse(await cli(dir, 'xliff', 'import', 'back.xlf', '--locale', 'kk', '--json')) as XliffImportReport;
    expect(report.recorded).toEqual({ translated: 6, reviewed: 0, needsReview: 0 }); // approved="yes" from po2xliff is not a review
    expect(report.skipped).toBe(0);
    expect(report.ignored).toBe(1); // the PO header unit
    expect(report.warnings).toEqual([expect.stringMatching(/source-language "en-US" and names no target-language/u)]);
    const tm = tmBySource(dir, 'kk');
    for (const [source, target] of Object.entries(KK)) expect(tm.get(source), source).toMatchObject({ target, status: 'translated', origin: 'import:xliff' });
    expect(readJson<Record<string, string>>(dir, 'locales/kk/ui.json')).toMatchObject({ footer: KK['Все права защищены, {{name}}.'], newsSearch: 'Жаңалықтардан іздеу' });
    // `tilmash check` is green for kk: nothing untranslated, stale or held back by QA.
    const check = JSON.parse((await runCli(['check', '--json'], dir)).stdout) as CheckReport;
    for (const list of [check.untranslated, check.stale, check.qaErrors]) expect(list.filter((r) => r.locale === 'kk')).toEqual([]);
    // ICU placeholders flattened to text count as placeholders, as i18next ones do: the key ships.
    expect(readJson<Record<string, string>>(dir, 'locales/icu/kk.json')['ui.cart.total'] ?? readJson<Record<string, string>>(dir, 'locales/icu/kk.json')['messages.cart.total']).toBe('Барлығы: {total, number} теңге');
  });

  it('an unfilled PO comes back skipped with reasons and hints; --strict fails on it', async () => {
    const dir = projectWithWork();
    await cli(dir, 'xliff', 'export', '--locale', 'kk');
    run('xliff2po', ['xliff/kk.xlf', 'kk.po'], dir);
    run('po2xliff', ['-t', 'xliff/kk.xlf', 'kk.po', 'back.xlf'], dir);
    const result = await runCli(['xliff', 'import', 'back.xlf', '--strict'], dir);
    expect(result.code).toBe(6);
    expect(result.stdout).toMatch(/Skipped:\n {2}\d+ no-target: the unit has no translation: translate it in the CAT tool and import the file again/u);
    expect(result.stderr).toMatch(/--strict: \d+ units were skipped \(\d+ no-target\)/u);
  });

  it('po2tmx output (srclang="en" over ru variants) imports by the <tuv> languages, with a warning', async () => {
    const dir = projectWithWork();
    writeProjectFile(dir, 'kk.po', `msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#: ui.newsSearch.1\nmsgid "Поиск по новостям"\nmsgstr "Жаңалықтардан іздеу"\n`);
    run('po2tmx', ['-l', 'kk', '--source-language=ru', 'kk.po', 'kk.tmx'], dir);
    expect(readProjectFile(dir, 'kk.tmx')).toMatch(/srclang="en"[\s\S]*xml:lang="ru"/u);
    const report = JSON.parse(await cli(dir, 'tm', 'import', 'kk.tmx', '--json')) as TmxImportReport;
    expect(report.recorded).toEqual({ kk: 1 });
    expect(report.warnings).toEqual([expect.stringMatching(/the header's srclang is "en" but 1 unit has a <tuv> in ru/u)]);
  });

  it("reads our TMX: translate-toolkit's TMX reader gives back every unit, placeholders and tags as text", async () => {
    const dir = copyRepoProject();
    await cli(dir, 'tm', 'export', '--locale', 'kk', '--out', 'kk.tmx');
    expect(readProjectFile(dir, 'kk.tmx')).toContain('<ph x="1" type="x-variable">{{name}}</ph>');
    const script = 'import json,sys\nfrom translate.storage import tmx\nstore = tmx.tmxfile.parsefile(sys.argv[1])\nprint(json.dumps([[u.source, u.target] for u in store.units]))';
    // The interpreter translate-toolkit's own scripts run with (`#!/usr/bin/python3`), not a pyenv shim.
    const units = JSON.parse(run('/usr/bin/python3', ['-c', script, 'kk.tmx'], dir)) as Array<[string, string]>;
    const tm = tmBySource(dir, 'kk');
    expect(units.length).toBe(tm.size);
    expect(units.filter(([source]) => /\{\{|<\d>/u.test(source)).length).toBeGreaterThan(3);
    for (const [source, target] of units) expect(tm.get(source)?.target, source).toBe(target);
  });
});

/** An OmegaT project around `xliff` (our export) with `tmx` applied automatically (`tm/auto`). */
function omegatProject(root: string, xliff: string, tmx: string): { project: string; config: string } {
  const project = path.join(root, 'omegat-project');
  for (const sub of ['source', 'target', 'tm/auto', 'glossary', 'omegat']) mkdirSync(path.join(project, sub), { recursive: true });
  writeFileSync(path.join(project, 'source', 'kk.xlf'), xliff);
  writeFileSync(path.join(project, 'tm', 'auto', 'tilmash.tmx'), tmx);
  const dirs = ['source_dir', 'target_dir', 'tm_dir', 'glossary_dir', 'glossary_file', 'dictionary_dir'].map((name) => `<${name}>__DEFAULT__</${name}>`).join('');
  writeFileSync(
    path.join(project, 'omegat.project'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<omegat><project version="1.0">${dirs}<source_dir_excludes/><source_lang>ru</source_lang><target_lang>kk</target_lang>` +
      '<source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok><target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>' +
      '<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations><remove_tags>false</remove_tags></project></omegat>\n',
  );
  // OmegaT reads an external TMX at level 1 (codes' content dropped) unless told to read level 2.
  const config = path.join(root, 'omegat-config');
  mkdirSync(config, { recursive: true });
  writeFileSync(
    path.join(config, 'omegat.prefs'),
    '<?xml version="1.0" encoding="UTF-8" ?>\n<omegat><preference version="1.0"><ext_tmx_show_level2>true</ext_tmx_show_level2><ext_tmx_use_slash>true</ext_tmx_use_slash></preference></omegat>\n',
  );
  return { project, config };
}

withTool('omegat', 'omegat', () => {
  it('OmegaT console translation of our export (--target-mode source) with our level-2 TMX leverages segments with a placeholder or an ICU argument inside; import records them, the rest skipped with a reason', async () => {
    const dir = projectWithWork();
    await cli(dir, 'xliff', 'export', '--locale', 'kk', '--target-mode', 'source');
    const xliff = readProjectFile(dir, 'xliff/kk.xlf');
    expect(xliff).toContain('<target state="needs-translation">Все права защищены, <ph id="1" ctype="x-variable">{{name}}</ph>.</target>');

    // The translator's memory: another copy of the project whose TM has these translations, exported as TMX.
    const memory = copyRepoProject();
    const lines = Object.entries(KK).map(([source, target]) => ({ source, target }));
    const tmx =
      '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ru" o-tmf="x"/><body>\n' +
      lines.map((l) => `<tu><tuv xml:lang="ru"><seg>${escape(l.source)}</seg></tuv><tuv xml:lang="kk"><seg>${escape(l.target)}</seg></tuv></tu>\n`).join('') +
      '</body></tmx>\n';
    writeProjectFile(memory, 'plain.tmx', tmx);
    for (const file of [UI, ICU]) editJson(memory, file, (json) => Object.assign(json, readJson(dir, file)));
    await cli(memory, 'tm', 'import', 'plain.tmx');
    await cli(memory, 'tm', 'export', '--locale', 'kk', '--out', 'kk.tmx');
    const level2 = readProjectFile(memory, 'kk.tmx');
    expect(level2).toContain('<seg>Все права защищены, <ph x="1" type="x-variable">{{name}}</ph>.</seg>');

    const { project, config } = omegatProject(dir, xliff, level2);
    const omegat = spawnSync('omegat', [project, '--mode=console-translate', `--config-dir=${config}`], { encoding: 'utf8', timeout: 240_000 });
    expect(omegat.status, omegat.stderr + omegat.stdout).toBe(0);
    const translated = readFileSync(path.join(project, 'target', 'kk.xlf'), 'utf8');
    // Every translation arrived, also those with a placeholder or a tag pair (the text between codes is checked).
    // Leveraged through the TMX's level-2 codes: a placeholder inside, an ICU argument, plain text.
    // Not leveraged, because of OmegaT 3.6 (checked one by one against its console mode): a code at the
    // start of a segment is taken out of it ({{count}} людям …), so no TMX source matches; and a
    // letterless tag pair (<1>…</1>, <f0> in the XLIFF) read after a TMX <bpt> with letters (<link>)
    // keeps that letter (<l0>), so it matches only in a TMX without such a pair before it.
    const notLeveraged = ['{{count}} человеку понравилось', '{{count}} людям понравилось', 'Прочитайте <1>условия</1> сервиса.'];
    const leveraged = Object.keys(KK).filter((source) => !notLeveraged.includes(source));
    for (const source of leveraged) for (const fragment of KK[source]!.split(/\{\{\w+\}\}|\{total, number\}|<\/?\d>/u)) expect(translated, source).toContain(fragment.trim());
    writeProjectFile(dir, 'omegat-kk.xlf', translated);

    const report = JSON.parse(await cli(dir, 'xliff', 'import', 'omegat-kk.xlf', '--json')) as XliffImportReport;
    expect(report.recorded).toEqual({ translated: leveraged.length, reviewed: 0, needsReview: 0 });
    expect(report.skippedUnits.map((u) => [u.id, u.reason])).toEqual([
      ['ui.terms.1', 'same-as-source'],
      ['ui.likes.1', 'same-as-source'],
      ['ui.likes.2', 'same-as-source'],
    ]);
    expect(report.infos.every((info) => /state is still "needs-translation"/u.test(info.message))).toBe(true);
    const tm = tmBySource(dir, 'kk');
    for (const source of leveraged) expect(tm.get(source), source).toMatchObject({ target: KK[source], status: 'translated' });
    // `tilmash check` for kk: no QA error, nothing stale; only the keys OmegaT did not leverage are untranslated.
    const check = JSON.parse((await runCli(['check', '--json'], dir)).stdout) as CheckReport;
    const kk = (refs: ReadonlyArray<{ locale: string; namespace: string; key: string }>) => refs.filter((r) => r.locale === 'kk').map((r) => `${r.namespace}.${r.key}`);
    expect(kk(check.qaErrors)).toEqual([]);
    expect(kk(check.stale)).toEqual([]);
    expect(kk(check.untranslated).sort()).toEqual(['ui.likes', 'ui.terms']);
  }, 300_000);

  it('OmegaT finds no segment in empty targets: the default export is for translate-toolkit-like tools, --target-mode source for OmegaT', async () => {
    const dir = projectWithWork();
    await cli(dir, 'xliff', 'export', '--locale', 'kk');
    const { project, config } = omegatProject(dir, readProjectFile(dir, 'xliff/kk.xlf'), '<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body/></tmx>');
    const pseudo = path.join(dir, 'pseudo.tmx');
    const omegat = spawnSync('omegat', [project, '--mode=console-createpseudotranslatetmx', `--pseudotranslatetmx=${pseudo}`, '--pseudotranslatetype=equal', `--config-dir=${config}`], { encoding: 'utf8', timeout: 240_000 });
    expect(omegat.status, omegat.stderr).toBe(0);
    expect(readFileSync(pseudo, 'utf8')).not.toContain('<tu>');
  }, 300_000);
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
