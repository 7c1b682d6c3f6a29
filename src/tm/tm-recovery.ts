/**
 * Recovery files: translations received after the TM folder stopped accepting writes (read-only,
 * full disk) are written beside the TM folder, `<tm dir>.recovery.<source>-<target>.journal`, in the
 * journal format. `TranslationMemory.open` folds them in; `save()` deletes them once the TM holds them.
 */
import { mkdir, open, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { TmEntry } from './tm-entry.js';
import { formatTmLine } from './tm-file.js';
import { isLocaleTag } from './tm-validate.js';

export function recoveryPath(tmDir: string, sourceLocale: string, targetLocale: string): string {
  return join(dirname(tmDir), `${basename(tmDir)}.recovery.${sourceLocale}-${targetLocale}.journal`);
}

/** Target locales that have a recovery file beside `tmDir`. */
export async function recoveryTargets(tmDir: string, sourceLocale: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dirname(tmDir));
  } catch {
    return [];
  }
  const prefix = `${basename(tmDir)}.recovery.${sourceLocale}-`;
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.journal'))
    .map((name) => name.slice(prefix.length, -'.journal'.length))
    .filter(isLocaleTag);
}

/** Appends `entries` to the recovery file and fsyncs it; returns its path. Throws the fs error. */
export async function writeRecovery(tmDir: string, sourceLocale: string, targetLocale: string, entries: readonly TmEntry[]): Promise<string> {
  const path = recoveryPath(tmDir, sourceLocale, targetLocale);
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a');
  try {
    await handle.appendFile(`${entries.map(formatTmLine).join('\n')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}
