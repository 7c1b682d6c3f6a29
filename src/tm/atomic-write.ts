/** Replacing a file atomically: write a temp file in the same directory, fsync, rename over. */
import { basename, dirname, join } from 'node:path';
import { open, rename, rm } from 'node:fs/promises';

/** Temp files are named `.tilmash-tmp-<name>` (git-ignored); a stale one is simply overwritten. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.tilmash-tmp-${basename(path)}`);
}

/** Writes `chunks` to `path` so that readers see either the old or the complete new file. */
export async function writeFileAtomic(path: string, chunks: Iterable<string>): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w');
  try {
    for (const chunk of chunks) await handle.appendFile(chunk, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncDir(dirname(path));
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
