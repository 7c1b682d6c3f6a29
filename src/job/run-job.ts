import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { EngineError, type TranslationEngine } from '../engine/translation-engine.js';
import { TilmashError } from '../errors.js';
import { formatKeyMap } from '../keys/index.js';
import { TranslationMemory } from '../tm/index.js';
import { writeFilesAtomically } from '../write/index.js';
import path from 'node:path';
import { assembleBundles } from './assemble-bundles.js';
import { loadDocuments } from './load-documents.js';
import { planJob, type JobPlan } from './plan-job.js';
import type { JobReport, LocaleReport } from './job-report.js';
import { translateMissing, type TranslationProgress } from './translate-missing.js';

export interface RunJobOptions {
  config: ResolvedConfig;
  /** Undefined: TM only, missing segments are reported. */
  engine?: TranslationEngine;
  /** Only these target locales (default: all of the config). */
  locales?: string[];
  /** Plan and report; write nothing, call no engine. */
  dryRun?: boolean;
  /** Aborting stops dispatching; what was received is kept and written. */
  signal?: AbortSignal;
  onPlan?: (plan: JobPlan) => void;
  onProgress?: (progress: TranslationProgress) => void;
  /** The clock for TM dates (tests fix it). */
  now?: () => Date;
}

/**
 * The batch job: read and segment sources, look segments up in the TM, translate what is missing,
 * record every translation in the TM as it arrives, then write bundles and key maps.
 * Engine failures do not lose work: the TM and the complete bundles are still written, and the
 * report carries the failure for the CLI's exit code.
 */
export async function runJob(options: RunJobOptions): Promise<JobReport> {
  const { config } = options;
  const targets = selectTargets(config.targets, options.locales);
  const tm = await TranslationMemory.open(config.tmDir, config.sourceLocale);
  const documents = loadDocuments(config);
  const lookup = (locale: string, source: string) => tm.lookup(locale, source);
  const plan = planJob(documents, targets, lookup);
  options.onPlan?.(plan);

  const locales: LocaleReport[] = plan.locales.map((p) => ({
    locale: p.locale,
    segments: p.segments,
    fromTm: p.fromTm,
    translated: 0,
    missing: p.missing.length,
    billedCharacters: options.dryRun ? p.billedCharacters : 0,
    missingSegments: [],
    incompleteKeys: [],
  }));
  const report: JobReport = { dryRun: Boolean(options.dryRun), engine: options.engine?.id ?? null, locales, writtenFiles: [], problems: [] };
  if (options.dryRun) {
    for (const [i, p] of plan.locales.entries()) (locales[i] as LocaleReport).missingSegments = p.missing.map(({ source, uses }) => ({ source, uses }));
    return report;
  }

  if (options.engine) {
    const outcome = await translateMissing({
      plan,
      engine: options.engine,
      tm,
      batchSize: config.engine.batchSize,
      sourceLanguage: config.sourceLocale.toUpperCase(),
      signal: options.signal,
      onProgress: options.onProgress,
      now: options.now ?? (() => new Date()),
    });
    for (const locale of locales) {
      const got = outcome.perLocale.get(locale.locale);
      locale.translated = got?.translated ?? 0;
      locale.billedCharacters = got?.billedCharacters ?? 0;
    }
    if (outcome.failure) report.failure = outcome.failure;
  }

  // What is still missing after the engine, per locale, with its source text for the report.
  for (const [i, p] of plan.locales.entries()) {
    const locale = locales[i] as LocaleReport;
    locale.missingSegments = p.missing.filter((m) => !tm.lookup(p.locale, m.source)).map(({ source, uses }) => ({ source, uses }));
    locale.missing = locale.missingSegments.length;
  }

  // Paid work first: the TM is compacted before any bundle is touched.
  const tmFiles = await tm.save();
  const bundles = assembleBundles(config, documents, lookup, targets);
  for (const locale of locales) locale.incompleteKeys = bundles.incomplete.get(locale.locale) ?? [];
  report.problems = bundles.problems;
  const keyMaps = documents
    .filter((d) => d.keyMapChanged)
    .map((d) => ({ path: path.join(config.rootDir, d.keyMapFile), content: formatKeyMap(d.keyMap) }));
  const written = await writeFilesAtomically([...bundles.files, ...keyMaps]);
  report.writtenFiles = [...tmFiles, ...written].map((file) => path.relative(config.rootDir, file)).sort();
  return report;
}

function selectTargets(targets: ResolvedTarget[], wanted: string[] | undefined): ResolvedTarget[] {
  if (!wanted) return targets;
  return wanted.map((locale) => {
    const target = targets.find((t) => t.locale === locale);
    if (!target) {
      throw new TilmashError('usage', `Unknown locale '${locale}'. The config's target locales are: ${targets.map((t) => t.locale).join(', ')}.`);
    }
    return target;
  });
}

export { EngineError };
