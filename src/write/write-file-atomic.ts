/**
 * Safe output writing. Invariants:
 *  - a file whose bytes already equal the new content is not opened for writing (mtime unchanged);
 *  - new content goes to `.tilmash-tmp-*` in the target's directory, is fsynced, then renamed over
 *    the target, so a reader sees the old or the new file, never a partial one;
 *  - on failure no `.tilmash-tmp-*` file is left behind.
 *  - only regular files are written: a folder, device, FIFO or symbolic link at a target is refused
 *    before anything is written (`checkOutputFile`); fs errors become TilmashError('io') naming the
 *    path, the errno and the fix.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { asIoError } from './io-error.js';
import { checkOutputFile } from './output-path.js';

export interface FileToWrite {
  path: string;
  content: string;
}

/** True when `path` is missing or its bytes differ from `content` encoded as UTF-8. */
async function differs(path: string, content: Buffer): Promise<boolean> {
  try {
    return !(await readFile(path)).equals(content);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Writes `chunks` to a new fsynced temp file beside `path`; returns its path. Removes it on failure. */
async function writeTemp(path: string, chunks: Iterable<string | Uint8Array>): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.tilmash-tmp-${randomBytes(6).toString('hex')}-${basename(path)}`);
  const handle = await open(temp, 'wx');
  try {
    for (const chunk of chunks) await handle.appendFile(chunk);
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
}

/** Makes a directory's entries (new, renamed or deleted files) durable; a no-op where unsupported. */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `chunks`, streamed (a 10^6-entry TM file is near V8's largest string), so a
 * reader sees the old or the complete new file. Always writes; see writeFilesAtomically for output.
 */
export async function writeFileAtomic(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  checkOutputFile(path);
  const temp = await writeTemp(path, chunks);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(path));
}

/** Atomically replaces `path` with `content` unless it already has exactly these bytes. */
export async function writeFileIfChanged(path: string, content: string): Promise<boolean> {
  return (await writeFilesAtomically([{ path, content }])).length === 1;
}

/**
 * Writes every changed file: all temp files first; only when all are written are they renamed.
 * A failure while preparing leaves every target untouched. Each rename is atomic, but POSIX has no
 * multi-file rename: if a rename itself fails, earlier targets are already replaced (the rest are
 * not, and their temp files are removed). Returns the changed paths in input order.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<string[]> {
  const paths = new Set(files.map((file) => resolve(file.path)));
  if (paths.size !== files.length) throw new Error('writeFilesAtomically: the same path is given twice');
  for (const file of files) checkOutputFile(file.path); // all of them before anything is written
  const first = files[0]?.path ?? '.';
  return asIoError(first, 'write the output files', () => writeAll(files), 'No file was left half-written.');
}

async function writeAll(files: readonly FileToWrite[]): Promise<string[]> {
  const pending: { path: string; temp: string }[] = [];
  const changed: string[] = [];
  try {
    for (const file of files) {
      const bytes = Buffer.from(file.content, 'utf8');
      if (await differs(file.path, bytes)) pending.push({ path: file.path, temp: await writeTemp(file.path, [bytes]) });
    }
    while (pending.length > 0) {
      const next = pending[0] as { path: string; temp: string };
      await rename(next.temp, next.path);
      pending.shift();
      changed.push(next.path);
    }
  } catch (error) {
    await Promise.all(pending.map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw error;
  }
  await Promise.all([...new Set(changed.map((path) => dirname(path)))].map(syncDir));
  return changed;
}
