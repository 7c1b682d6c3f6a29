/**
 * Every failure a user can cause or meet is a `TilmashError` carrying the exit code the CLI uses.
 * Messages name the thing (file, line, option), what was expected, what was found and the fix.
 */

/** Exit codes of the `tilmash` CLI. Documented in README.md; never renumber. */
export const ExitCode = {
  ok: 0,
  /** A bug in Tilmash: an error that is not a TilmashError. */
  internal: 1,
  /** Wrong command line: unknown command or flag, unknown locale. */
  usage: 2,
  /** `pipeline.config.ts` is missing, does not load, or has a wrong option. */
  config: 3,
  /** A source document is missing, empty, not UTF-8 text, or otherwise unreadable. */
  badSource: 4,
  /** A translation-memory file is malformed; nothing was written. */
  badTm: 5,
  /** `--strict` and some translation is missing. */
  strict: 6,
  /** The translation engine failed (after retries). What was received is kept in the TM. */
  engine: 7,
  /** The engine refused for quota or credentials. What was received is kept in the TM. */
  engineQuota: 8,
  /** A file-system operation failed (read-only folder, full disk, an output path that is a folder or a
   * device): the path, the errno and the fix are named; nothing half-written, nothing paid lost. */
  io: 9,
  /** Another Tilmash command holds the project lock (`--wait` to wait for it). */
  locked: 10,
  /** The shared TM database (PostgreSQL, `tm.store`) is unreachable or failed; nothing recorded is lost. */
  tmStore: 12,
  /** The Redis queue of `--queue` cannot be reached or refused a command (nothing paid is lost: answers stay in the TM or in Redis). */
  queue: 11,
  /** Interrupted by SIGINT/SIGTERM; what was received is kept in the TM. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorKind = Exclude<keyof typeof ExitCode, 'ok'>;

export class TilmashError extends Error {
  override readonly name = 'TilmashError';
  readonly kind: ErrorKind;
  /** The file the error is about, when there is one (shown first in the message). */
  readonly file: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.file = options.file;
  }

  get exitCode(): ExitCode {
    return ExitCode[this.kind];
  }
}

/** `file:line:column` for messages; line and column are 1-based. */
export function place(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
