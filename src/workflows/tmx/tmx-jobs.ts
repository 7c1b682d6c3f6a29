import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { TilmashError } from '../../errors.js';
import { exportTmx } from '../../exchange/tmx-export.js';
import { decodeTmxBytes, importTmx, type TmxSkip } from '../../exchange/tmx-import.js';
import type { TmEntry } from '../../tm/index.js';
import { openJobTm } from '../../job/open-job-tm.js';
import { writeFilesAtomically } from '../../write/index.js';
import { checkOutputFile } from '../../write/output-path.js';
import { selectTargets } from '../../job/select-targets.js';
import { EMPTY_GLOSSARY } from '../../glossary/glossary-types.js';
import { loadGlossary } from '../../glossary/load-glossary.js';
import type { Piece, Syntax } from '../../protect/protect-types.js';
import { tokenizeSegment } from '../../protect/index.js';
import { doNotTranslateTerms } from '../../job/do-not-translate.js';
import { segmentRefs } from '../xliff/export-xliff-job.js';
import { loadDocuments } from '../../job/load-documents.js';

export interface ExportTmxJobOptions {
  config: ResolvedConfig;
  /** Only these target locales (default: all of the config). */
  locales?: string[];
  /** Absolute path of the TMX file to write. */
  outFile: string;
  /** `creationtoolversion` in the header. */
  toolVersion: string;
}

/** The machine-readable result of `tilmash tm export` (printed by `--json`). Field names are an API. */
export interface TmxExportReport {
  /** Relative to the project root. */
  path: string;
  /** Whether the file's bytes changed (an unchanged TM gives the same bytes). */
  written: boolean;
  /** Entries per target locale. */
  locales: Array<{ locale: string; entries: number }>;
  /** `<tu>` elements: distinct source segments over all locales. */
  units: number;
}

/** `tilmash tm export`: the TM of the chosen locales as one TMX 1.4 file. Writes nothing else. */
export async function exportTmxJob(options: ExportTmxJobOptions): Promise<TmxExportReport> {
  const { config } = options;
  const targets = selectTargets(config.targets, options.locales);
  checkOutputFile(options.outFile); // before any work
  const tm = await openJobTm(config);
  try {
    for (const t of targets) await tm.prefetch(t.locale, 'all');
  } finally {
    await tm.close();
  }
  const pairs = targets.map((t) => ({ locale: t.locale, entries: tm.sortedEntries(t.locale) }));
  const content = exportTmx(pairs, { sourceLocale: config.sourceLocale, toolVersion: options.toolVersion, piecesOf: piecesOfSources(config, targets) });
  const written = await writeFilesAtomically([{ path: options.outFile, content }]);
  return {
    path: path.relative(config.rootDir, options.outFile),
    written: written.length > 0,
    locales: pairs.map((p) => ({ locale: p.locale, entries: p.entries.length })),
    units: new Set(pairs.flatMap((p) => p.entries.map((e) => e.source))).size,
  };
}

/**
 * Inline codes for the TMX as the XLIFF export makes them: each source's syntax from the current
 * sources (an entry no source uses any more is plain text: URLs and e-mails only), the glossary's
 * do-not-translate terms.
 */
function piecesOfSources(config: ResolvedConfig, targets: ReturnType<typeof selectTargets>): (text: string, source: string) => Piece[] {
  let documents: ReturnType<typeof loadDocuments> = [];
  try {
    documents = loadDocuments(config);
  } catch (error) {
    if (!(error instanceof TilmashError)) throw error; // sources that do not load: every entry as plain text
  }
  const syntaxOf = new Map<string, Syntax>();
  for (const target of targets) for (const ref of segmentRefs(documents, target, config.sourceLocale)) if (!syntaxOf.has(ref.text)) syntaxOf.set(ref.text, ref.unit.syntax);
  const glossary = config.glossaryFile ? loadGlossary(config.rootDir, config.glossaryFile, config.targets.map((t) => t.locale), config.sourceLocale) : EMPTY_GLOSSARY;
  const doNotTranslate = doNotTranslateTerms(glossary);
  return (text, source) => tokenizeSegment(text, syntaxOf.get(source) ?? 'plain', { doNotTranslate });
}

