import { withProjectLock } from '../lock/project-lock.js';
import type { CliIo } from './cli-io.js';
import type { ParsedArgs } from './parse-args.js';

/**
 * Runs a command that writes the TM, bundles or key maps (`run`, `xliff import`, `tm import`; a
 * future review-server save too) under the project lock: with `--wait[=s]` it waits that long for
 * another holder (saying so on stderr), else it refuses at once with exit 10.
 */
export function asProjectWriter<T>(rootDir: string, command: string, args: ParsedArgs, io: CliIo, task: () => Promise<T>): Promise<T> {
  return withProjectLock(rootDir, command, { waitMs: args.flags.wait * 1000, onMessage: (message) => io.stderr(`${message}\n`), signal: io.signal }, task);
}
