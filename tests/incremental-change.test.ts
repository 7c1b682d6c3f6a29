/**
 * A run with a few changes (issue 13, src/job/document-cache.ts, unit-reuse.ts): the per-document
 * cache lets a run redo only the documents a change touches — read again only a changed source,
 * localize again only the keys of documents whose inputs (source, key map, TM entries they look
 * up, previous ledger and bundle, QA settings, config) changed — and its outputs are byte-identical
 * to a run of the same project without any cache. The report's `incremental` field is the counter:
 * per document whether its units came from the cache and how many keys were replayed or redone.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import type { ResolvedConfig } from '../src/config/resolved-config.js';
import type { JobReport } from '../src/job/job-report.js';
import { checkJob } from '../src/workflows/check/check-job.js';
import { runJob } from '../src/workflows/run/run-job.js';
import { cleanupProjects, copyRepoProject, editJson, readProjectFile, snapshot, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

const NOW = () => new Date('2026-12-01T12:00:00.000Z');
const CACHE = '.tilmash-cache/documents';
/** Five target locales in the sample (en, kk, zh, kk-Latn, zh-Hant). */
const LOCALES = 5;

/** The sample with a second article (its own key map is made by the first run), after a run that filled the cache. */
async function cachedProject(): Promise<{ dir: string; config: ResolvedConfig }> {
  const dir = copyRepoProject({ withLocales: true });
  const article = readProjectFile(dir, 'source/article.ru.txt');
  writeProjectFile(dir, 'source/second.ru.txt', article.split('\n').slice(0, 12).join('\n') + '\n');
  const config = await loadConfig(path.join(dir, 'pipeline.config.ts'));
  await runJob({ config, now: NOW });
  await runJob({ config, now: NOW, noChangeChecked: true }); // the bundles as that run left them, every document cached
  return { dir, config };
}

/** The same project with no cache at all (no run manifest, no document cache). */
async function plainCopy(): Promise<{ dir: string; config: ResolvedConfig }> {
  const project = await cachedProject();
  rmSync(path.join(project.dir, '.tilmash-cache'), { recursive: true, force: true });
  return project;
}

const outputs = (dir: string) => new Map(['locales', 'tm', 'source'].flatMap((under) => [...snapshot(dir, under)].map(([file, state]) => [`${under}/${file}`, state.bytes])));

const withoutCounts = (report: JobReport): Omit<JobReport, 'incremental'> => {
  const { incremental: _, ...rest } = report;
  return rest;
};

const counts = (report: JobReport, namespace: string) => report.incremental?.find((d) => d.namespace === namespace);

/** The sample's keys per namespace in one locale, from the cache-free run's counts. */
const keysOf = (report: JobReport, namespace: string) => {
  const c = counts(report, namespace);
  return c ? (c.reused + c.redone) / LOCALES : NaN;
};

const TM_EN = 'tm/ru-en.jsonl';
const APP_STRINGS = new Set(['ui', 'messages']);
const UI_ONLY_SOURCE = 'Поиск по статьям';

const CHANGES: Array<{ name: string; change: (dir: string) => void; config?: (config: ResolvedConfig) => ResolvedConfig; redone: string[] }> = [
  { name: 'one paragraph of an article edited', change: (dir) => writeProjectFile(dir, 'source/article.ru.txt', readProjectFile(dir, 'source/article.ru.txt').replace('на общую сумму 26 млрд юаней', 'на общую сумму 27 млрд юаней')), redone: ['article'] },
  { name: 'a document added', change: (dir) => writeProjectFile(dir, 'source/third.ru.txt', `${readProjectFile(dir, 'source/article.ru.txt').split('\n').slice(2, 6).join('\n')}\n`), redone: ['third'] },
  { name: 'a document deleted', change: (dir) => rmSync(path.join(dir, 'source', 'second.ru.txt')), redone: [] },
  {
    name: 'the TM entry one document uses changed',
    change: (dir) => {
      const file = path.join(dir, TM_EN);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => {
        const entry = JSON.parse(line) as { source: string; target: string };
        return entry.source === UI_ONLY_SOURCE ? JSON.stringify({ ...entry, target: 'Search the articles' }) : line;
      });
      writeFileSync(file, `${lines.join('\n')}\n`);
    },
    redone: ['ui'],
  },
  { name: 'a glossary term changed', change: (dir) => writeProjectFile(dir, 'glossary.json', readProjectFile(dir, 'glossary.json').replace('"Xinhua"', '"Xinhua News"')), redone: ['article', 'second', 'ui', 'messages'] },
  // The bundle's bytes are in the outcome key: the edit is found and kept, never overwritten by a
  // replayed outcome (the same bytes as the plain run). The counts are the last assembly's, after the
  // edit is in the TM, which replays what the assembly that found it did: nothing shows as redone.
  { name: 'a person edited a bundle value of an untouched article', change: (dir) => editJson(dir, 'locales/en/second.json', (json) => Object.assign(json, { title: 'A title a person wrote' })), redone: [] },
  { name: 'a person deleted a key from the bundle of an untouched article', change: (dir) => editJson(dir, 'locales/kk/second.json', (json) => delete json['title']), redone: ['second'] },
  { name: 'the config changed', change: () => undefined, config: (config) => ({ ...config, output: { ...config.output, incomplete: 'source' } }), redone: ['article', 'second', 'ui', 'messages'] },
];

