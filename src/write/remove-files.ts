import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';

/** Deletes the files that exist among `paths`; returns those it deleted, in order. */
export async function removeFiles(paths: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const file of paths) {
    if (!existsSync(file)) continue;
    await rm(file);
    removed.push(file);
  }
  return removed;
}
