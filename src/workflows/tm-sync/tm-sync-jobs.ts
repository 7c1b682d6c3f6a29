/**
 * `tilmash tm push`: the file TM (`tm.dir`, journals folded in) into the shared TM in PostgreSQL, one
 * transaction per locale. `tilmash tm pull`: the shared TM's entries of this source language back
 * into `tm.dir` as `.jsonl` files, byte for byte the files that were pushed (same canonical format).
 */
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { TilmashError } from '../../errors.js';
import { tmStoreUrl } from '../../job/open-job-tm.js';
import { TranslationMemory, tmFileName, type TmEntry } from '../../tm/index.js';
import { formatTmFile } from '../../tm/tm-file.js';
import { redactUrl } from '../../tm/postgres/pg-url.js';
import { asIoError } from '../../write/io-error.js';
import { writeFileAtomic } from '../../write/write-file-atomic.js';

/** The machine-readable result of `tilmash tm push|pull` (`--json`). Field names are an API. */
export interface TmSyncReport {
  /** The database, password hidden. */
  database: string;
  locales: Array<{ locale: string; entries: number }>;
  /** `pull`: the files written (relative to the project). */
  writtenFiles: string[];
}

function requireUrl(config: ResolvedConfig, command: string): string {
  const url = tmStoreUrl(config);
  if (url === undefined) {
    throw new TilmashError('usage', `\`tilmash tm ${command}\` needs the shared TM: set "tm.store" in pipeline.config.ts or the TILMASH_TM_URL environment variable to a PostgreSQL URL (postgres://user@host:5432/db).`);
  }
  return url;
}

export async function pushTmJob(config: ResolvedConfig): Promise<TmSyncReport> {
  const url = requireUrl(config, 'push');
  const files = await TranslationMemory.open(config.tmDir, config.sourceLocale);
  const { PgTmStore } = await import('../../tm/postgres/pg-tm-store.js');
  const db = await PgTmStore.open(url, config.tmDir, config.sourceLocale);
  try {
    const locales: TmSyncReport['locales'] = [];
    for (const locale of files.targetLocales()) {
      const entries = files.sortedEntries(locale);
      await db.record(locale, entries);
      locales.push({ locale, entries: entries.length });
    }
    return { database: redactUrl(url), locales, writtenFiles: [] };
  } finally {
    await db.close();
  }
}

export async function pullTmJob(config: ResolvedConfig): Promise<TmSyncReport> {
  const url = requireUrl(config, 'pull');
  const { PgTmStore } = await import('../../tm/postgres/pg-tm-store.js');
  const db = await PgTmStore.open(url, config.tmDir, config.sourceLocale);
  const pulled = new Map<string, Map<string, TmEntry>>();
  try {
    for (const locale of db.targetLocales()) {
      await db.prefetch(locale, 'all');
      pulled.set(locale, new Map(db.sortedEntries(locale).map((e) => [e.source, e])));
    }
  } finally {
    await db.close();
  }
  const report: TmSyncReport = { database: redactUrl(url), locales: [], writtenFiles: [] };
  for (const [locale, entries] of pulled) {
    const file = join(config.tmDir, tmFileName(config.sourceLocale, locale));
    await asIoError(file, 'write the pulled TM', async () => {
      await mkdir(config.tmDir, { recursive: true });
      await writeFileAtomic(file, formatTmFile(entries));
    });
    report.writtenFiles.push(relative(config.rootDir, file));
    report.locales.push({ locale, entries: entries.size });
  }
  return report;
}