describe('a change redoes only the documents it touches, with the bytes of a run without cache', () => {
  for (const { name, change, config: alter, redone } of CHANGES) {
    it(name, async () => {
      const cached = await cachedProject();
      const plain = await plainCopy();
      change(cached.dir);
      change(plain.dir);
      const cachedConfig = alter ? alter(cached.config) : cached.config;
      const plainConfig = alter ? alter(plain.config) : plain.config;
      expect(withoutCounts(await runJob({ config: cachedConfig, dryRun: true }))).toEqual(withoutCounts(await runJob({ config: plainConfig, dryRun: true })));
      expect(await checkJob(cachedConfig)).toEqual(await checkJob(plainConfig));

      const a = await runJob({ config: cachedConfig, now: NOW });
      const b = await runJob({ config: plainConfig, now: NOW });
      expect(withoutCounts(a)).toEqual(withoutCounts(b));
      expect(outputs(cached.dir)).toEqual(outputs(plain.dir));

      // The counter: the plain run redid every key (a second assembly after a person's edit replays
      // what its first one just did); the cached run only those of the touched documents.
      expect(b.incremental?.every((x) => (x.reused === 0 || b.humanEdits > 0) && x.units === 'read')).toBe(true);
      for (const document of a.incremental ?? []) {
        const expected = redone.includes(document.namespace);
        const c = counts(b, document.namespace) as NonNullable<ReturnType<typeof counts>>;
        if (expected) expect(document.redone).toBeGreaterThan(0);
        // App strings (ui, messages) are always parsed again (cheap); an untouched article is not even read.
        else expect(document).toEqual({ namespace: document.namespace, units: APP_STRINGS.has(document.namespace) ? 'read' : 'cached', reused: c.redone + c.reused, redone: 0 });
      }
      if (name === 'the TM entry one document uses changed') {
        // Only the ui keys of the one locale whose TM changed: en. kk, zh and the derived locales are replayed.
        expect(counts(a, 'ui')?.redone).toBe(keysOf(b, 'ui'));
      }
      if (name === 'a person edited a bundle value of an untouched article') expect(a.humanEdits).toBe(1);
      if (name === 'a document deleted') expect(counts(a, 'second')).toBeUndefined();
      if (name === 'one paragraph of an article edited') expect(counts(a, 'article')?.units).toBe('read');

      // The next run redoes the touched documents once more (their previous ledger and bundles are
      // new); the one after replays everything: nothing is redone once the change is settled.
      await runJob({ config: cachedConfig, now: NOW, noChangeChecked: true });
      const d = await runJob({ config: cachedConfig, now: NOW, noChangeChecked: true });
      expect(d.incremental?.filter((x) => x.redone !== 0 || x.units !== (APP_STRINGS.has(x.namespace) ? 'read' : 'cached'))).toEqual([]);
      await runJob({ config: plainConfig, now: NOW });
      await runJob({ config: plainConfig, now: NOW });
      expect(outputs(cached.dir)).toEqual(outputs(plain.dir));
    });
  }
});

