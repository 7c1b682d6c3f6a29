/**
 * The package a user installs: `npm pack` of this repo (as built by `npm test`), installed into an
 * empty project with `npm ci --offline`, then `npx tilmash run` and `status` there against a
 * loopback DeepL. No network: the consumer's lockfile is the production part of this repo's
 * lockfile, whose tarballs `npm ci` put in the npm cache.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDeepl, type FakeDeepl } from './helpers/fake-deepl-server.js';
import { REPO } from './helpers/project.js';

interface Run { code: number | null; stdout: string; stderr: string }

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env };
    delete childEnv.DEEPL_AUTH_KEY;
    Object.assign(childEnv, env);
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface LockEntry { version?: string; resolved?: string; integrity?: string; dev?: boolean; dependencies?: Record<string, string>; bin?: Record<string, string>; license?: string; engines?: Record<string, string> }

/** The consumer's lockfile: tilmash from the tarball, and every non-dev package of this repo's lockfile at the same place. */
function consumerLock(tarball: string, manifest: { version: string; dependencies: Record<string, string>; bin: Record<string, string> }): object {
  const repoLock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies: { tilmash: `file:${tarball}` } } as LockEntry,
    'node_modules/tilmash': { version: manifest.version, resolved: `file:${tarball}`, license: 'MIT', dependencies: manifest.dependencies, bin: manifest.bin },
  };
  for (const [where, entry] of Object.entries(repoLock.packages)) {
    if (where !== '' && where.startsWith('node_modules/') && entry.dev !== true) packages[where] = entry;
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

const ECHO_QA = { checks: { untranslated: 'off', script: 'off', 'length-ratio': 'off' } };
const CONFIG = `import { defineConfig, defaultBoilerplateRules, BUILT_IN_CHECKS } from 'tilmash';

if (!BUILT_IN_CHECKS.some((check) => check.id === 'placeholders')) throw new Error('no placeholders check');

export default defineConfig({
  targets: { en: {}, kk: {}, zh: {} },
  sources: ['source/*.ru.{txt,md}'],
  boilerplate: [...defaultBoilerplateRules, { id: 'ads', pattern: /^Реклама$/u }],
  qa: ${JSON.stringify(ECHO_QA)},
  engine: { name: 'deepl', requestsPerInterval: 20, intervalMs: 100 },
});
`;
const ARTICLE = 'Главная › Новости\n\nАстана и Алматы подписали соглашение о сотрудничестве. Объём торговли вырос на 12 %.\n\nРеклама\n';

describe('the npm package', () => {
  let work = '';
  let consumer = '';
  let tarball = '';
  let files: string[] = [];
  let fake: FakeDeepl | undefined;
  const KEY = 'package-test-key-0123456789:fx';

  beforeAll(async () => {
    if (!existsSync(path.join(REPO, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    work = mkdtempSync(path.join(tmpdir(), 'tilmash-package-'));
    // --ignore-scripts: `prepack` would rebuild dist/ while other test files run the CLI from it.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(work, (info as { filename: string }).filename);
    files = (info as { files: Array<{ path: string }> }).files.map((f) => f.path);

    consumer = path.join(work, 'consumer');
    mkdirSync(path.join(consumer, 'source'), { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string> };
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { tilmash: `file:${tarball}` } }, null, 2));
    writeFileSync(path.join(consumer, 'package-lock.json'), JSON.stringify(consumerLock(tarball, manifest), null, 2));
    writeFileSync(path.join(consumer, 'pipeline.config.ts'), CONFIG);
    writeFileSync(path.join(consumer, 'source', 'news.ru.txt'), ARTICLE);
    fake = await startFakeDeepl({ authKey: KEY, translate: (text, target) => (target.startsWith('ZH') ? `「${text}」` : `[${target}] ${text}`) });
  }, 240_000);

  afterAll(async () => {
    await fake?.close();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('ships the built CLI, its types and the README, and nothing of the repo besides', () => {
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('README.md');
    expect(files).toContain('package.json');
    const stray = files.filter((f) => !f.startsWith('dist/src/') && !['README.md', 'package.json', 'LICENSE'].includes(f));
    expect(stray).toEqual([]);
    expect(files.filter((f) => /^(tests|bench|source|tm|locales|\.ci|src)\//u.test(f) || f.startsWith('dist/bench/'))).toEqual([]);
  });

  it('installs from the tarball with no network, then `npx tilmash run` and `status` work in the new project', async () => {
    const installed = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], consumer);
    expect(installed.code, installed.stderr).toBe(0);
    expect(existsSync(path.join(consumer, 'node_modules', 'tilmash', 'dist', 'src', 'cli', 'main.js'))).toBe(true);
    for (const testOnly of ['i18next', '@formatjs/intl', 'vitest', 'typescript']) expect(existsSync(path.join(consumer, 'node_modules', testOnly)), testOnly).toBe(false);

    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: (fake as FakeDeepl).url };
    const first = await run('npx', ['--no', 'tilmash', 'run', '--json'], consumer, env);
    expect(first.stderr).not.toMatch(/internal error|Error:/u);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { locales: Array<{ locale: string; translated: number; missing: number }> };
    expect(report.locales.map((l) => [l.locale, l.missing])).toEqual([['en', 0], ['kk', 0], ['zh', 0]]);
    expect(report.locales.every((l) => l.translated === 2)).toBe(true); // two sentences; the boilerplate lines dropped
    const en = readFileSync(path.join(consumer, 'locales', 'en', 'news.json'), 'utf8');
    expect(en).toContain('[EN-US] Астана и Алматы подписали соглашение о сотрудничестве.');
    expect(en).not.toMatch(/Реклама|Главная/u);
    expect(readFileSync(path.join(consumer, 'locales', 'zh', 'news.json'), 'utf8')).toContain('「Объём торговли вырос на 12 %.」');

    const status = await run('npx', ['--no', 'tilmash', 'status'], consumer, env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/kk/u);
    const requests = (fake as FakeDeepl).translateRequests().length;
    const again = await run('npx', ['--no', 'tilmash', 'run', '--json'], consumer, env);
    expect(again.code, again.stderr).toBe(0);
    expect((fake as FakeDeepl).translateRequests().length).toBe(requests); // all from the TM now: nothing sent twice
  }, 240_000);

  it('gives pipeline.config.ts its types from the installed package (tsc --strict)', async () => {
    const tsc = path.join(REPO, 'node_modules', '.bin', 'tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', 'pipeline.config.ts'];
    const ok = await run(tsc, args, consumer);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    writeFileSync(path.join(consumer, 'wrong.config.ts'), "import { defineConfig } from 'tilmash';\nexport default defineConfig({ targets: { en: {} }, engine: { name: 'google' } });\n");
    const wrong = await run(tsc, args.map((a) => (a === 'pipeline.config.ts' ? 'wrong.config.ts' : a)), consumer);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.config\.ts\(2,\d+\): error TS2322.*google/u);
  });

  it('exports the public API to programs: defineConfig, the default reader rules, the QA checks', async () => {
    const script = "const m = await import('tilmash'); console.log(JSON.stringify({ defineConfig: typeof m.defineConfig, boilerplate: m.defaultBoilerplateRules.length > 0, captions: Array.isArray(m.defaultCaptionPatterns), checks: m.BUILT_IN_CHECKS.map((c) => c.id).includes('numbers'), runJob: typeof m.runJob }));";
    const result = await run(process.execPath, ['--input-type=module', '-e', script], consumer);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ defineConfig: 'function', boilerplate: true, captions: true, checks: true, runJob: 'function' });
  });
});
