import { readExistingFile } from '../text/read-existing-file.js';
import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { ledgerPath, parseLedger } from '../ledger/ledger-file.js';
import { LazyBundles, readCurrentBundles } from '../ledger/read-current-bundles.js';
import type { PreviousState } from './assemble-bundles.js';
import type { SourceDocument } from './source-document.js';

/**
 * Per target locale: the ledger the last run wrote and what its bundles hold on disk now. With
 * `lazy` (a run with the per-document cache), bundles are parsed only when a namespace is asked for.
 */
export function readPreviousState(config: ResolvedConfig, documents: readonly SourceDocument[], targets: readonly ResolvedTarget[], lazy = false): Map<string, PreviousState> {
  const shown = (file: string) => path.relative(config.rootDir, file);
  const namespaces = documents.map((d) => ({ namespace: d.namespace, format: d.format }));
  const states = new Map<string, PreviousState>();
  for (const { locale } of targets) {
    const file = ledgerPath(config.output.dir, locale);
    const ledgerText = readExistingFile(file, shown(file), 'ledger');
    const ledger = ledgerText === undefined ? undefined : parseLedger(ledgerText, shown(file));
    states.set(locale, { ...(ledger ? { ledger } : {}), bundles: lazy ? new LazyBundles(config.output.dir, locale, namespaces, shown) : readCurrentBundles(config.output.dir, locale, namespaces, shown) });
  }
  return states;
}
