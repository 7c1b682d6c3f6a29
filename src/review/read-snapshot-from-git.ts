import { execFileSync } from 'node:child_process';
import { TilmashError } from '../errors.js';
import type { BundleSnapshot } from './bundle-snapshot.js';
import { readSnapshotFiles } from './read-snapshot-files.js';

/**
 * The bundles and ledgers under `outputDirRelative` (relative to `repoDir`, where git runs) as they
 * are in commit `ref`. An output folder absent from that commit is an empty snapshot: everything
 * in the working tree is then added.
 */
export function readSnapshotFromGit(repoDir: string, ref: string, outputDirRelative: string, sourceLocale: string): BundleSnapshot {
  if (ref === '' || ref.startsWith('-')) {
    throw new TilmashError('usage', `--base ${JSON.stringify(ref)} is not a git revision. Pass a commit, branch or tag, e.g. --base HEAD or --base origin/main.`);
  }
  const commit = resolveCommit(repoDir, ref);
  const dir = outputDirRelative.split(/[\\/]+/u).filter((part) => part !== '' && part !== '.').join('/');
  // Paths are relative to repoDir both ways: ls-tree prints them so, and `<commit>:./<path>` reads them so.
  const listed = git(repoDir, ['ls-tree', '-r', '-z', '--name-only', commit, '--', dir === '' ? '.' : dir], ref)
    .split('\0')
    .filter((file) => file !== '');
  const prefix = dir === '' ? '' : `${dir}/`;
  return readSnapshotFiles(
    {
      paths: listed.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length)),
      read: (relative) => git(repoDir, ['show', `${commit}:./${prefix}${relative}`], ref),
      shown: (relative) => `${ref}:${prefix}${relative}`,
    },
    sourceLocale,
  );
}

function resolveCommit(repoDir: string, ref: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = gitStderr(error);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TilmashError('usage', `git is not installed or not on PATH; \`tilmash diff\` reads the base bundles with it. Install git, or compare without a base.`, { cause: error });
    }
    if (/not a git repository/iu.test(stderr)) {
      throw new TilmashError('usage', `${repoDir} is not inside a git repository, so there is no base ${JSON.stringify(ref)} to compare with. Run \`git init\` and commit the bundles, or run tilmash diff inside the project's repository.`, { cause: error });
    }
    throw new TilmashError(
      'usage',
      `--base ${JSON.stringify(ref)} is not a commit of the repository at ${repoDir}${stderr ? ` (git: ${stderr})` : ''}. Pass an existing commit, branch or tag (see \`git log --oneline\`); a repository with no commit yet has no HEAD: commit the bundles first.`,
      { cause: error },
    );
  }
}

/** stdout of a git command that must succeed once the commit is known. */
function git(repoDir: string, args: string[], ref: string): string {
  try {
    return execFileSync('git', args, { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    throw new TilmashError('usage', `git ${args.join(' ')} failed in ${repoDir} while reading the base ${JSON.stringify(ref)}: ${gitStderr(error) || String(error)}. Check that the output folder is inside the repository.`, { cause: error });
  }
}

function gitStderr(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  return (typeof stderr === 'string' ? stderr : Buffer.isBuffer(stderr) ? stderr.toString('utf8') : '').trim().split('\n')[0] ?? '';
}