export interface ImportTmxJobOptions {
  config: ResolvedConfig;
  /** Absolute path of the TMX file. */
  file: string;
  /** How messages name the file (as the user typed it). */
  fileLabel: string;
  /** The clock for entries whose unit has no date. */
  now?: () => Date;
}

/** A unit that would have replaced a person's translation: the TM keeps its own. */
export interface TmxConflict {
  locale: string;
  source: string;
  /** What the TM has (status `translated` or `reviewed`) and keeps. */
  kept: { target: string; status: string; origin: string };
  /** What the file offered. */
  offered: { target: string; status: string; origin: string };
}

/** The machine-readable result of `tilmash tm import` (printed by `--json`). Field names are an API. */
export interface TmxImportReport {
  file: string;
  /** Entries added or replaced, per target locale. */
  recorded: Record<string, number>;
  /** Entries the TM already had exactly (same target, a status at least as good). */
  unchanged: number;
  conflicts: TmxConflict[];
  /** Units of the file that could not be imported, with the reason. */
  skipped: TmxSkip[];
  /** About the file as a whole (a header srclang its units contradict). */
  warnings: string[];
  /** TM files written, relative to the project root. */
  writtenFiles: string[];
}

const HUMAN: ReadonlySet<string> = new Set(['translated', 'reviewed']);

/**
 * A person's entry keeps its target (a different one is a conflict) and is only upgraded, from
 * `translated` to `reviewed`; a `machine` or `needs-review` entry is replaced unless the same.
 */
function compare(existing: TmEntry, offered: TmEntry): 'record' | 'unchanged' | 'conflict' {
  if (HUMAN.has(existing.status)) {
    if (existing.target !== offered.target) return 'conflict';
    return existing.status === 'translated' && offered.status === 'reviewed' ? 'record' : 'unchanged';
  }
  return existing.target === offered.target && existing.status === offered.status ? 'unchanged' : 'record';
}

/**
 * `tilmash tm import`: entries of a TMX file (from Tilmash or another tool) into the TM. A person's
 * translation in the TM (`translated`, `reviewed`) is never replaced by a different target: that is
 * a conflict, listed. `machine` and `needs-review` entries are replaced. The bundles are not touched:
 * the next `tilmash run` uses the new entries.
 */
export async function importTmxJob(options: ImportTmxJobOptions): Promise<TmxImportReport> {
  const { config, fileLabel } = options;
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.file);
  } catch (error) {
    throw new TilmashError('usage', `${fileLabel}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Give the path of a TMX file.`, { file: fileLabel, cause: error });
  }
  const imported = importTmx(decodeTmxBytes(bytes, fileLabel), fileLabel, {
    sourceLocale: config.sourceLocale,
    targetLocales: config.targets.map((t) => t.locale),
    now: (options.now ?? (() => new Date()))().toISOString(),
  });

  const tm = await openJobTm(config);
  try {
    return await importInto(tm, imported, fileLabel, config);
  } finally {
    await tm.close();
  }
}

async function importInto(tm: Awaited<ReturnType<typeof openJobTm>>, imported: ReturnType<typeof importTmx>, fileLabel: string, config: ResolvedConfig): Promise<TmxImportReport> {
  for (const [locale, entries] of imported.entries) await tm.prefetch(locale, entries.map((e) => e.source));
  const report: TmxImportReport = { file: fileLabel, recorded: {}, unchanged: 0, conflicts: [], skipped: imported.skipped, warnings: imported.warnings, writtenFiles: [] };
  for (const [locale, entries] of imported.entries) {
    const fresh: TmEntry[] = [];
    for (const entry of entries) {
      const existing = tm.lookup(locale, entry.source);
      const outcome = existing ? compare(existing, entry) : 'record';
      if (outcome === 'record') fresh.push(entry);
      else if (outcome === 'unchanged') report.unchanged++;
      else if (existing) {
        const { target, status, origin } = existing;
        report.conflicts.push({ locale, source: entry.source, kept: { target, status, origin }, offered: { target: entry.target, status: entry.status, origin: entry.origin } });
      }
    }
    if (fresh.length === 0) continue;
    await tm.record(locale, fresh);
    report.recorded[locale] = fresh.length;
  }
  report.writtenFiles = (await tm.save()).map((file) => path.relative(config.rootDir, file));
  return report;
}
