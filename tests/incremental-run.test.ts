/**
 * The no-change path (issue 13, src/job/run-manifest.ts): a steady run records the run manifest;
 * the next run, status and check answer from it with the same reports as the full path and touch
 * nothing; any changed input (source, TM, journal, glossary, config) or output (a person's bundle
 * edit, a deleted bundle) sends them down the full path, whose outputs are byte-identical to those
 * of a project that never had a manifest; a damaged, foreign or deleted manifest is no manifest.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import type { ResolvedConfig } from '../src/config/resolved-config.js';
import type { JobReport } from '../src/job/job-report.js';
import { checkJob } from '../src/workflows/check/check-job.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { cleanupProjects, copyRepoProject, editJson, readJson, readProjectFile, snapshot, tmBySource, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

const NOW = () => new Date('2026-12-01T12:00:00.000Z');
const MANIFEST = '.tilmash-cache/run-manifest.json';

/** A copy of the sample project after a steady run: its manifest is recorded. */
async function steadyProject(): Promise<{ dir: string; config: ResolvedConfig; steady: JobReport }> {
  const dir = copyRepoProject({ withLocales: true });
  const config = await loadConfig(path.join(dir, 'pipeline.config.ts'));
  const steady = await runJob({ config, now: NOW });
  expect(steady.noChange).toBeUndefined();
  expect(existsSync(path.join(dir, MANIFEST))).toBe(true);
  return { dir, config, steady };
}

/** A report without what tells the paths apart: the no-change flag, and the per-document reuse counts of the full path (incremental-change.test.ts). */
const withoutFlag = <T extends { noChange?: true; incremental?: unknown }>(report: T): Omit<T, 'noChange' | 'incremental'> => {
  const { noChange: _, incremental: __, ...rest } = report;
  return rest;
};

/** Bundles and ledgers, by path. */
const outputs = (dir: string) => new Map([...snapshot(dir, 'locales')].map(([file, state]) => [file, state.bytes]));

describe('the no-change path', () => {
  it('run, status and check answer from the manifest with the reports of the full path, and touch nothing', async () => {
    const { dir, config, steady } = await steadyProject();
    const before = snapshot(dir);
    const again = await runJob({ config, now: NOW });
    expect(again.noChange).toBe(true);
    expect(withoutFlag(again)).toEqual(withoutFlag({ ...steady, writtenFiles: [], removedFiles: [] }));
    expect(snapshot(dir)).toEqual(before);

    const status = await runJob({ config, dryRun: true });
    expect(status.noChange).toBe(true);
    expect(withoutFlag(status)).toEqual(withoutFlag(await runJob({ config, dryRun: true, noChangeChecked: true })));

    const check = await checkJob(config);
    expect(check.noChange).toBe(true);
    expect(withoutFlag(check)).toEqual(await checkJob(config, { noChangeChecked: true }));
    expect(snapshot(dir)).toEqual(before);
  });

  it('only some locales (--locale): the full path', async () => {
    const { config } = await steadyProject();
    expect((await runJob({ config, locales: ['en'], now: NOW })).noChange).toBeUndefined();
  });
});

