/**
 * Issue 12, failure 8 (clean-up): temp files of a killed command are removed at the next start (ours
 * by name, and only when stale); an import killed after its TM write is completed by the next import
 * (journal folded, bundles rebuilt) instead of saying "recorded 0".
 */
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, readTm, runCli } from '../helpers/project.js';

afterAll(cleanupProjects);

describe('clean up after a killed command', () => {
  it('stale .tilmash-tmp-* files (ours, older than ten minutes) are removed at the next run; fresh ones and look-alikes are kept', async () => {
    const dir = copyRepoProject({ withLocales: true });
    const hourAgo = new Date(Date.now() - 3600_000);
    const stale = ['tm/.tilmash-tmp-0123456789ab-ru-en.jsonl', 'locales/en/.tilmash-tmp-a1b2c3d4e5f6-article.json', 'source/.tilmash-tmp-ffffffffffff-article.keys.json'];
    const kept = ['tm/.tilmash-tmp-abcdefabcdef-ru-kk.jsonl', 'tm/.tilmash-tmp-not-ours.txt'];
    for (const name of [...stale, ...kept]) writeFileSync(path.join(dir, name), 'partial');
    for (const name of [...stale, kept[1] as string]) utimesSync(path.join(dir, name), hourAgo, hourAgo);
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/note: Removed 3 temp file\(s\) left by an earlier interrupted command/);
    for (const name of stale) expect(existsSync(path.join(dir, name)), name).toBe(false);
    for (const name of kept) expect(existsSync(path.join(dir, name)), name).toBe(true);
  });

  it('an xliff import killed after its TM write: the next import folds the journal and rebuilds the bundles', async () => {
    const dir = copyRepoProject({ withLocales: true });
    // An entry the article bundle uses, taken out of the TM file and put in the journal with a new target:
    // what a killed import leaves (its entry durable in the journal, the TM file and bundles not rewritten).
    const bundleFile = path.join(dir, 'locales', 'en', 'article.json');
    const before = readFileSync(bundleFile, 'utf8');
    const used = readTm(dir, 'en').find((e) => e.target.length > 20 && before.includes(JSON.stringify(e.target).slice(1, -1)));
    expect(used).toBeDefined();
    const tmFile = path.join(dir, 'tm', 'ru-en.jsonl');
    writeFileSync(tmFile, readFileSync(tmFile, 'utf8').split('\n').filter((line) => line === '' || (JSON.parse(line) as { source: string }).source !== used?.source).join('\n'));
    expect((await runCli(['xliff', 'export', '--locale', 'en'], dir)).code).toBe(0);
    const entry = { ...used, target: 'Translated by a person', origin: 'xliff', status: 'translated', changed: '2026-12-01T00:00:00.000Z' };
    writeFileSync(path.join(dir, 'tm', 'ru-en.journal'), `${JSON.stringify(entry)}\n`);
    const result = await runCli(['xliff', 'import', 'xliff/en.xlf'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/An earlier import or run was interrupted after recording translations: they were folded into the TM and the bundles rebuilt/);
    expect(result.stdout).not.toMatch(/Nothing new to record/);
    expect(existsSync(path.join(dir, 'tm', 'ru-en.journal'))).toBe(false);
    expect(readTm(dir, 'en').find((e) => e.source === used?.source)?.target).toBe('Translated by a person');
    expect(readFileSync(bundleFile, 'utf8')).toContain('Translated by a person');
  });
});
