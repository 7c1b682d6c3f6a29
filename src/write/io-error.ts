/**
 * File-system failures as named errors: the path, the errno and the fix, with exit code 9 (`io`).
 * Produced where the failing operation is known (the TM journal, a bundle, an output file), so a
 * read-only folder, a full disk or a folder where a file belongs never ends in a stack trace.
 */
import { TilmashError } from '../errors.js';

/** Whether `error` is a Node file-system error (it carries an errno `code`). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && !(error instanceof TilmashError);
}

/** What to do about an errno, in words. */
export function fixFor(code: string | undefined, path: string): string {
  switch (code) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return `make ${path} (or its folder) writable`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free disk space';
    case 'EISDIR':
      return `${path} is a folder where a file belongs: remove or rename it, or choose another path`;
    case 'ENOTDIR':
      return `a part of ${path} is a file where a folder belongs: remove or rename it`;
    case 'ELOOP':
      return `${path} is a symbolic-link loop: replace the link with the file`;
    case 'ENOENT':
      return `${path} (or its folder) is missing: check the path`;
    case 'EMFILE':
    case 'ENFILE':
      return 'close other programs (too many open files) or raise the limit (ulimit -n)';
    default:
      return 'check the disk and the permissions of that folder';
  }
}

/**
 * `error` as a TilmashError('io', …) naming `path`, what was being done, the errno and the fix;
 * `consequence` says what was kept. A TilmashError passes through unchanged.
 */
export function ioError(error: unknown, path: string, action: string, consequence = ''): TilmashError {
  if (error instanceof TilmashError) return error;
  const code = isFsError(error) ? error.code : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  // A write fails on its `.tilmash-tmp-*` file beside the target: the user named the target.
  const raw = isFsError(error) && typeof error.path === 'string' ? error.path : path;
  const where = raw.replace(/(^|[\\/])\.tilmash-tmp-[0-9a-f]{12}-([^\\/]+)$/u, '$1$2');
  const detail = code !== undefined && reason.startsWith(code) ? reason : `${code ?? 'error'}: ${reason}`;
  const text = `${where}: cannot ${action} (${detail}).${consequence ? ` ${consequence}` : ''} Fix: ${fixFor(code, where)}, then run again.`;
  return new TilmashError('io', text, { file: where, cause: error });
}

/** Runs `task`; a file-system error becomes `ioError(…)`. */
export async function asIoError<T>(path: string, action: string, task: () => Promise<T>, consequence?: string): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw isFsError(error) ? ioError(error, path, action, consequence) : error;
  }
}
