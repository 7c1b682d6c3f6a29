import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TilmashError } from '../errors.js';
import type { BundleSnapshot } from './bundle-snapshot.js';
import { readSnapshotFiles } from './read-snapshot-files.js';

/**
 * The bundles and ledgers under `outputDir` as they are on disk (`locales/<lng>/*.json`,
 * `locales/icu/*.json`, `locales/provenance/*.json`). A missing folder is an empty snapshot.
 */
export function readSnapshotFromDir(outputDir: string, sourceLocale: string): BundleSnapshot {
  const paths: string[] = [];
  for (const folder of listNames(outputDir)) {
    const full = path.join(outputDir, folder);
    if (!statSync(full).isDirectory()) continue;
    for (const name of listNames(full)) {
      if (name.endsWith('.json') && statSync(path.join(full, name)).isFile()) paths.push(`${folder}/${name}`);
    }
  }
  return readSnapshotFiles(
    {
      paths,
      read: (relative) => {
        const file = path.join(outputDir, relative);
        try {
          return readFileSync(file, 'utf8');
        } catch (error) {
          throw new TilmashError('badSource', `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check its permissions.`, { file, cause: error });
        }
      },
      shown: (relative) => path.join(outputDir, relative),
    },
    sourceLocale,
  );
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.startsWith('.'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TilmashError('badSource', `${dir}: cannot list it (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check its permissions.`, { file: dir, cause: error });
  }
}
