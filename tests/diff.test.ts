import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/cli-io.js';
import { diffCommand } from '../src/cli/commands/diff-command.js';
import { TilmashError } from '../src/errors.js';
import type { Ledger, LedgerEntry } from '../src/ledger/ledger-types.js';
import { splitIcuIds } from '../src/ledger/read-current-bundles.js';
import { diffBundles } from '../src/review/diff-bundles.js';
import type { KeyChange } from '../src/review/diff-key-change.js';
import { diffMergeOrder } from '../src/review/diff-merge-order.js';
import { formatDiffText } from '../src/review/format-diff.js';
import { readSnapshotFromDir } from '../src/review/read-snapshot-from-dir.js';
import { readSnapshotFromGit } from '../src/review/read-snapshot-from-git.js';
import { cleanupProjects, copyRepoProject, editJson, SAMPLE, runCli } from './helpers/project.js';
import { thrownBy } from './helpers/thrown.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  cleanupProjects();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-diff-'));
  dirs.push(dir);
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Makes `dir` a git repository with a local identity (no global git config needed). */
function initGit(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

/** A fresh, empty repository. */
function gitRepo(): string {
  const dir = tempDir();
  initGit(dir);
  return dir;
}

function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

type Files = Record<string, unknown>;

/** Writes each value as 2-space JSON (strings as they are); `null` deletes the file. */
function writeFiles(dir: string, files: Files): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (content === null) {
      rmSync(file, { force: true });
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

const entry = (origin: string, status: LedgerEntry['status'], extra: Partial<LedgerEntry> = {}): LedgerEntry => ({ source: 'sha256:0000000000000000', target: 'sha256:1111111111111111', origin, status, ...extra });

/** The base: en and kk bundles of app strings (nested, plural), an article (text) and ICU messages, with ledgers. */
const BASE: Files = {
  'locales/ru/ui.json': {
    app: { greeting: 'Здравствуйте, {{name}}!', legacy: 'Старое', title: 'Новости' },
    comments: { count_one: '{{count}} комментарий', count_few: '{{count}} комментария', count_many: '{{count}} комментариев', count_other: '{{count}} комментария' },
  },
  'locales/ru/article.json': { title: 'Заголовок', 'p-one': 'Первый абзац.' },
  'locales/icu/ru.json': { 'article.title': 'Заголовок', 'article.p-one': 'Первый абзац.', 'messages.inbox': '{count, plural, one {# письмо} few {# письма} many {# писем} other {# письма}}' },
  'locales/en/ui.json': {
    app: { greeting: 'Hello, {{name}}!', legacy: 'Old', title: 'News' },
    comments: { count_one: '{{count}} comment', count_other: '{{count}} comments' },
  },
  'locales/en/article.json': { title: 'Title', 'p-one': 'The first paragraph.' },
  'locales/icu/en.json': { 'article.title': 'Title', 'article.p-one': 'The first paragraph.', 'messages.inbox': '{count, plural, one {# letter} other {# letters}}' },
  'locales/kk/ui.json': { app: { greeting: 'Сәлем, {{name}}!', legacy: 'Ескі', title: 'Жаңалықтар' } },
  'locales/kk/article.json': { title: 'Тақырып', 'p-one': 'Бірінші абзац.' },
  'locales/icu/kk.json': { 'article.title': 'Тақырып', 'article.p-one': 'Бірінші абзац.' },
  'locales/provenance/en.json': {
    locale: 'en',
    namespaces: {
      ui: {
        format: 'i18next',
        keys: {
          'app.greeting': entry('engine:deepl', 'machine'),
          'app.legacy': entry('human', 'translated'),
          'app.title': entry('human', 'translated'),
          'comments.count': entry('engine:deepl', 'machine', { entries: ['comments.count_one', 'comments.count_other'] }),
        },
      },
      article: { format: 'text', keys: { title: entry('human', 'translated'), 'p-one': entry('engine:deepl', 'machine') } },
      messages: { format: 'icu', keys: { inbox: entry('engine:deepl', 'machine') } },
    },
  } satisfies Ledger,
  'locales/provenance/kk.json': {
    locale: 'kk',
    namespaces: {
      ui: { format: 'i18next', keys: { 'app.greeting': entry('human', 'translated'), 'app.legacy': entry('human', 'translated'), 'app.title': entry('human', 'translated') } },
      article: { format: 'text', keys: { title: entry('human', 'translated'), 'p-one': entry('human', 'translated') } },
    },
  } satisfies Ledger,
};

/**
 * The working tree: en greeting edited by a person, title marked reviewed (same text), `legacy`
 * removed, `search` added with a finding, a plural form changed and a `_zero` form added, the
 * article paragraph and the ICU message changed; kk loses `legacy` and gains `search`.
 */
const HEAD: Files = {
  'locales/ru/ui.json': {
    app: { greeting: 'Здравствуйте, {{name}}!', title: 'Новости', search: 'Поиск' },
    comments: { count_one: '{{count}} комментарий', count_few: '{{count}} комментария', count_many: '{{count}} комментариев', count_other: '{{count}} комментария' },
  },
  'locales/ru/article.json': { title: 'Заголовок', 'p-one': 'Первый абзац, исправленный.' },
  'locales/icu/ru.json': { 'article.title': 'Заголовок', 'article.p-one': 'Первый абзац, исправленный.', 'messages.inbox': '{count, plural, one {# письмо} few {# письма} many {# писем} other {# письма}}' },
  'locales/en/ui.json': {
    app: { greeting: 'Hi, {{name}}!', title: 'News', search: 'Поиск' },
    comments: { count_zero: 'No comments yet', count_one: '{{count}} comment', count_other: '{{count}} replies' },
  },
  'locales/en/article.json': { title: 'Title', 'p-one': 'The first paragraph, corrected.' },
  // The ICU copy of the article differs on purpose: an article key is reported from the i18next bundle only.
  'locales/icu/en.json': { 'article.title': 'Title', 'article.p-one': 'ICU copy', 'messages.inbox': '{count, plural, one {# message} other {# messages}}' },
  'locales/kk/ui.json': { app: { greeting: 'Сәлем, {{name}}!', title: 'Жаңалықтар', search: 'Іздеу' } },
  'locales/provenance/en.json': {
    locale: 'en',
    namespaces: {
      ui: {
        format: 'i18next',
        keys: {
          'app.greeting': entry('human', 'translated', { edited: true }),
          'app.title': entry('human', 'reviewed'),
          'app.search': entry('engine:deepl', 'machine', { findings: [{ check: 'untranslated', severity: 'warn', message: 'the target equals the source' }] }),
          'comments.count': entry('engine:deepl', 'machine', { entries: ['comments.count_zero', 'comments.count_one', 'comments.count_other'] }),
        },
      },
      article: { format: 'text', keys: { title: entry('human', 'translated'), 'p-one': entry('engine:deepl', 'machine') } },
      messages: { format: 'icu', keys: { inbox: entry('engine:deepl', 'machine') } },
    },
  } satisfies Ledger,
  'locales/provenance/kk.json': {
    locale: 'kk',
    namespaces: {
      ui: { format: 'i18next', keys: { 'app.greeting': entry('human', 'translated'), 'app.title': entry('human', 'translated'), 'app.search': entry('human', 'translated') } },
      article: { format: 'text', keys: { title: entry('human', 'translated'), 'p-one': entry('human', 'translated') } },
    },
  } satisfies Ledger,
};

/** A repo whose HEAD commit holds `base` and whose working tree holds `head` (`null` deletes a file). */
function repoWith(base: Files, head: Files): string {
  const dir = gitRepo();
  writeFiles(dir, { 'README.md': 'project\n', ...base });
  commit(dir, 'base');
  writeFiles(dir, head);
  return dir;
}

function diffRepo(dir: string, ref = 'HEAD'): KeyChange[] {
  return diffBundles(readSnapshotFromGit(dir, ref, 'locales', 'ru'), readSnapshotFromDir(path.join(dir, 'locales'), 'ru'), { locales: ['en', 'kk', 'zh'] });
}

const brief = (changes: readonly KeyChange[]) => changes.map((c) => `${c.locale} ${c.change} ${c.namespace}:${c.key}`);

describe('diffBundles on a git base and the working tree', () => {
  const dir = repoWith(BASE, { ...HEAD, 'locales/kk/article.json': BASE['locales/kk/article.json'], 'locales/icu/kk.json': BASE['locales/icu/kk.json'] });
  const changes = diffRepo(dir);
  const find = (locale: string, namespace: string, key: string) => changes.find((c) => c.locale === locale && c.namespace === namespace && c.key === key);

  it('lists added, changed and removed keys per locale in bundle order, a removed key where it was', () => {
    expect(brief(changes)).toEqual([
      'en changed ui:app.greeting',
      'en removed ui:app.legacy',
      'en changed ui:app.title',
      'en added ui:app.search',
      'en added ui:comments.count_zero',
      'en changed ui:comments.count_other',
      'en changed article:p-one',
      'en changed messages:inbox',
      'kk removed ui:app.legacy',
      'kk added ui:app.search',
    ]);
  });

  it('carries source, target, origin, status and the new findings', () => {
    expect(find('en', 'ui', 'app.greeting')).toEqual({
      locale: 'en',
      namespace: 'ui',
      key: 'app.greeting',
      format: 'i18next',
      change: 'changed',
      source: { old: 'Здравствуйте, {{name}}!', new: 'Здравствуйте, {{name}}!' },
      target: { old: 'Hello, {{name}}!', new: 'Hi, {{name}}!' },
      origin: { old: 'engine:deepl', new: 'human' },
      status: { old: 'machine', new: 'translated' },
      findings: [],
    });
    expect(find('en', 'ui', 'app.search')).toMatchObject({
      source: { new: 'Поиск' },
      target: { new: 'Поиск' },
      origin: { new: 'engine:deepl' },
      status: { new: 'machine' },
      findings: [{ check: 'untranslated', severity: 'warn', message: 'the target equals the source' }],
    });
    expect(find('en', 'ui', 'app.search')?.target.old).toBeUndefined();
    expect(find('kk', 'ui', 'app.legacy')).toMatchObject({ change: 'removed', source: { old: 'Старое' }, target: { old: 'Ескі' }, origin: { old: 'human' }, findings: [] });
    expect(find('kk', 'ui', 'app.legacy')?.target.new).toBeUndefined();
  });

  it('reports an unchanged value whose status moved (marked reviewed) as changed', () => {
    expect(find('en', 'ui', 'app.title')).toMatchObject({ change: 'changed', target: { old: 'News', new: 'News' }, origin: { old: 'human', new: 'human' }, status: { old: 'translated', new: 'reviewed' } });
    expect(find('kk', 'ui', 'app.title')).toBeUndefined();
  });

  it('finds the ledger of a plural form through its unit and reads the source of the same category, else other', () => {
    expect(find('en', 'ui', 'comments.count_other')).toMatchObject({ source: { old: '{{count}} комментария', new: '{{count}} комментария' }, target: { old: '{{count}} comments', new: '{{count}} replies' }, origin: { old: 'engine:deepl', new: 'engine:deepl' } });
    // ru has no _zero form: the source shown is the _other form.
    expect(find('en', 'ui', 'comments.count_zero')).toMatchObject({ change: 'added', source: { new: '{{count}} комментария' }, origin: { new: 'engine:deepl' }, status: { new: 'machine' } });
    expect(find('en', 'ui', 'comments.count_one')).toBeUndefined();
  });

  it('reports an article key once, from the i18next bundle, and ICU namespaces from the ICU bundle', () => {
    expect(changes.filter((c) => c.namespace === 'article')).toHaveLength(1);
    expect(find('en', 'article', 'p-one')).toMatchObject({ format: 'text', source: { old: 'Первый абзац.', new: 'Первый абзац, исправленный.' }, target: { old: 'The first paragraph.', new: 'The first paragraph, corrected.' } });
    expect(find('en', 'messages', 'inbox')).toMatchObject({ format: 'icu', target: { old: '{count, plural, one {# letter} other {# letters}}', new: '{count, plural, one {# message} other {# messages}}' } });
  });

  it('finds nothing between identical states', () => {
    const same = repoWith(BASE, {});
    expect(diffRepo(same)).toEqual([]);
  });
});

describe('bases without ledgers or bundles', () => {
  it('adds everything when the base has no locales folder', () => {
    const dir = repoWith({}, HEAD);
    const changes = diffRepo(dir);
    expect(changes.every((c) => c.change === 'added')).toBe(true);
    expect(brief(changes.filter((c) => c.locale === 'en'))).toEqual([
      'en added ui:app.greeting',
      'en added ui:app.title',
      'en added ui:app.search',
      'en added ui:comments.count_zero',
      'en added ui:comments.count_one',
      'en added ui:comments.count_other',
      'en added article:title',
      'en added article:p-one',
      'en added messages:inbox',
    ]);
    expect(changes.find((c) => c.key === 'p-one')?.target.new).toBe('The first paragraph, corrected.');
  });

  it('infers namespaces of a base without ledgers: an article once, ICU-only messages as icu, no provenance-only changes', () => {
    const withoutLedgers = { ...BASE, 'locales/provenance/en.json': null, 'locales/provenance/kk.json': null };
    const dir = gitRepo();
    writeFiles(dir, withoutLedgers);
    commit(dir, 'before ledgers');
    const base = readSnapshotFromGit(dir, 'HEAD', 'locales', 'ru');
    const en = base.targets.find((t) => t.locale === 'en');
    expect(en?.ledger).toBeUndefined();
    expect([...(en?.namespaces ?? new Map())].map(([name, ns]) => [name, ns.format, [...ns.entries.keys()]])).toEqual([
      ['article', 'i18next', ['title', 'p-one']],
      ['ui', 'i18next', ['app.greeting', 'app.legacy', 'app.title', 'comments.count_one', 'comments.count_other']],
      ['messages', 'icu', ['inbox']],
    ]);
    writeFiles(dir, HEAD);
    const changes = diffRepo(dir);
    expect(changes.find((c) => c.locale === 'en' && c.key === 'app.title')).toBeUndefined();
    expect(changes.find((c) => c.locale === 'en' && c.key === 'app.greeting')).toMatchObject({ origin: { new: 'human' }, status: { new: 'translated' } });
    expect(changes.find((c) => c.locale === 'en' && c.key === 'app.greeting')?.origin.old).toBeUndefined();
    expect(changes.filter((c) => c.namespace === 'article')).toHaveLength(1);
  });

  it('compares with an older commit named by its ref', () => {
    const dir = repoWith(BASE, HEAD);
    git(dir, 'tag', 'v1');
    commit(dir, 'head');
    expect(diffRepo(dir, 'HEAD')).toEqual([]);
    expect(brief(diffRepo(dir, 'v1'))).toContain('en changed ui:app.greeting');
    expect(brief(diffRepo(dir, 'HEAD~1'))).toContain('kk added ui:app.search');
  });

  it('reads a project in a subfolder of the repository, with non-ASCII namespace names', () => {
    const dir = gitRepo();
    writeFiles(dir, { 'app/locales/en/статьи.json': { title: 'Title' }, 'app/locales/ru/статьи.json': { title: 'Заголовок' } });
    commit(dir, 'base');
    writeFiles(dir, { 'app/locales/en/статьи.json': { title: 'New title' } });
    const app = path.join(dir, 'app');
    const changes = diffBundles(readSnapshotFromGit(app, 'HEAD', 'locales', 'ru'), readSnapshotFromDir(path.join(app, 'locales'), 'ru'));
    expect(changes).toMatchObject([{ locale: 'en', namespace: 'статьи', key: 'title', change: 'changed', source: { old: 'Заголовок', new: 'Заголовок' }, target: { old: 'Title', new: 'New title' } }]);
  });

  it('refuses a missing ref, a repository without commits and a folder outside git as usage errors', () => {
    const dir = repoWith(BASE, HEAD);
    const usage = (run: () => unknown, ...words: string[]) => {
      const error = thrownBy(run, TilmashError, 'usage');
      for (const word of words) expect(error.message).toContain(word);
    };
    usage(() => readSnapshotFromGit(dir, 'no-such-branch', 'locales', 'ru'), '"no-such-branch"', 'Pass an existing commit');
    usage(() => readSnapshotFromGit(dir, '--output=x', 'locales', 'ru'), 'not a git revision');
    usage(() => readSnapshotFromGit(gitRepo(), 'HEAD', 'locales', 'ru'), '"HEAD"', 'commit the bundles first');
    usage(() => readSnapshotFromGit(tempDir(), 'HEAD', 'locales', 'ru'), 'not inside a git repository', 'git init');
  });
});

describe('formatDiffText', () => {
  const change = (over: Partial<KeyChange>): KeyChange => ({
    locale: 'en',
    namespace: 'ui',
    key: 'app.greeting',
    format: 'i18next',
    change: 'changed',
    source: { old: 'Здравствуйте, {{name}}!', new: 'Здравствуйте, {{name}}!' },
    target: { old: 'Hello, {{name}}!', new: 'Hi, {{name}}!' },
    origin: { old: 'engine:deepl', new: 'human' },
    status: { old: 'machine', new: 'translated' },
    findings: [],
    ...over,
  });
  const changes: KeyChange[] = [
    change({}),
    change({ key: 'app.search', change: 'added', source: { new: 'Поиск' }, target: { new: 'Поиск' }, origin: { new: 'engine:deepl' }, status: { new: 'machine' }, findings: [{ check: 'untranslated', severity: 'warn', message: 'the target equals the source' }] }),
    change({ locale: 'kk', target: { old: 'Сәлем, {{name}}!', new: 'Сәлеметсіз бе, {{name}}!' }, origin: { old: 'human', new: 'human' }, status: { old: 'translated', new: 'translated' } }),
    change({ locale: 'kk', key: 'app.title', source: { old: 'Новости', new: 'Новости' }, target: { old: 'Жаңалықтар', new: 'Жаңалықтар' }, origin: { old: 'human', new: 'human' }, status: { old: 'translated', new: 'reviewed' } }),
    change({ locale: 'kk', key: 'app.legacy', change: 'removed', source: { old: 'Старое' }, target: { old: 'Ескі' }, origin: { old: 'human' }, status: { old: 'translated' } }),
  ];

  it('groups by key then locale (a key only in a later locale after its predecessor there), with the source, provenance, values and a summary', () => {
    expect(formatDiffText(changes, { color: false, base: 'HEAD' })).toBe(
      [
        '~ ui.app.greeting',
        '    source  Здравствуйте, {{name}}!',
        '    en      changed   engine:deepl machine → human translated',
        '      - Hello, {{name}}!',
        '      + Hi, {{name}}!',
        '    kk      changed   human translated',
        '      - Сәлем, {{name}}!',
        '      + Сәлеметсіз бе, {{name}}!',
        '~ ui.app.title',
        '    source  Новости',
        '    kk      changed   human translated → human reviewed',
        '      = Жаңалықтар',
        '- ui.app.legacy',
        '    source  Старое',
        '    kk      removed   human translated',
        '      - Ескі',
        '+ ui.app.search',
        '    source  Поиск',
        '    en      added     engine:deepl machine',
        '      + Поиск',
        '      ! warn untranslated: the target equals the source',
        '',
        '2 keys changed in en, kk; 1 added; 1 removed',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked, with the same text underneath', () => {
    const plain = formatDiffText(changes, { color: false });
    const colored = formatDiffText(changes, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31m      - Hello, {{name}}!\u001b[39m');
    expect(colored).toContain('\u001b[32m      + Hi, {{name}}!\u001b[39m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('shows a changed source and aligns multi-line values', () => {
    const text = formatDiffText([change({ source: { old: 'Старый', new: 'Новый' }, target: { old: 'one\ntwo', new: 'three' } })], { color: false });
    expect(text).toContain('    source  Новый\n    was     Старый\n');
    expect(text).toContain('      - one\n        two\n      + three\n');
  });

  it('says so when nothing changed', () => {
    expect(formatDiffText([], { color: true, base: 'origin/main' })).toBe('No bundle changes against origin/main.\n');
  });
});

describe('tilmash diff command', () => {
  const io = (out: string[], err: string[], isTty = false): CliIo => ({ stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTty, cwd: '/', env: {}, signal: new AbortController().signal });
  const project = () => {
    const dir = repoWith({ ...BASE, 'pipeline.config.ts': "export default { sourceLocale: 'ru', targets: { kk: {}, en: {} } };\n" }, HEAD);
    return { dir, config: path.join(dir, 'pipeline.config.ts') };
  };

  it('prints { base, changes } as JSON in the config locale order and exits 0', async () => {
    const { config } = project();
    const out: string[] = [];
    const code = await diffCommand({ flags: { config, json: true } }, io(out, []));
    expect(code).toBe(0);
    const report = JSON.parse(out.join('')) as { base: string; changes: KeyChange[] };
    expect(Object.keys(report)).toEqual(['base', 'changes']);
    expect(report.base).toBe('HEAD');
    expect(report.changes[0]).toEqual({
      locale: 'kk',
      namespace: 'ui',
      key: 'app.legacy',
      format: 'i18next',
      change: 'removed',
      source: { old: 'Старое' },
      target: { old: 'Ескі' },
      origin: { old: 'human' },
      status: { old: 'translated' },
      findings: [],
    });
    expect(new Set(report.changes.map((c) => c.locale))).toEqual(new Set(['kk', 'en']));
  });

  it('prints text without colour off a terminal, filters --locale, and takes --base', async () => {
    const { dir, config } = project();
    const out: string[] = [];
    expect(await diffCommand({ flags: { config, json: false, locale: ['kk'] } }, io(out, []))).toBe(0);
    const text = out.join('');
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('- ui.app.legacy\n');
    expect(text).not.toContain('    en ');
    expect(text.trimEnd().split('\n').at(-1)).toBe('0 keys changed in kk; 1 added; 1 removed');

    commit(dir, 'head');
    const again: string[] = [];
    expect(await diffCommand({ flags: { config, json: false, base: 'HEAD' } }, io(again, [], true))).toBe(0);
    expect(again.join('')).toBe('No bundle changes against HEAD.\n');
    await expect(diffCommand({ flags: { config, json: false, base: 'nope' } }, io([], []))).rejects.toMatchObject({ kind: 'usage' });
    await expect(diffCommand({ flags: { config, json: false, locale: ['zh'] } }, io([], []))).rejects.toMatchObject({ kind: 'usage' });
  });
});

describe('readSnapshotFromDir', () => {
  it("reads the repository's own locales folder", () => {
    const snapshot = readSnapshotFromDir(path.join(SAMPLE, 'locales'), 'ru');
    expect(snapshot.targets.map((t) => t.locale).sort()).toEqual(['en', 'kk', 'kk-Latn', 'zh', 'zh-Hant']);
    const ru = snapshot.source.namespaces;
    expect(ru.get('ui')?.entries.get('app.title')).toBeTypeOf('string');
    expect(ru.get('messages')?.format).toBe('icu');
    expect([...(ru.get('article')?.entries.keys() ?? [])]).toContain('title');
    for (const target of snapshot.targets) {
      expect(target.namespaces.get('article')?.entries.size).toBe(ru.get('article')?.entries.size);
      expect(target.namespaces.get('messages')?.entries.size).toBeGreaterThan(0);
    }
  });

  it('is empty for a missing folder and refuses a damaged bundle with its file and position', () => {
    expect(readSnapshotFromDir(path.join(tempDir(), 'locales'), 'ru').targets).toEqual([]);
    const dir = tempDir();
    writeFiles(dir, { 'locales/en/ui.json': '{ "a": "b", }\n' });
    expect(() => readSnapshotFromDir(path.join(dir, 'locales'), 'ru')).toThrow(/locales\/en\/ui\.json:1:\d+: not valid JSON/);
  });

  it('flattens nested keys, keeping a non-string leaf as JSON, and refuses a bundle that is not an object', () => {
    const dir = tempDir();
    writeFiles(dir, { 'locales/en/ui.json': '{ "a": { "b": "x", "n": 2, "l": [1, "y"] }, "10": "ten", "2": "two" }\n' });
    const entries = readSnapshotFromDir(path.join(dir, 'locales'), 'ru').targets[0]?.namespaces.get('ui')?.entries;
    expect([...(entries ?? [])]).toEqual([['a.b', 'x'], ['a.n', '2'], ['a.l', '[1, "y"]'], ['10', 'ten'], ['2', 'two']]);
    writeFiles(dir, { 'locales/en/ui.json': '["x"]\n' });
    expect(() => readSnapshotFromDir(path.join(dir, 'locales'), 'ru')).toThrow(/locales\/en\/ui\.json:1: the file holds an array; a bundle is one JSON object of keys/);
  });

  it('splits ICU ids by the longest known namespace, else up to the first dot', () => {
    const messages = new Map([['ui.a', '1'], ['ui.forms.b', '2'], ['other.c.d', '3'], ['bare', '4']]);
    expect(splitIcuIds(messages, ['ui', 'ui.forms'])).toEqual(
      new Map([
        ['ui', new Map([['a', '1']])],
        ['ui.forms', new Map([['b', '2']])],
        ['other', new Map([['c.d', '3']])],
        ['', new Map([['bare', '4']])],
      ]),
    );
  });

  it('merges orders so that a key known only to a later list lands after its predecessor', () => {
    expect(diffMergeOrder([['a', 'c', 'e'], ['a', 'b', 'c', 'd'], ['z', 'a']])).toEqual(['z', 'a', 'b', 'c', 'd', 'e']);
  });
});

describe('tilmash diff through the CLI', () => {
  it('shows what a run changed against a git commit, per key and locale, with origin and status', async () => {
    const dir = copyRepoProject({ withLocales: true });
    initGit(dir);
    commit(dir, 'base');
    editJson(dir, 'locales/en/ui.json', (json) => ((json.app as Record<string, string>).title = 'Eurasia Daily'));
    expect((await runCli(['run'], dir)).code).toBe(0);

    const result = await runCli(['diff', '--base', 'HEAD', '--json'], dir);
    expect(result.code).toBe(0);
    const { changes } = JSON.parse(result.stdout) as { changes: Array<Record<string, unknown>> };
    expect(changes).toEqual([
      expect.objectContaining({
        locale: 'en',
        namespace: 'ui',
        key: 'app.title',
        change: 'changed',
        source: { old: 'Новости Евразии', new: 'Новости Евразии' },
        target: { old: 'Eurasia News', new: 'Eurasia Daily' },
        origin: { old: 'human', new: 'human' },
      }),
    ]);
    const text = await runCli(['diff'], dir);
    expect(text.stdout).toMatch(/~ ui\.app\.title[\s\S]*- Eurasia News[\s\S]*\+ Eurasia Daily/u);
    expect((await runCli(['diff', '--base', 'no-such-ref'], dir)).code).toBe(2);
  });
});
