import path from 'node:path';
import { formatKeyMap } from '../keys/index.js';
import type { BundleFile } from './assemble-bundles.js';
import type { SourceDocument } from './source-document.js';

/** The key maps to (re)write beside the article sources: those whose file differs from what it should hold now. */
export function changedKeyMapFiles(rootDir: string, documents: readonly SourceDocument[]): BundleFile[] {
  return documents.flatMap((d) => (d.keyMap?.changed ? [{ path: path.join(rootDir, d.keyMap.file), content: formatKeyMap(d.keyMap.map) }] : []));
}
