/**
 * Temp projects for end-to-end tests: built from an object literal, or copied from the repo's own
 * sample project; snapshots of every file's bytes and mtime; a CLI runner that spawns the built CLI.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TmEntry } from '../../src/tm/tm-entry.js';

/** The repository root (/work/main). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(REPO, 'dist', 'src', 'cli', 'main.js');
/**
 * The sample project the tests use: a frozen copy of a project (sources, TM, glossary, config,
 * locales). Tests never read the working tree's own source/, tm/ or locales/, which a user edits.
 */
export const SAMPLE = path.join(REPO, 'tests', 'fixtures', 'sample-project');

const created: string[] = [];

export interface ProjectOptions {
  /** Symlink `src` and `node_modules` to the repo's (needed by a config that imports ./src/…). Default true. */
  link?: boolean;
}

/** A temp dir holding `files` (path → text or bytes). */
export function makeProject(files: Record<string, string | Uint8Array>, options: ProjectOptions = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-e2e-'));
  created.push(dir);
  if (options.link ?? true) {
    symlinkSync(path.join(REPO, 'src'), path.join(dir, 'src'), 'dir');
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  }
  for (const [name, content] of Object.entries(files)) writeProjectFile(dir, name, content);
  return dir;
}

/**
 * A temp copy of the test sample project (tests/fixtures/sample-project): source/, tm/, glossary.json, pipeline.config.ts
 * (+ symlinked src, node_modules); with `withLocales`, also the committed locales/.
 */
export function copyRepoProject(options: { withLocales?: boolean } = {}): string {
  const dir = makeProject({});
  const names = ['source', 'tm', 'glossary.json', ...(options.withLocales ? ['locales'] : [])];
  for (const name of names) cpSync(path.join(SAMPLE, name), path.join(dir, name), { recursive: true });
  cpSync(path.join(SAMPLE, 'pipeline.config.ts'), path.join(dir, 'pipeline.config.ts'));
  return dir;
}

export function writeProjectFile(dir: string, name: string, content: string | Uint8Array): void {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export function readProjectFile(dir: string, name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}

export function readJson<T = Record<string, string>>(dir: string, name: string): T {
  return JSON.parse(readProjectFile(dir, name)) as T;
}

/** Rewrites the JSON object in `dir/name` after `edit` changed it (two-space indent, final newline). */
export function editJson(dir: string, name: string, edit: (json: Record<string, unknown>) => void): void {
  const json = readJson<Record<string, unknown>>(dir, name);
  edit(json);
  writeProjectFile(dir, name, `${JSON.stringify(json, null, 2)}\n`);
}

/**
 * The entries of `dir/tm/ru-<locale>.jsonl`, in file order. A missing file throws, unless
 * `missingIsEmpty` (a run that translated nothing into `locale` writes no file).
 */
export function readTm(dir: string, locale: string, options: { missingIsEmpty?: boolean } = {}): TmEntry[] {
  const name = `tm/ru-${locale}.jsonl`;
  if (options.missingIsEmpty && !existsSync(path.join(dir, name))) return [];
  return readProjectFile(dir, name)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TmEntry);
}

/** `readTm` keyed by source segment (unique within a TM file). */
export function tmBySource(dir: string, locale: string): Map<string, TmEntry> {
  return new Map(readTm(dir, locale).map((entry) => [entry.source, entry]));
}

/** Removes every temp project made so far (call in afterAll). */
export function cleanupProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface FileState {
  bytes: string;
  mtimeMs: number;
}

/** Every file under `dir` (relative path → base64 bytes and mtime), not following `src`/`node_modules` links. */
export function snapshot(dir: string, under = ''): Map<string, FileState> {
  const out = new Map<string, FileState>();
  const base = path.join(dir, under);
  if (!existsSync(base)) return out;
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      // The run manifest (`.tilmash-cache/`) is a cache a steady run may write once; outputs are what a snapshot compares.
      if (rel === '' && under === '' && (name === 'src' || name === 'node_modules' || name === '.tilmash-cache')) continue;
      const full = path.join(abs, name);
      const relative = rel === '' ? name : `${rel}/${name}`;
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full, relative);
      else out.set(relative, { bytes: readFileSync(full).toString('base64'), mtimeMs: stat.mtimeMs });
    }
  };
  walk(base, '');
  return out;
}

/** Relative paths of every file under `dir/under`. */
export function listFiles(dir: string, under = ''): string[] {
  return [...snapshot(dir, under).keys()];
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node dist/src/cli/main.js <args>` in `cwd` (stdin closed, not a TTY, no DeepL key). */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, DEEPL_AUTH_KEY: undefined, NO_COLOR: '1', ...env };
    for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
