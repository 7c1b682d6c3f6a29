/**
 * What `TranslationMemory.save()` writes: the pair as it is on disk now (the `.jsonl` file and the
 * journal, which another command may have changed since this one opened them), with this process's
 * own recorded entries applied over it. So a save never erases what another process recorded.
 */
import { readFile, stat } from 'node:fs/promises';
import type { TmEntry } from './tm-entry.js';
import { parseTmFile } from './tm-file.js';
import { parseJournal } from './tm-journal.js';
import { makeInterner, sameEntry } from './tm-validate.js';

export interface DiskPair {
  /** The file's entries with the journal's applied in order. */
  entries: Map<string, TmEntry>;
  /** The file's entries alone (to tell whether a rewrite changes anything). */
  fileEntries: Map<string, TmEntry>;
  /** Journal size when read (undefined: no journal), to see whether it grew before deleting it. */
  journalSize: number | undefined;
}

async function bytesOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads the pair as it is on disk now (a missing file or journal is empty). */
export async function readDiskPair(file: string, journalFile: string): Promise<DiskPair> {
  const intern = makeInterner();
  const fileEntries = new Map<string, TmEntry>();
  const fileBytes = await bytesOrUndefined(file);
  if (fileBytes !== undefined) parseTmFile(fileBytes, file, intern, fileEntries);
  const entries = new Map(fileEntries);
  const journalBytes = await bytesOrUndefined(journalFile);
  if (journalBytes !== undefined) {
    for (const entry of parseJournal(journalBytes, journalFile, file, intern).entries) entries.set(entry.source, entry);
  }
  return { entries, fileEntries, journalSize: journalBytes?.length };
}

/** Applies `own` (this process's entries) over the disk entries; true when the result differs from the file. */
export function mergeOwn(disk: DiskPair, own: Iterable<TmEntry>): boolean {
  for (const entry of own) disk.entries.set(entry.source, entry);
  if (disk.entries.size !== disk.fileEntries.size) return true;
  for (const [source, entry] of disk.entries) {
    const before = disk.fileEntries.get(source);
    if (before === undefined || !sameEntry(before, entry)) return true;
  }
  return false;
}

/** Whether the journal still has the size it had when read (no one appended since). */
export async function journalUnchanged(journalFile: string, size: number | undefined): Promise<boolean> {
  try {
    return (await stat(journalFile)).size === size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // already gone: nothing to delete
    throw error;
  }
}
