/**
 * Sources stay inside the project. A symbolic link among the sources is followed only to a regular
 * file inside the project folder (unless `sourceLinks: 'anywhere'`): a link to `/etc/passwd` or to a
 * `.env` holding a key must never reach an engine, the TM or a bundle. Dangling links and link
 * loops are named errors, never a stack trace or a silent skip.
 */
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { TilmashError } from '../errors.js';

function linkTarget(full: string): string {
  try {
    return readlinkSync(full);
  } catch {
    return '?';
  }
}

/**
 * The stat of one entry found while listing sources: `lstat` for a plain entry, the target's for a
 * symbolic link. Throws `badSource` for a dangling link, a loop, or a link to something that is not
 * a regular file or a folder (a device, a FIFO, a socket).
 */
export function statSourceEntry(full: string): Stats {
  const own = lstatSync(full);
  if (!own.isSymbolicLink()) return own;
  let target: Stats;
  try {
    target = statSync(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new TilmashError('badSource', `${full}: a symbolic-link loop (the link leads back to itself). Fix: replace the link with the file it should point to, or delete it.`, { file: full });
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new TilmashError('badSource', `${full}: a dangling symbolic link (it points to ${linkTarget(full)}, which does not exist). Fix: restore the target or delete the link.`, { file: full });
    }
    throw new TilmashError('badSource', `${full}: cannot follow the symbolic link (${(error as Error).message}). Fix: replace the link with the file.`, { file: full, cause: error });
  }
  if (!target.isFile() && !target.isDirectory()) {
    throw new TilmashError('badSource', `${full}: a symbolic link to something that is not a regular file (${linkTarget(full)}). Sources must be regular files. Fix: delete the link or replace it with a file.`, { file: full });
  }
  return target;
}

/**
 * Checks the found sources (paths relative to `rootDir`): each must resolve to a regular file, and,
 * unless `links` is `'anywhere'`, inside `rootDir`. Throws `badSource` naming the link, where it
 * leads, and the fix.
 */
export function guardSourcePaths(rootDir: string, files: readonly string[], links: 'inside' | 'anywhere'): void {
  const root = realpathSync(rootDir);
  for (const file of files) {
    const full = path.join(rootDir, file);
    const real = realpathSync(full);
    if (!statSync(real).isFile()) {
      throw new TilmashError('badSource', `${file}: not a regular file (it resolves to ${real}). Fix: replace it with a text file.`, { file });
    }
    const relative = path.relative(root, real);
    if (links === 'inside' && (relative.startsWith('..') || path.isAbsolute(relative))) {
      throw new TilmashError(
        'badSource',
        `${file}: resolves to ${real}, outside the project folder; it is not read, so it is never sent to an engine or written to the TM. Fix: copy the file into the project, or set \`sourceLinks: 'anywhere'\` in pipeline.config.ts if that link is intended.`,
        { file },
      );
    }
  }
}