describe('the bundles of replayed documents', () => {
  it('a bundle that is not JSON is refused, as without a cache, before anything is sent', async () => {
    const cached = await cachedProject();
    const plain = await plainCopy();
    for (const dir of [cached.dir, plain.dir]) writeProjectFile(dir, 'locales/zh/second.json', '{"title": ');
    const refusal = async (config: ResolvedConfig) => (await runJob({ config, now: NOW }).then(() => undefined, (error: Error) => error.message));
    const message = await refusal(plain.config);
    expect(message).toMatch(/locales\/zh\/second\.json/u);
    expect(await refusal(cached.config)).toBe(message);
  });

  it('an untouched article keeps its bundle file as it is, and a run after an edit to it writes the bytes a run without cache writes', async () => {
    const cached = await cachedProject();
    const before = readProjectFile(cached.dir, 'locales/en/second.json');
    writeProjectFile(cached.dir, 'source/article.ru.txt', readProjectFile(cached.dir, 'source/article.ru.txt').replace('на общую сумму 26 млрд юаней', 'на общую сумму 27 млрд юаней'));
    const report = await runJob({ config: cached.config, now: NOW });
    expect(report.writtenFiles).not.toContain('locales/en/second.json');
    expect(readProjectFile(cached.dir, 'locales/en/second.json')).toBe(before);
  });

  it("a person's value that is not the TM's sentences is replayed as written, never rebuilt from the TM", async () => {
    const cached = await cachedProject();
    const plain = await plainCopy();
    const paragraph = (json: Record<string, unknown>) => Object.keys(json).find((k) => k.startsWith('p-') && String(json[k]).split('. ').length > 1) as string;
    const edit = (dir: string) => editJson(dir, 'locales/en/second.json', (json) => Object.assign(json, { [paragraph(json)]: 'One line a person wrote instead' }));
    const touchArticle = (dir: string, n: number) => writeProjectFile(dir, 'source/article.ru.txt', `${readProjectFile(dir, 'source/article.ru.txt')}\nНовый абзац ${n}.\n`);
    for (const [dir, config] of [[cached.dir, cached.config], [plain.dir, plain.config]] as const) {
      edit(dir);
      await runJob({ config, now: NOW, noChangeChecked: true });
      await runJob({ config, now: NOW, noChangeChecked: true }); // settled: the edit is in the ledger
      for (const n of [1, 2]) {
        touchArticle(dir, n);
        if (dir === plain.dir) rmSync(path.join(dir, '.tilmash-cache'), { recursive: true, force: true });
        await runJob({ config, now: NOW });
      }
    }
    const last = await runJob({ config: cached.config, now: NOW, noChangeChecked: true });
    expect(counts(last, 'second')).toMatchObject({ units: 'cached', redone: 0 });
    expect(readProjectFile(cached.dir, 'locales/en/second.json')).toContain('One line a person wrote instead');
    expect(outputs(cached.dir)).toEqual(outputs(plain.dir));
  });

  // Its source-locale bundle is built from the cached units alone (the same key): only the file's hash shows it is gone or changed.
  for (const [name, damage] of [['deleted', (file: string) => rmSync(file)], ['edited', (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace('"title": "', '"title": "x'))]] as const) {
    it(`an untouched article's source-locale bundle ${name} by hand is written again, as without a cache`, async () => {
      const cached = await cachedProject();
      const plain = await plainCopy();
      for (const dir of [cached.dir, plain.dir]) damage(path.join(dir, 'locales/ru/second.json'));
      const a = await runJob({ config: cached.config, now: NOW });
      const b = await runJob({ config: plain.config, now: NOW });
      expect(a.writtenFiles).toContain('locales/ru/second.json');
      expect(withoutCounts(a)).toEqual(withoutCounts(b));
      expect(outputs(cached.dir)).toEqual(outputs(plain.dir));
    });
  }
});

describe('a damaged cache is no cache', () => {
  const DAMAGE: Array<[string, (file: string) => void]> = [
    ['a flipped byte', (file) => {
      const bytes = readFileSync(file);
      const at = bytes.indexOf('"target"') + 12;
      bytes[at] = (bytes[at] as number) ^ 1;
      writeFileSync(file, bytes);
    }],
    ['torn', (file) => writeFileSync(file, readFileSync(file).subarray(0, 200))],
    ['not the cache format', (file) => writeFileSync(file, '{"format": 1}\n')],
    ['a valid checksum over outcomes of the wrong shape', (file) => {
      const json = JSON.stringify({ format: 1, file: 'source/article.ru.txt', locales: { en: { key: 'x', outcomes: 'nope' } } });
      writeFileSync(file, `${createHash('sha256').update(json).digest('hex')}\n${json}\n`);
    }],
  ];
  for (const [name, damage] of DAMAGE) {
    it(`${name}: everything is redone, the same bytes`, async () => {
      const cached = await cachedProject();
      const plain = await plainCopy();
      rmSync(path.join(cached.dir, '.tilmash-cache', 'run-manifest.json'));
      rmSync(path.join(plain.dir, '.tilmash-cache'), { recursive: true, force: true });
      const files = readdirSync(path.join(cached.dir, CACHE));
      expect(files.length).toBe(4);
      for (const file of files) damage(path.join(cached.dir, CACHE, file));
      writeProjectFile(cached.dir, 'source/article.ru.txt', `${readProjectFile(cached.dir, 'source/article.ru.txt')}\nНовый абзац.\n`);
      writeProjectFile(plain.dir, 'source/article.ru.txt', `${readProjectFile(plain.dir, 'source/article.ru.txt')}\nНовый абзац.\n`);
      const a = await runJob({ config: cached.config, now: NOW });
      const b = await runJob({ config: plain.config, now: NOW });
      expect(a.incremental?.every((d) => d.reused === 0 && d.units === 'read')).toBe(true);
      expect(withoutCounts(a)).toEqual(withoutCounts(b));
      expect(outputs(cached.dir)).toEqual(outputs(plain.dir));
      expect(readdirSync(path.join(cached.dir, CACHE)).length).toBe(4); // rewritten whole
    });
  }

  it('a cache folder that cannot be read or written is not an error: it is removed, the next run rebuilds it', async () => {
    const cached = await cachedProject();
    rmSync(path.join(cached.dir, CACHE), { recursive: true, force: true });
    writeProjectFile(cached.dir, CACHE, 'a file where the folder should be');
    const report = await runJob({ config: cached.config, now: NOW, noChangeChecked: true });
    expect(report.failure).toBeUndefined();
    expect(report.incremental?.every((d) => d.units === 'read')).toBe(true);
    expect(existsSync(path.join(cached.dir, CACHE))).toBe(false);
    editJson(cached.dir, 'glossary.json', (json) => Object.assign(json, { note: 'x' }));
    expect((await runJob({ config: cached.config, now: NOW })).incremental?.every((x) => x.units === 'read')).toBe(true);
    expect(readdirSync(path.join(cached.dir, CACHE)).length).toBe(4);
  });
});
