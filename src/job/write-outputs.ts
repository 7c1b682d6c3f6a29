import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { TmStore as TranslationMemory } from '../tm/tm-store.js';
import { writeFilesAtomically } from '../write/index.js';
import { removeFiles } from '../write/remove-files.js';
import type { BundleSet } from './assemble-bundles.js';
import { changedKeyMapFiles } from './key-map-files.js';
import { checkTmFolder } from './tm-folder.js';
import type { SourceDocument } from './source-document.js';

/**
 * The write stage of `run` and of a review save: the TM is compacted first (paid and reviewed work
 * before any bundle), then bundles, ledgers and key maps are written atomically (only files whose
 * bytes change) and bundles of removed sources deleted. Paths returned relative to the project, sorted.
 */
export async function writeOutputs(config: ResolvedConfig, tm: TranslationMemory, documents: readonly SourceDocument[], bundles: BundleSet): Promise<{ writtenFiles: string[]; removedFiles: string[] }> {
  // A TM folder that vanished during the run stops it here, before anything is written (the journal went with it).
  if (tm.kind === 'file') checkTmFolder(config);
  const tmFiles = await tm.save();
  const written = await writeFilesAtomically([...bundles.files, ...changedKeyMapFiles(config.rootDir, documents)]);
  const removed = await removeFiles(bundles.obsoleteFiles);
  return {
    writtenFiles: [...tmFiles, ...written].map((file) => path.relative(config.rootDir, file)).sort(),
    removedFiles: removed.map((file) => path.relative(config.rootDir, file)),
  };
}
