/**
 * Startup benchmark: wall time of `node dist/src/cli/main.js run` (what `npm start` runs) in the
 * project root when nothing changed, against a bare `node -e 0`, alternating, N runs each.
 *
 * Checks that every run printed "No file changed" and that no file under locales/, tm/ or source/
 * changed (mtime or size) during the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { median, now } from './measure.js';

export interface StartupResult {
  runs: number;
  cliMedianMs: number;
  nodeMedianMs: number;
  cliMinMs: number;
  nodeMinMs: number;
}

function snapshot(root: string, dirs: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else files.set(relative(root, path), `${stat.mtimeMs}:${stat.size}`);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return files;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [file, stamp] of after) if (before.get(file) !== stamp) changed.push(file);
  for (const file of before.keys()) if (!after.has(file)) changed.push(`${file} (deleted)`);
  return changed;
}

function timedRun(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { ms: number; stdout: string; status: number | null } {
  const start = now();
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  const ms = now() - start;
  return { ms, stdout: result.stdout + result.stderr, status: result.status };
}

export function runStartupBench(root: string, runs = 10): StartupResult {
  // No engine key: the run must be TM-only and deterministic.
  const env = { ...process.env };
  delete env['DEEPL_AUTH_KEY'];
  delete env['NODE_OPTIONS'];
  const cli = ['dist/src/cli/main.js', 'run'];
  const bare = ['-e', '0'];
  const watched = ['locales', 'tm', 'source'];
  const before = snapshot(root, watched);

  // Warm-up (fills the OS file cache and jiti's config cache), not timed.
  const warm = timedRun(cli, root, env);
  if (warm.status !== 0 || !warm.stdout.includes('No file changed')) {
    throw new Error(`startup: \`node ${cli.join(' ')}\` did not report "No file changed" (exit ${warm.status}):\n${warm.stdout}`);
  }
  timedRun(bare, root, env);

  const cliMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const pair = i % 2 === 0 ? (['cli', 'node'] as const) : (['node', 'cli'] as const);
    for (const which of pair) {
      if (which === 'node') {
        nodeMs.push(timedRun(bare, root, env).ms);
      } else {
        const run = timedRun(cli, root, env);
        if (run.status !== 0 || !run.stdout.includes('No file changed')) {
          throw new Error(`startup: run ${i} did not report "No file changed" (exit ${run.status}):\n${run.stdout}`);
        }
        cliMs.push(run.ms);
      }
    }
  }

  const changed = changes(before, snapshot(root, watched));
  if (changed.length > 0) throw new Error(`startup: a run with nothing changed modified files: ${changed.join(', ')}`);
  return {
    runs,
    cliMedianMs: median(cliMs),
    nodeMedianMs: median(nodeMs),
    cliMinMs: Math.min(...cliMs),
    nodeMinMs: Math.min(...nodeMs),
  };
}
