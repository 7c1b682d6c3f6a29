/**
 * The write-ahead journal `tm/<source>-<target>.journal`: entries received from an engine are
 * appended (one JSON line each, same form as the TM file) and fsynced before the job moves on;
 * `save()` folds them into the `.jsonl` file and deletes the journal. A run killed mid-append
 * leaves a torn last line, which is ignored on load and cut off before the next append.
 */
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { TmEntry } from './tm-entry.js';
import { badTmLine, formatTmLine, parseTmLine } from './tm-file.js';
import { forEachLine } from './tm-lines.js';
import type { Intern } from './tm-validate.js';
import { syncDir } from '../write/write-file-atomic.js';

export function journalFileName(sourceLocale: string, targetLocale: string): string {
  return `${sourceLocale}-${targetLocale}.journal`;
}

export interface JournalContents {
  /** In the order recorded; a later entry for a source replaces an earlier one. */
  entries: TmEntry[];
  /** Bytes up to the end of the last good line; the rest is a torn line from a killed run. */
  validBytes: number;
  /** Whether a torn last line was ignored. */
  torn: boolean;
}

/** Parses a journal; throws `badTm` naming `file:line` for a bad line that is not the last one. */
export function parseJournal(buf: Uint8Array, file: string, targetFile: string, intern: Intern): JournalContents {
  const entries: TmEntry[] = [];
  let validBytes = 0;
  let torn = false;
  let lineStart = 0;
  forEachLine(buf, (text, line, end, terminated) => {
    const isLast = end >= buf.length;
    const entry = isUtf8(buf.subarray(lineStart, end)) ? parseTmLine(text, intern) : 'not valid UTF-8';
    lineStart = end;
    if (isLast && (!terminated || typeof entry === 'string')) {
      torn = true;
      return;
    }
    if (typeof entry === 'string') {
      throw badTmLine(
        file,
        line,
        `${entry} in the TM journal (translations received but not yet saved into ${targetFile})`,
        'Fix or delete that line (deleting the whole journal loses those unsaved translations)',
      );
    }
    entries.push(entry);
    validBytes = end;
  });
  return { entries, validBytes, torn };
}

/**
 * Appends `entries` to the journal at `path` and fsyncs it. `truncateTo` first cuts off a torn
 * tail left by a killed run. If the append fails, the journal is cut back to its previous length.
 * `isNew` says the file did not exist, so its directory is fsynced too.
 */
export async function appendJournal(
  path: string,
  entries: readonly TmEntry[],
  options: { truncateTo?: number; isNew: boolean; dir: string },
): Promise<void> {
  const text = `${entries.map(formatTmLine).join('\n')}\n`;
  const handle = await open(path, 'a');
  try {
    if (options.truncateTo !== undefined) await handle.truncate(options.truncateTo);
    const { size } = await handle.stat();
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.truncate(size).catch(() => undefined);
      throw error;
    }
  } finally {
    await handle.close();
  }
  if (options.isNew) await syncDir(options.dir);
}
