/**
 * Output paths are checked before any work and before every write: Tilmash writes only regular
 * files, never into a folder, a device, a FIFO or a socket, and never follows a symbolic link at an
 * output path (a link to stdout or to another file is refused, not replaced). A missing file is fine.
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { TilmashError } from '../errors.js';
import { ioError } from './io-error.js';

function kindOf(stat: Stats): string {
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw ioError(error, file, 'check the output path');
  }
}

/** The nearest existing ancestor of `dir` must be a folder (else ENOTDIR when writing). */
function checkParents(file: string): void {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat === undefined) {
      if (path.dirname(dir) === dir) return;
      continue;
    }
    if (!stat.isDirectory()) {
      throw new TilmashError('io', `${file}: cannot write there: ${dir} is a file, not a folder (ENOTDIR). Fix: choose another output path, or move ${dir} away.`, { file });
    }
    return;
  }
}

/** Throws TilmashError('io') unless `file` is missing or a regular file (not a link) in a folder. */
export function checkOutputFile(file: string): void {
  const stat = lstatOrUndefined(file);
  if (stat !== undefined && !stat.isFile()) {
    const link = stat.isSymbolicLink() ? ' (Tilmash never follows a link at an output path)' : '';
    throw new TilmashError('io', `${file}: the output path is ${kindOf(stat)}${link}; Tilmash writes only regular files. Nothing was written. Fix: choose another output path (--out), or remove what is there.`, { file });
  }
  checkParents(file);
}

/** Throws TilmashError('io') unless `dir` is missing or a folder (for `xliff export --out <folder>`). */
export function checkOutputDir(dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) {
    throw new TilmashError('io', `${dir}: the output folder is a file, not a folder. Nothing was written. Fix: choose a folder with --out (e.g. --out xliff), or move that file away.`, { file: dir });
  }
  if (stat === undefined) checkParents(path.join(dir, 'x'));
}
