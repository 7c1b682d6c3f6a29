import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { hashEntries } from '../../ledger/hash-entries.js';
import type { KeyFinding } from '../../job/assemble-bundles.js';
import { changedKeyMapFiles } from '../../job/key-map-files.js';
import { unitSourceEntries } from '../../job/plan-unit.js';
import { prepareJob, type PreparedJob } from '../../job/prepare-job.js';
import { settleBundles } from '../../job/settle-bundles.js';
import { noChangeCheck } from './no-change-check.js';
import type { SourceUnit } from '../../job/source-document.js';


import type { CheckReport, KeyRef } from './check-report.js';

export type { CheckReport } from './check-report.js';

/**
 * CI's gate: what `run` would produce from the current sources and TM, compared with what is on
 * disk — with no engine, no network and no write. Every reason to fail is listed.
 */
export async function checkJob(config: ResolvedConfig, options: { noChangeChecked?: boolean } = {}): Promise<CheckReport> {
  const steady = options.noChangeChecked ? undefined : await noChangeCheck(config); // nothing changed since the last steady run: its record answers
  if (steady) return steady;
  const { targets } = config;
  const prepared = await prepareJob(config, targets, { incremental: true }); // reads the per-document cache, never writes it
  try {
    return checkPrepared(config, prepared);
  } finally {
    await prepared.tm.close(); // the shared TM's pool
  }
}

function checkPrepared(config: ResolvedConfig, prepared: PreparedJob): CheckReport {
  const { targets } = config;
  const { documents, previous } = prepared;
  const { bundles } = settleBundles(config, prepared, targets, previous, new Date(0).toISOString());

  const untranslated: KeyRef[] = [];
  for (const [locale, keys] of bundles.incomplete) for (const k of keys) if (k.reason === 'missing') untranslated.push({ locale, namespace: k.namespace, key: k.key });

  const stale: KeyRef[] = [];
  const sourceHashes = new Map<SourceUnit, string>(); // a unit's source is hashed once, whatever the number of locales
  const sourceHash = (unit: SourceUnit): string => {
    let hash = sourceHashes.get(unit);
    if (hash === undefined) sourceHashes.set(unit, (hash = hashEntries(unitSourceEntries(unit))));
    return hash;
  };
  for (const { locale } of targets) {
    const ledger = previous.get(locale)?.ledger;
    for (const document of documents) {
      for (const unit of document.units) {
        const entry = ledger?.namespaces[document.namespace]?.keys[unit.key];
        if (entry && entry.source !== sourceHash(unit)) stale.push({ locale, namespace: document.namespace, key: unit.key });
      }
    }
  }

  const relative = (file: string) => path.relative(config.rootDir, file);
  const outdatedFiles = [
    ...[...bundles.files, ...changedKeyMapFiles(config.rootDir, documents)].filter((file) => !existsSync(file.path) || readFileSync(file.path, 'utf8') !== file.content).map((file) => relative(file.path)),
    ...bundles.obsoleteFiles.filter((file) => existsSync(file)).map(relative),
  ].sort();
  const qaErrors = bundles.findings.filter((f) => f.severity === 'error');
  return { ok: untranslated.length + stale.length + qaErrors.length + outdatedFiles.length === 0, untranslated, stale, qaErrors, outdatedFiles };
}
