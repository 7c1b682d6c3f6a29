import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Ledger } from '../ledger/ledger-types.js';
import { readSnapshotFromGit } from './read-snapshot-from-git.js';

/** The ledgers "changed" is measured against: a commit's (`--base`, default `HEAD`). */
export interface BaseLedgers {
  /** The ref as given (`HEAD`, `origin/main`…). */
  name: string;
  ledgers: Map<string, Ledger | undefined>;
}

/**
 * The committed ledgers of every target locale at `ref` (default `HEAD`), read with git. Without
 * an explicit ref, a project outside git (or with no commit yet) has no committed ledgers: undefined,
 * and the caller compares with the ledgers on disk. An explicit ref that git cannot read is a usage error.
 */
export function readBaseLedgers(rootDir: string, outputDir: string, sourceLocale: string, ref: string | undefined): BaseLedgers | undefined {
  if (ref === undefined && !hasHead(rootDir)) return undefined;
  const name = ref ?? 'HEAD';
  const snapshot = readSnapshotFromGit(rootDir, name, path.relative(rootDir, outputDir), sourceLocale);
  return { name, ledgers: new Map(snapshot.targets.map((t) => [t.locale, t.ledger])) };
}

function hasHead(dir: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: dir, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
