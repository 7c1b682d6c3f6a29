/**
 * Source discovery: `sources` globs in the syntax of picomatch (braces, classes, negation, `**`),
 * listed against a real temp folder; and the CLI's answer when they match nothing.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { findSources } from '../src/read/find-sources.js';
import { cleanupProjects, copyRepoProject, makeProject, readProjectFile, runCli, writeProjectFile } from './helpers/project.js';

afterAll(cleanupProjects);

const FILES = [
  'source/article.ru.txt',
  'source/about.ru.md',
  'source/menu.ru.txt',
  'source/ui.ru.json',
  'source/messages.ru.icu.json',
  'source/article.keys.json',
  'source/news/today.ru.txt',
  'source/news/2025/old.ru.txt',
  'source/.hidden.ru.txt',
  'docs/readme.ru.md',
];
const root = makeProject(Object.fromEntries(FILES.map((f) => [f, 'Текст.\n'])), { link: false });

describe('findSources', () => {
  it('takes braces: source/*.ru.{txt,json}', () => {
    expect(findSources(root, ['source/*.ru.{txt,json}'])).toEqual(['source/article.ru.txt', 'source/menu.ru.txt', 'source/ui.ru.json']);
  });

  it('takes character classes: source/[am]*.ru.*', () => {
    expect(findSources(root, ['source/[am]*.ru.*'])).toEqual(['source/about.ru.md', 'source/article.ru.txt', 'source/menu.ru.txt', 'source/messages.ru.icu.json']);
    expect(findSources(root, ['source/[!am]*.ru.*'])).toEqual(['source/ui.ru.json']);
    expect(findSources(root, ['source/[^am]*.ru.*'])).toEqual(['source/ui.ru.json']);
  });

  it("takes negation: '!source/ui.ru.json' removes a file the other globs match, in any position", () => {
    expect(findSources(root, ['source/*.ru.json', 'source/*.ru.txt', '!source/ui.ru.json'])).toEqual(['source/article.ru.txt', 'source/menu.ru.txt']);
    expect(findSources(root, ['!source/ui.ru.json', 'source/*.ru.json'])).toEqual([]);
    expect(findSources(root, ['source/**/*.ru.txt', '!source/news/**'])).toEqual(['source/article.ru.txt', 'source/menu.ru.txt']);
    expect(findSources(root, ['!source/*.ru.txt'])).toEqual([]);
  });

  it('keeps * within a folder, ** across folders, ? for one character, and literal paths', () => {
    expect(findSources(root, ['source/*.ru.txt'])).toEqual(['source/article.ru.txt', 'source/menu.ru.txt']);
    expect(findSources(root, ['source/**/*.ru.txt'])).toEqual(['source/article.ru.txt', 'source/menu.ru.txt', 'source/news/2025/old.ru.txt', 'source/news/today.ru.txt']);
    expect(findSources(root, ['source/{news,missing}/*.ru.txt'])).toEqual(['source/news/today.ru.txt']);
    expect(findSources(root, ['source/m???.ru.txt'])).toEqual(['source/menu.ru.txt']);
    expect(findSources(root, ['./source/ui.ru.json', '**/readme.ru.md'])).toEqual(['docs/readme.ru.md', 'source/ui.ru.json']);
  });

  it('never lists dot files, and a missing folder matches nothing', () => {
    expect(findSources(root, ['source/*.txt', 'source/.*.txt'])).toEqual(['source/article.ru.txt', 'source/menu.ru.txt']);
    expect(findSources(root, ['nowhere/*.ru.txt'])).toEqual([]);
  });
});

describe('sources globs through the CLI', () => {
  it('builds bundles for exactly the files that braces and a negation select', async () => {
    const dir = copyRepoProject();
    const config = readProjectFile(dir, 'pipeline.config.ts').replace(/sources: \[[^\]]*\]/u, "sources: ['source/*.ru.{txt,json}', '!source/ui.ru.json']");
    writeProjectFile(dir, 'pipeline.config.ts', config);
    const result = await runCli(['run', '--json'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written: string[] = (JSON.parse(result.stdout) as { writtenFiles: string[] }).writtenFiles;
    expect(written.some((f) => f.includes('article'))).toBe(true);
    expect(written.filter((f) => /\bui\b|messages/u.test(f))).toEqual([]);
  });

  it('names the glob when braces or a class match nothing (exit 4)', async () => {
    const dir = copyRepoProject();
    const config = readProjectFile(dir, 'pipeline.config.ts').replace(/sources: \[[^\]]*\]/u, "sources: ['source/[xyz]*.ru.{txt,md}']");
    writeProjectFile(dir, 'pipeline.config.ts', config);
    const result = await runCli(['run'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("No source documents match 'source/[xyz]*.ru.{txt,md}' in .");
  });
});
