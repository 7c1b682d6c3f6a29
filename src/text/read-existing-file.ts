/**
 * Reads a file Tilmash itself writes (a bundle, a ledger, a key map) if it exists. A folder, a device
 * or another non-regular file at that path is a named `io` error (exit 9) — never a stack trace, and
 * never an endless read of a device.
 */
import { readFileSync, statSync } from 'node:fs';
import { TilmashError } from '../errors.js';

/** The file's text, or undefined when it is missing; `shown` names it in the message, `what` says what it is. */
export function readExistingFile(file: string, shown: string, what: string): string | undefined {
  return readExistingBytes(file, shown, what)?.toString('utf8');
}

/** `readExistingFile` as bytes (for a file that may only be hashed). */
export function readExistingBytes(file: string, shown: string, what: string): Buffer | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return undefined;
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'a folder' : 'not a regular file';
    throw new TilmashError('io', `${shown}: the ${what} path is ${kind}; Tilmash reads and writes ${what}s only as regular files. Nothing was written. Fix: remove or rename it, then run again.`, { file: shown });
  }
  return readFileSync(file);
}
