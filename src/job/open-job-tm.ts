/**
 * The TM a job uses: the shared TM in PostgreSQL when `tm.store` (or, without it, the
 * `TILMASH_TM_URL` environment variable) names one, else the file TM in `tm.dir` (the default).
 * The PostgreSQL store is imported only when used.
 */
import type { ResolvedConfig } from '../config/resolved-config.js';
import { TranslationMemory } from '../tm/index.js';
import type { TmStore } from '../tm/tm-store.js';
import { planUnit } from './plan-unit.js';
import { tmStoreUrl } from './tm-store-url.js';

export { tmStoreUrl } from './tm-store-url.js';
import type { SourceDocument } from './source-document.js';

/** `onlyLocales`: a file TM reads just these pairs (a reader about some locales; see `TranslationMemory.open`). */
export async function openJobTm(config: Pick<ResolvedConfig, 'tmStore' | 'tmDir' | 'sourceLocale'>, onlyLocales?: readonly string[]): Promise<TmStore> {
  const url = tmStoreUrl(config);
  if (url === undefined) return TranslationMemory.open(config.tmDir, config.sourceLocale, onlyLocales ? { targets: onlyLocales } : {});
  const { PgTmStore } = await import('../tm/postgres/pg-tm-store.js');
  return PgTmStore.open(url, config.tmDir, config.sourceLocale, leaseOptions());
}

/** Tests shorten the lease (TILMASH_TM_LEASE_MS) to see a killed process's segments taken over. */
function leaseOptions(): { leaseMs?: number } {
  const value = Number(process.env['TILMASH_TM_LEASE_MS']);
  return Number.isFinite(value) && value > 0 ? { leaseMs: value } : {};
}

/** Loads, from a store that needs it, the entries of every segment the documents have, for every target. */
export async function prefetchDocuments(tm: TmStore, config: Pick<ResolvedConfig, 'targets' | 'sourceLocale'>, documents: readonly SourceDocument[]): Promise<void> {
  if (!tm.needsPrefetch) return;
  for (const target of config.targets) {
    const texts = documents.flatMap((d) => d.units.flatMap((unit) => planUnit(unit, target, config.sourceLocale).segments.map((s) => s.text)));
    await tm.prefetch(target.locale, texts);
  }
}
