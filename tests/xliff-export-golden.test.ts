/**
 * `xliff export` output is byte-identical to what the exporter wrote before the compact fuzzy index
 * (tests/fixtures/xliff-golden was written by commit 20426ee, the FuzzyIndex suggester, on this very
 * project: the sample with one new sentence one word away from a TM source, so every locale gets
 * fuzzy `alt-trans` suggestions).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, readProjectFile, REPO, runCli, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

const GOLDEN = path.join(REPO, 'tests', 'fixtures', 'xliff-golden');
const ARTICLE = 'source/article.ru.txt';

describe('xliff export bytes', () => {
  it('match the export made with the old fuzzy index, suggestions included', async () => {
    const dir = copyRepoProject({ withLocales: true });
    writeProjectFile(dir, ARTICLE, readProjectFile(dir, ARTICLE).replace('Среди договоренностей', 'Следующий саммит пройдет в Узбекистане в 2027 г.\n\nСреди договоренностей'));
    const result = await runCli(['xliff', 'export', '--out', 'out'], dir);
    expect(result.code, result.stderr).toBe(0);
    for (const locale of ['en', 'kk', 'zh']) {
      const expected = readFileSync(path.join(GOLDEN, `${locale}.xlf`));
      expect(expected.toString('utf8')).toContain('<alt-trans');
      expect(readFileSync(path.join(dir, 'out', `${locale}.xlf`)).equals(expected), `${locale}.xlf`).toBe(true);
    }
  });
});