/** Each change, made to a project with a manifest and to the same project without one. */
const CHANGES: Array<[string, (dir: string) => void]> = [
  ['a source edited', (dir) => writeProjectFile(dir, 'source/article.ru.txt', `${readProjectFile(dir, 'source/article.ru.txt')}\nНовый абзац для проверки.\n`)],
  ['a TM entry changed', (dir) => {
    const file = path.join(dir, 'tm', 'ru-en.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const entry = JSON.parse(lines[0] as string) as { target: string };
    lines[0] = JSON.stringify({ ...entry, target: `${entry.target} (revised)` });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }],
  ['a TM journal waiting', (dir) => {
    const [source] = tmBySource(dir, 'kk').keys();
    writeFileSync(path.join(dir, 'tm', 'ru-kk.journal'), `${JSON.stringify({ source, target: 'жаңа аударма', origin: 'human', status: 'translated', created: '2026-12-01T00:00:00.000Z', changed: '2026-12-01T00:00:00.000Z' })}\n`);
  }],
  ['the glossary changed', (dir) => editJson(dir, 'glossary.json', (json) => Object.assign(json, { note: 'changed' }))],
  ['a person edited a bundle', (dir) => editJson(dir, 'locales/en/ui.json', (json) => {
    const key = Object.keys(json).find((k) => typeof json[k] === 'string') as string;
    json[key] = 'Edited by a person';
  })],
  ['a bundle deleted', (dir) => rmSync(path.join(dir, 'locales', 'zh', 'ui.json'))],
];

describe('any change takes the full path, with the outputs of a project that never had a manifest', () => {
  for (const [name, change] of CHANGES) {
    it(name, async () => {
      const cached = await steadyProject();
      const plain = await steadyProject();
      rmSync(path.join(plain.dir, '.tilmash-cache'), { recursive: true });
      change(cached.dir);
      change(plain.dir);
      const check = await checkJob(cached.config);
      expect(check.noChange).toBeUndefined();
      expect(check).toEqual(await checkJob(plain.config));
      const a = await runJob({ config: cached.config, now: NOW });
      const b = await runJob({ config: plain.config, now: NOW });
      expect(a.noChange).toBeUndefined();
      expect(withoutFlag(a)).toEqual(withoutFlag(b));
      expect(outputs(cached.dir)).toEqual(outputs(plain.dir));
      if (name === 'a person edited a bundle') {
        expect(a.humanEdits).toBeGreaterThan(0); // the edit was seen and recorded in the TM
        expect(readJson(cached.dir, 'locales/en/ui.json')).toEqual(readJson(plain.dir, 'locales/en/ui.json'));
      }
    });
  }

  it('a changed config or tool settings: the full path', async () => {
    const { dir, config } = await steadyProject();
    const manifest = JSON.parse(readProjectFile(dir, MANIFEST)) as { settings: string };
    expect((await runJob({ config: { ...config, output: { ...config.output, incomplete: 'source' } }, now: NOW })).noChange).toBeUndefined();
    writeProjectFile(dir, MANIFEST, JSON.stringify({ ...JSON.parse(readProjectFile(dir, MANIFEST)), settings: 'sha256:other-version' }));
    expect((await runJob({ config, now: NOW })).noChange).toBeUndefined();
    expect(manifest.settings).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('a damaged manifest is no manifest', () => {
  const DAMAGE: Array<[string, (file: string) => void]> = [
    ['not JSON', (file) => writeFileSync(file, '{"format": 1, "inp')],
    ['another format', (file) => writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), format: 99 }))],
    ['a wrong state', (file) => writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), state: { locales: 'x' } }))],
    ['an input hash altered', (file) => {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { inputs: Record<string, string> };
      manifest.inputs['source/article.ru.txt'] = 'sha256:0';
      writeFileSync(file, JSON.stringify(manifest));
    }],
    ['deleted', (file) => rmSync(file)],
  ];
  for (const [name, damage] of DAMAGE) {
    it(name, async () => {
      const { dir, config, steady } = await steadyProject();
      damage(path.join(dir, MANIFEST));
      const before = outputs(dir);
      const report = await runJob({ config, now: NOW });
      expect(report.noChange).toBeUndefined();
      expect(withoutFlag(report)).toEqual(withoutFlag({ ...steady, writtenFiles: [], removedFiles: [] }));
      expect(outputs(dir)).toEqual(before);
      expect((await runJob({ config, now: NOW })).noChange).toBe(true); // the full run recorded a good one again
    });
  }

  it('a .tilmash-cache that is a file, not a folder: the full path, the same outputs, and no manifest or cache kept', async () => {
    const { dir, config, steady } = await steadyProject();
    rmSync(path.join(dir, '.tilmash-cache'), { recursive: true });
    writeFileSync(path.join(dir, '.tilmash-cache'), 'a file where the cache folder would go\n');
    const before = outputs(dir);
    const report = await runJob({ config, now: NOW });
    expect(report.noChange).toBeUndefined();
    expect(withoutFlag(report)).toEqual(withoutFlag({ ...steady, writtenFiles: [], removedFiles: [] }));
    expect(outputs(dir)).toEqual(before);
    expect(readFileSync(path.join(dir, '.tilmash-cache'), 'utf8')).toBe('a file where the cache folder would go\n');
  });
});
