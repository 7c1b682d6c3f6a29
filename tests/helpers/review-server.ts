/** `tilmash review --serve` as a child process for tests: its address, and a stop that waits for exit. */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI } from './project.js';

export interface ServedReview {
  url: string;
  origin: string;
  token: string;
  stop(): Promise<number | null>;
}

/** Starts the server in `cwd` (no browser opened) and resolves once it printed its address. */
export function serveReview(cwd: string, args: readonly string[] = []): Promise<ServedReview> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DEEPL_AUTH_KEY;
  const child = spawn(process.execPath, [CLI, 'review', '--serve', '--no-open', '--json', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const { url } = JSON.parse(line) as { url: string };
      const parsed = new URL(url);
      resolve({ url, origin: parsed.origin, token: parsed.searchParams.get('token') as string, stop: () => (child.kill('SIGINT'), exited) });
    });
    void exited.then((code) => reject(new Error(`review --serve exited with ${code} before printing its address: ${stderr}`)));
  });
}

/** `git init` and one commit of everything in `dir` (a fixed identity, no hooks, no signing). */
export function gitCommitAll(dir: string, message: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Tilmash Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  try {
    execFileSync('git', ['rev-parse', '--git-dir'], { cwd: dir, stdio: 'ignore' });
  } catch {
    git('init', '-q');
  }
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
}

/** Where tests leave screenshots (a temp folder, never committed). */
export function testOutputDir(): string {
  const dir = path.join(tmpdir(), 'tilmash-test-output');
  mkdirSync(dir, { recursive: true });
  return dir;
}
