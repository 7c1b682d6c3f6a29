import path from 'node:path';
import { ExitCode, TilmashError } from '../errors.js';
import type { CliIo } from './cli-io.js';

/** What to do about a file-system error, by errno. */
const FIXES: Record<string, string> = {
  ENOENT: 'a folder on the way does not exist: create it, or choose another path',
  ENOTDIR: 'a part of the path is a file, not a folder: choose another path',
  EISDIR: 'it is a folder: name a file inside it',
  EACCES: 'permission denied: choose a path you can write, or fix its permissions',
  EPERM: 'operation not permitted: choose a path you can write, or fix its permissions',
  EROFS: 'the file system is read-only: choose a path on a writable disk',
  ENOSPC: 'the disk is full: free some space and run again',
  EDQUOT: 'the disk quota is exhausted: free some space and run again',
  EEXIST: 'something already exists there: remove it or choose another path',
  ENAMETOOLONG: 'the path is too long: choose a shorter one',
  ELOOP: 'too many symbolic links on the way: choose another path',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and run again',
  EBUSY: 'the file is busy: close what holds it and run again',
  ENXIO: 'it is a device or a socket, not a file: choose a regular file',
  EINVAL: 'the path cannot be written here: choose a regular file',
  EIO: 'the disk reported an I/O error: check it and run again',
};

const VERBS: Record<string, string> = {
  open: 'open', read: 'read', write: 'write', mkdir: 'create the folder', rename: 'move into place', unlink: 'remove',
  scandir: 'list', stat: 'inspect', lstat: 'inspect', fsync: 'save', close: 'save', copyfile: 'copy', rmdir: 'remove',
};

/**
 * The one place a file-system error becomes a user's error: any errno error with a path that reaches
 * the CLI (an output path that is a file's child, a read-only or full disk…) is `io` (exit 9), naming
 * the path as typed (relative to the working folder) and the fix. Writes go through a temporary
 * `.tilmash-tmp-*` beside the target, so that name is shown as its folder.
 */
export function fromFsError(error: unknown, cwd: string, outPath?: string): TilmashError | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  if (!/^E[A-Z]+$/.test(e.code) || e.code === 'EPIPE') return undefined;
  // Some calls (a read through a file handle) carry no path: the command's output path is the one in question.
  const raw = e.path ?? e.dest ?? outPath;
  const temp = raw !== undefined && path.basename(raw).startsWith('.tilmash-tmp-');
  // The temp file is the output's sibling: name the output itself when it is the one the user gave.
  const intended = temp && outPath !== undefined && path.resolve(cwd, path.dirname(outPath)) === path.dirname(raw as string) ? outPath : undefined;
  const target = raw === undefined ? undefined : shown(intended ?? (temp ? path.dirname(raw) : raw), cwd);
  const verb = intended ? 'write it' : temp ? 'write in this folder' : `${VERBS[e.syscall] ?? e.syscall} it`;
  const fix = FIXES[e.code] ?? 'check the path and its permissions';
  return new TilmashError('io', `${target ?? 'a file'}: cannot ${verb} (${e.code}); ${fix}. No file was left half-written.`, {
    ...(target !== undefined ? { file: target } : {}),
    cause: error,
  });
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative === '' ? '.' : relative.startsWith(`..${path.sep}..`) || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative;
}

/** Files in messages are named relative to the working folder (`tm/ru-en.jsonl:7`, the folder itself `.`). */
function relativeMessage(message: string, cwd: string): string {
  return message.split(`${cwd}${path.sep}`).join('').split(cwd).join('.');
}

/**
 * Reports an error: text on stderr, or with `--json` one JSON object on stdout,
 * `{"error": {"code", "exitCode", "message", "file", "line"}}` (code is the kind: `usage`, `io`, …).
 * Returns the exit code, the same in both forms.
 */
export function reportError(error: unknown, io: Pick<CliIo, 'cwd' | 'stdout' | 'stderr'>, json: boolean, outPath?: string): number {
  const known = error instanceof TilmashError ? error : fromFsError(error, io.cwd, outPath);
  const kind = known?.kind ?? 'internal';
  const exitCode = known ? known.exitCode : ExitCode.internal;
  const message = known
    ? relativeMessage(known.message, io.cwd)
    : `internal error (a bug, please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  if (!json) {
    io.stderr(`tilmash: ${message}\n`);
    return exitCode;
  }
  const file = known?.file === undefined ? null : relativeMessage(known.file, io.cwd);
  io.stdout(`${JSON.stringify({ error: { code: kind, exitCode, message, file, line: lineOf(message, file) } }, null, 2)}\n`);
  return exitCode;
}

/** The 1-based line of `file:line` in the message, when it names one. */
function lineOf(message: string, file: string | null): number | null {
  if (file === null) return null;
  const at = message.indexOf(`${file}:`);
  const match = at < 0 ? null : /^(\d+)/.exec(message.slice(at + file.length + 1));
  return match ? Number(match[1]) : null;
}
