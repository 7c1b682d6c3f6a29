/** The `tilmash` CLI as a user runs it: segment, status, run --json, help, version, progress lines. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/cli-io.js';
import { createProgressReporter } from '../src/cli/progress.js';
import type { JobReport } from '../src/job/job-report.js';
import { cleanupProjects, copyRepoProject, makeProject, REPO, SAMPLE, runCli, snapshot } from './helpers/project.js';

afterAll(cleanupProjects);

interface SegmentedBlock {
  key: string;
  kind: string;
  text: string;
  segments: string[];
}

describe('tilmash segment', () => {
  it('--json prints [{key, kind, text, segments}] with the keys of the key map', async () => {
    const dir = copyRepoProject();
    const result = await runCli(['segment', 'source/article.ru.txt', '--json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const blocks = JSON.parse(result.stdout) as SegmentedBlock[];
    for (const block of blocks) expect(Object.keys(block).sort()).toEqual(['key', 'kind', 'segments', 'text']);
    expect(blocks[0]).toEqual({
      key: 'title',
      kind: 'title',
      text: 'Си Цзиньпин пообещал странам Центральной Азии 26 млрд юаней',
      segments: ['Си Цзиньпин пообещал странам Центральной Азии 26 млрд юаней'],
    });
    const year = blocks.find((b) => b.text.includes('2030 г.'));
    expect(year?.key).toBe('p-prezident-kazahstana-kasym');
    expect(year?.segments).toEqual([
      'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным партнером и предложил довести товарооборот до 40 млрд долл. США к 2030 г.',
      'Следующий саммит пройдет в Казахстане в 2025 г.',
    ]);
    const keyMap = JSON.parse(readFileSync(path.join(SAMPLE, 'source/article.keys.json'), 'utf8')) as { blocks: Array<{ key: string; kind: string }> };
    expect(blocks.map((b) => [b.key, b.kind])).toEqual(keyMap.blocks.map((b) => [b.key, b.kind]));
    // boilerplate is gone, the repeated caption is kept once, the sample's list items are one sentence each
    expect(blocks.some((b) => b.text.includes('XS SM MD LG') || b.text.startsWith('Главная') || b.text.startsWith('©'))).toBe(false);
    expect(blocks.filter((b) => b.kind === 'caption')).toHaveLength(1);
    for (const item of blocks.filter((b) => b.kind === 'list-item')) expect(item.segments).toEqual([item.text]);
    // initials and abbreviations do not end a sentence
    expect(blocks.find((b) => b.text.startsWith('По оценке Т. Умарова'))?.segments[0]).toBe('По оценке Т. Умарова, в XXI в. регион перестал быть «задним двором» одной державы.');
  });

  it('plain output lists each key with its kind and numbered segments; it writes nothing', async () => {
    const dir = copyRepoProject();
    const before = snapshot(dir);
    const result = await runCli(['segment', 'source/article.ru.txt'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^title \(title\)\n {2}1\. Си Цзиньпин/);
    expect(result.stdout).toContain('p-prezident-kazahstana-kasym (paragraph)\n  1. Президент Казахстана');
    expect(result.stdout).toContain('\n  2. Следующий саммит пройдет в Казахстане в 2025 г.\n');
    expect(snapshot(dir)).toEqual(before);
  });

  it('works on any text file, without a config', async () => {
    const dir = makeProject({ 'draft.txt': 'Черновик\n\nПервая фраза. Вторая фраза, т. е. продолжение.\n' }, { link: false });
    const result = await runCli(['segment', 'draft.txt', '--json'], dir);
    expect(result.code).toBe(0);
    const blocks = JSON.parse(result.stdout) as SegmentedBlock[];
    expect(blocks.map((b) => b.segments)).toEqual([['Черновик'], ['Первая фраза.', 'Вторая фраза, т. е. продолжение.']]);
  });

  it('keeps a Markdown link that spans two sentences in one segment, as run does', async () => {
    const dir = makeProject({ 'draft.md': '# Черновик\n\nДо ссылки. [Первая фраза. Вторая фраза](https://example.com) после. Третья фраза.\n' }, { link: false });
    const result = await runCli(['segment', 'draft.md', '--json'], dir);
    expect(result.code).toBe(0);
    const blocks = JSON.parse(result.stdout) as SegmentedBlock[];
    expect(blocks[1]?.segments).toEqual(['До ссылки.', '[Первая фраза. Вторая фраза](https://example.com) после.', 'Третья фраза.']);
  });
});

describe('tilmash status and run --json', () => {
  it('status --json: per-locale segments, fromTm, missing, billedCharacters; writes nothing', async () => {
    const dir = copyRepoProject();
    const before = snapshot(dir);
    const result = await runCli(['status', '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JobReport;
    expect(report.dryRun).toBe(true);
    expect(report.locales.map((l) => l.locale)).toEqual(['en', 'kk', 'zh', 'kk-Latn', 'zh-Hant']);
    for (const l of report.locales) {
      expect(l).toMatchObject({ segments: l.locale.startsWith('zh') ? 40 : 44, fromTm: l.locale.startsWith('zh') ? 40 : 44, missing: 0, billedCharacters: 0, missingSegments: [] });
    }
    expect(snapshot(dir)).toEqual(before);

    const table = await runCli(['status', '--locale', 'zh'], dir);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Status\nlocale\s+segments\s+from TM\s+translated\s+missing\s+QA errors\s+warnings\s+chars to bill\nzh\s+40\s+40\s+0\s+0\s+0\s+0\s+0\n/);
  });

  it('run --json prints one JSON report with the documented fields on stdout only', async () => {
    const dir = copyRepoProject();
    const result = await runCli(['run', '--json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JobReport & Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['dryRun', 'engine', 'locales', 'writtenFiles', 'removedFiles', 'humanEdits', 'problems', 'findings']));
    expect(Object.keys(report).every((k) => ['dryRun', 'engine', 'locales', 'writtenFiles', 'removedFiles', 'humanEdits', 'problems', 'findings', 'failure', 'usage', 'requests', 'incremental'].includes(k))).toBe(true);
    expect(report).toMatchObject({ dryRun: false, engine: null, problems: [], findings: [] });
    expect(report.failure).toBeUndefined();
    expect(report.writtenFiles).toEqual([
      'locales/en/article.json', 'locales/en/ui.json', 'locales/icu/en.json', 'locales/icu/kk-Latn.json', 'locales/icu/kk.json', 'locales/icu/ru.json',
      'locales/icu/zh-Hant.json', 'locales/icu/zh.json', 'locales/kk-Latn/article.json', 'locales/kk-Latn/ui.json', 'locales/kk/article.json', 'locales/kk/ui.json',
      'locales/provenance/en.json', 'locales/provenance/kk-Latn.json', 'locales/provenance/kk.json', 'locales/provenance/zh-Hant.json', 'locales/provenance/zh.json',
      'locales/ru/article.json', 'locales/ru/ui.json', 'locales/zh-Hant/article.json', 'locales/zh-Hant/ui.json', 'locales/zh/article.json', 'locales/zh/ui.json',
    ]);
    for (const l of report.locales) {
      const derived = l.locale.includes('-') ? ['derived', 'derivedFrom'] : []; // kk-Latn, zh-Hant: converted from kk, zh
      expect(Object.keys(l).sort()).toEqual(['billedCharacters', ...derived, 'fromTm', 'incompleteKeys', 'locale', 'missing', 'missingSegments', 'needsReview', 'retried', 'segments', 'translated']);
      expect(l).toMatchObject({ segments: l.locale.startsWith('zh') ? 40 : 44, fromTm: l.locale.startsWith('zh') ? 40 : 44, translated: 0, missing: 0, billedCharacters: 0, missingSegments: [], incompleteKeys: [] });
    }
    const again = await runCli(['run', '--json'], dir);
    expect((JSON.parse(again.stdout) as JobReport).writtenFiles).toEqual([]);
  });

  it('run prints the summary table', async () => {
    const dir = copyRepoProject();
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Run\nlocale\s+segments\s+from TM\s+translated\s+missing\s+QA errors\s+warnings\s+chars billed\nen\s+44\s+44\s+0\s+0\s+0\s+0\s+0\nkk\s+44\s+44\s+0\s+0\s+0\s+0\s+0\nzh\s+40\s+40\s+0\s+0\s+0\s+0\s+0\nkk-Latn\s+44\s+44\s+0\s+0\s+0\s+0\s+0\nzh-Hant\s+40\s+40/);
    expect(result.stdout).toContain('engine: none');
    expect(result.stdout).toMatch(/Wrote 23 file\(s\): locales\/en\/article\.json, locales\/en\/ui\.json/);
  });
});

describe('progress', () => {
  const io = (isTty: boolean, out: string[]): CliIo => ({
    stdout: () => {},
    stderr: (t) => out.push(t),
    isTty,
    cwd: '/',
    env: {},
    signal: new AbortController().signal,
  });

  // Through the CLI an engine needs DEEPL_AUTH_KEY and a server; the reporter is tested directly.
  it('not a terminal: one plain line per batch on stderr', () => {
    const out: string[] = [];
    const reporter = createProgressReporter(io(false, out));
    reporter.update({ locale: 'kk', done: 50, total: 120 });
    reporter.update({ locale: 'kk', done: 120, total: 120 });
    reporter.finish();
    expect(out.join('')).toBe('kk: 50/120 segments translated\nkk: 120/120 segments translated\n');
  });

  it('a terminal: one line per locale and a total, redrawn in place, each line cleared before it is written', () => {
    const out: string[] = [];
    const reporter = createProgressReporter(io(true, out));
    reporter.update({ locale: 'zh', done: 15, total: 30 });
    reporter.finish();
    expect(out[0]).toContain('\u001b[32m##########\u001b[39m'); // colour on a terminal
    const uncoloured = (text: string | undefined) => text?.replace(/\u001b\[(3\d|39)m/gu, '');
    expect(uncoloured(out[0])).toMatch(/^\u001b\[2Kzh +\[#{10}-{10}\]  50% +15\/30  .*\n\u001b\[2Ktotal +\[#{10}-{10}\]  50% +15\/30  /u);
    expect(uncoloured(out.at(-1))).toMatch(/^\u001b\[2F\u001b\[2Kzh /u);
  });
});

describe('help and version', () => {
  it('--help prints the usage and exit codes; no command is help', async () => {
    const dir = makeProject({}, { link: false });
    for (const args of [['--help'], ['-h'], [], ['help']]) {
      const result = await runCli(args, dir);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/tilmash run \[--locale kk,zh\] \[--dry-run\] \[--strict\].* \[--json\]/);
      expect(result.stdout).toContain('tilmash status [--locale kk,zh] [--json]');
      expect(result.stdout).toContain('tilmash segment <file> [--explain] [--json]');
      expect(result.stdout).toMatch(/Exit codes: 0 ok, 1 internal error, 2 usage, 3 config, 4 bad source, 5 bad TM,\s+6 strict or check failure, 7 engine failure, 8 engine quota or key, 9 file-system error \(io\), 10 project locked,\s+11 queue \(Redis\) unreachable,\s+12 shared TM \(PostgreSQL\) unreachable,\s+130 interrupted/);
      expect(result.stderr).toBe('');
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag], makeProject({}, { link: false }));
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });
});

describe('tilmash segment --explain', () => {
  it('lists every dropped, stripped and merged line with its rule id and reason, and writes nothing', async () => {
    const dir = makeProject({ 'page.ru.txt': 'Ссылки для упрощенного доступа\n\nКитай предложил военный альянс Казахстану\n\nПодпись к фото, архивное фото\nПодпись к фото, архивное фото\n\nПредседатель КНР провел саммит с лидерами пяти стран в городе Сиань.\n\nXS\nSM\n' }, { link: false });
    const before = snapshot(dir);
    const text = await runCli(['segment', 'page.ru.txt', '--explain'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('page.ru.txt:1\tdropped  accessibility');
    expect(text.stdout).toMatch(/page\.ru\.txt:6\tdropped {2}repeated +printed again: kept where it first appears, line 5/u);
    expect(text.stdout).toContain('page.ru.txt:10\tdropped  font-size-switcher');
    expect(text.stdout).toMatch(/4 dropped, 0 stripped, 0 merged/u);
    const json = await runCli(['segment', 'page.ru.txt', '--explain', '--json'], dir);
    const parsed = JSON.parse(json.stdout) as { blocks: Array<{ kind: string }>; decisions: Array<{ line: number; rule: string }> };
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['title', 'caption', 'paragraph']);
    expect(parsed.decisions.map((d) => d.rule)).toEqual(['accessibility', 'repeated', 'font-size-switcher', 'font-size-switcher']);
    expect(snapshot(dir)).toEqual(before);
  });
});
