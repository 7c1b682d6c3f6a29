/**
 * Answers a run could not commit to the database (it went away mid-run) are kept in recovery files
 * beside the project's TM folder (DurableRecorder); the next open of the shared TM records them and
 * deletes the files.
 */
import { readFile, rm } from 'node:fs/promises';
import type { TmEntry } from '../tm-entry.js';
import { parseJournal } from '../tm-journal.js';
import { recoveryPath, recoveryTargets } from '../tm-recovery.js';
import { makeInterner } from '../tm-validate.js';

export async function foldRecoveryFiles(store: { record(target: string, entries: readonly TmEntry[]): Promise<void> }, dir: string, sourceLocale: string): Promise<void> {
  for (const target of await recoveryTargets(dir, sourceLocale)) {
    const file = recoveryPath(dir, sourceLocale, target);
    const { entries } = parseJournal(await readFile(file), file, file, makeInterner());
    await store.record(target, entries);
    await rm(file, { force: true });
  }
}
