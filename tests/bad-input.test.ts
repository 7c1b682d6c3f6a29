/**
 * Bad input through the real CLI: each case exits with its documented code, names the file and the
 * place with a fix, prints no stack trace, and leaves locales/ and the TM exactly as they were.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, copyRepoProject, readProjectFile, SAMPLE, runCli, snapshot, writeProjectFile, type CliResult } from './helpers/project.js';

afterAll(cleanupProjects);

/** The sample project with its committed bundles, so "nothing changed" has something to compare. */
function project(): string {
  const dir = copyRepoProject();
  cpSync(path.join(SAMPLE, 'locales'), path.join(dir, 'locales'), { recursive: true });
  return dir;
}

interface Case {
  name: string;
  args?: string[];
  /** Breaks the project. */
  setup: (dir: string) => void;
  code: number;
  /** Every one must occur in stderr. */
  stderr: Array<string | RegExp>;
}

const plainConfig = (body: string) => `export default {\n${body}\n};\n`;

const CASES: Case[] = [
  {
    name: 'missing source/ folder',
    setup: (dir) => rmSync(path.join(dir, 'source'), { recursive: true }),
    code: 4,
    stderr: ["'source/*.ru.txt'", /Add a file such as source\/<name>\.ru\.txt/],
  },
  {
    name: 'no file matches the sources globs',
    setup: (dir) => {
      rmSync(path.join(dir, 'source'), { recursive: true });
      writeProjectFile(dir, 'source/notes.txt', 'Заметки без локали в имени.\n');
    },
    code: 4,
    stderr: ["No source documents match 'source/*.ru.txt', 'source/*.ru.md', 'source/*.ru.json', 'source/*.ru.icu.json' in .", /fix `sources`/],
  },
  {
    name: 'empty source file',
    setup: (dir) => writeProjectFile(dir, 'source/empty.ru.txt', ''),
    code: 4,
    stderr: ['source/empty.ru.txt', 'is empty', /Put the source text in it/],
  },
  {
    name: 'whitespace-only source file',
    setup: (dir) => writeProjectFile(dir, 'source/blank.ru.txt', ' \n\n\t\n'),
    code: 4,
    stderr: ['source/blank.ru.txt', 'is empty'],
  },
  {
    name: 'invalid UTF-8 in line 3',
    setup: (dir) =>
      writeProjectFile(dir, 'source/cp1251.ru.txt', Buffer.concat([Buffer.from('Заголовок\n\nТекст '), Buffer.from([0xcf, 0xf0, 0xe8]), Buffer.from(' дальше.\n')])),
    code: 4,
    stderr: ['source/cp1251.ru.txt:3:7', 'not valid UTF-8', /Re-save the file as UTF-8/],
  },
  {
    name: 'a binary file named x.ru.txt',
    setup: (dir) => writeProjectFile(dir, 'source/x.ru.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0])),
    code: 4,
    stderr: ['source/x.ru.txt', 'not a text file', /export the document as plain text/],
  },
  {
    name: 'a source with only boilerplate',
    setup: (dir) => writeProjectFile(dir, 'source/nav.ru.txt', 'Главная › Новости\nXS SM MD LG\n'),
    code: 4,
    stderr: ['source/nav.ru.txt', 'no translatable text', 'nav-breadcrumbs (line 1)'],
  },
  {
    name: 'unknown locale',
    args: ['run', '--locale', 'xx'],
    setup: () => {},
    code: 2,
    stderr: ["'xx'", 'en, kk, zh'],
  },
  {
    name: 'malformed TM line',
    setup: (dir) => {
      const lines = readProjectFile(dir, 'tm/ru-en.jsonl').split('\n');
      lines.splice(6, 0, '{"source":"Обрезанная строка","target":"Truncated'); // becomes line 7
      writeProjectFile(dir, 'tm/ru-en.jsonl', lines.join('\n'));
    },
    code: 5,
    stderr: ['tilmash: tm/ru-en.jsonl:7: invalid JSON', 'Fix or delete that line', 'the TM was not changed'],
  },
  {
    name: 'config: unknown option `target`',
    setup: (dir) => writeProjectFile(dir, 'pipeline.config.ts', plainConfig("  target: { en: {} },")),
    code: 3,
    stderr: ['tilmash: pipeline.config.ts: unknown option `target`', 'Did you mean `targets`?'],
  },
  {
    name: 'config: unknown nested option',
    setup: (dir) => writeProjectFile(dir, 'pipeline.config.ts', plainConfig("  output: { dir: 'locales', incompleet: 'omit' },")),
    code: 3,
    stderr: ['pipeline.config.ts', '`output.incompleet`', '`output.incomplete`'],
  },
  {
    name: "config: engine.batchSize: 'fifty'",
    setup: (dir) => writeProjectFile(dir, 'pipeline.config.ts', plainConfig("  engine: { batchSize: 'fifty' },")),
    code: 3,
    stderr: ['tilmash: pipeline.config.ts: option `engine.batchSize` must be a whole number from 1 to 50, found the string "fifty"'],
  },
  {
    name: 'config: syntax error',
    setup: (dir) => writeProjectFile(dir, 'pipeline.config.ts', "export default {\n  targets: { en: {} \n  sources: ['source/*.ru.txt'],\n};\n"),
    code: 3,
    stderr: ['tilmash: pipeline.config.ts:3:2: the config does not load', /export.* defineConfig/],
  },
  {
    name: 'config: missing file',
    setup: (dir) => rmSync(path.join(dir, 'pipeline.config.ts')),
    code: 3,
    stderr: ['tilmash: pipeline.config.ts: no such config file', '--config'],
  },
  {
    name: 'config: --config names a missing file',
    args: ['run', '--config', 'other.config.ts'],
    setup: () => {},
    code: 3,
    stderr: ['other.config.ts', 'no such config file'],
  },
  {
    name: 'unknown command',
    args: ['frobnicate'],
    setup: () => {},
    code: 2,
    stderr: ["Unknown command 'frobnicate'", 'run, status, check, diff, review, xliff, tm, segment', '--help'],
  },
  {
    name: 'unknown flag',
    args: ['run', '--frobnicate'],
    setup: () => {},
    code: 2,
    stderr: ['--frobnicate', '--help'],
  },
  {
    name: 'empty --locale list',
    args: ['run', '--locale', ','],
    setup: () => {},
    code: 2,
    stderr: ['--locale needs one or more target locales'],
  },
  {
    name: 'an unexpected argument',
    args: ['status', 'source/article.ru.txt'],
    setup: () => {},
    code: 2,
    stderr: ["Unexpected argument 'source/article.ru.txt'"],
  },
  {
    name: 'segment without a file',
    args: ['segment'],
    setup: () => {},
    code: 2,
    stderr: ['tilmash segment source/article.ru.txt'],
  },
  {
    name: 'segment of a missing file',
    args: ['segment', 'source/nope.ru.txt'],
    setup: () => {},
    code: 4,
    stderr: ['source/nope.ru.txt', 'ENOENT', 'Check the path'],
  },
];

describe('bad input: exit code, message, nothing written', () => {
  for (const c of CASES) {
    it(`${c.name} → exit ${c.code}`, async () => {
      const dir = project();
      c.setup(dir);
      const locales = snapshot(dir, 'locales');
      const tm = snapshot(dir, 'tm');
      const keyMaps = snapshot(dir, 'source');

      const result: CliResult = await runCli(c.args ?? ['run'], dir);
      expect(result.code, result.stderr).toBe(c.code);
      for (const expected of c.stderr) {
        if (typeof expected === 'string') expect(result.stderr).toContain(expected);
        else expect(result.stderr).toMatch(expected);
      }
      expect(result.stderr).toMatch(/^tilmash: /);
      expect(result.stderr).not.toContain(dir); // files are named relative to the project, the project itself `.`
      expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
      expect(result.stderr).not.toContain('internal error');
      expect(result.stdout).toBe('');

      expect(snapshot(dir, 'locales')).toEqual(locales); // bytes and mtimes; nothing created
      expect(snapshot(dir, 'tm')).toEqual(tm);
      expect(snapshot(dir, 'source')).toEqual(keyMaps); // no key map created or rewritten
    });
  }
});
