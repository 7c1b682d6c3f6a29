/**
 * A missing TM folder is an error, not an empty TM: a mistyped `tm.dir` or a deleted `tm/` would
 * otherwise empty every bundle. Only a project that never had a TM (no bundles, no ledger) starts
 * without one; `run` then creates the folder and says so.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { TilmashError } from '../errors.js';

/** The first bundle or ledger file under the output folder, relative to the project, if any. */
function firstOutputFile(config: ResolvedConfig): string | undefined {
  const walk = (dir: string, depth: number): string | undefined => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return undefined;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isFile() && name.endsWith('.json')) return path.relative(config.rootDir, full);
      if (stat?.isDirectory() && depth < 3) {
        const found = walk(full, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(config.output.dir, 0);
}

/**
 * `present` when the TM folder exists; `new` when it does not and the project never had one.
 * Throws `badTm` when it is missing while bundles or a ledger exist (nothing has been written).
 */
export function checkTmFolder(config: ResolvedConfig): 'present' | 'new' {
  if (existsSync(config.tmDir)) {
    if (!statSync(config.tmDir).isDirectory()) {
      throw new TilmashError('badTm', `${config.tmDir}: the TM path is a file, not a folder. Nothing was written. Fix: move that file away, or correct "tm.dir" in pipeline.config.ts.`, { file: config.tmDir });
    }
    return 'present';
  }
  const evidence = firstOutputFile(config);
  if (evidence === undefined) return 'new';
  throw new TilmashError(
    'badTm',
    `${config.tmDir}: the TM folder is missing, but this project has bundles or a ledger built from a TM (${evidence}). Nothing was written: reading it as an empty TM would empty the bundles. Fix: restore the TM folder (e.g. \`git checkout -- ${path.relative(config.rootDir, config.tmDir) || '.'}\`) or correct "tm.dir" in pipeline.config.ts.`,
    { file: config.tmDir },
  );
}
