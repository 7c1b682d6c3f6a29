/**
 * Temp files of an earlier killed command (`.tilmash-tmp-<12 hex>-<name>`, see write-file-atomic.ts)
 * are removed at the next start: only files with exactly our name pattern, and only when older than
 * `maxAgeMs` (no live write takes that long), so another command's temp file in use is never touched.
 */
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';

const OURS = /^\.tilmash-tmp-[0-9a-f]{12}-./u;
/** Ten minutes. */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

/** Removes stale temp files directly in `dirs` (and `depth` levels below); returns the removed paths. */
export function removeStaleTempFiles(dirs: readonly string[], options: { maxAgeMs?: number; depth?: number; now?: number } = {}): string[] {
  const maxAge = options.maxAgeMs ?? STALE_TEMP_AGE_MS;
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, depth: number) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // a missing folder has nothing to clean
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isFile() && OURS.test(name) && now - stat.mtimeMs > maxAge) {
        try {
          unlinkSync(full);
          removed.push(full);
        } catch {
          // read-only or gone: the run goes on; nothing depends on it
        }
      } else if (stat?.isDirectory() && depth > 0 && !name.startsWith('.') && name !== 'node_modules') visit(full, depth - 1);
    }
  };
  for (const dir of dirs) visit(dir, options.depth ?? 0);
  return removed;
}
