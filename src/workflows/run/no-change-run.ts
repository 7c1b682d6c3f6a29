import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../../config/resolved-config.js';
import type { TranslationEngine } from '../../engine/translation-engine.js';
import type { JobReport } from '../../job/job-report.js';
import { readSteadyState, type SteadyState } from '../../job/run-manifest.js';
import { selectTargets } from '../../job/select-targets.js';
import { findSources } from '../../read/find-sources.js';
import { removeStaleTempFiles } from '../../write/clean-temp-files.js';
import type { RunJobOptions } from './run-options.js';

/**
 * The no-change path of `run` and `status`: when the run manifest proves that nothing changed
 * since the last steady run (see run-manifest.ts), the report is the one that run recorded, with
 * nothing written, translated or sent (a run still removes stale temp files). Undefined — the full
 * path runs — when there is no valid manifest, when only some locales are asked for, or when a
 * locale still missing segments now has an engine that would be sent them (or asked for its quota).
 * Imports nothing of the full path, so a no-change run loads only what it needs (run-entry.ts).
 */
export async function noChangeRun(options: RunJobOptions): Promise<JobReport | undefined> {
  const { config } = options;
  if (options.locales !== undefined) return undefined;
  const chainFor = engineChainsOf(options, config.targets);
  const state = await readSteadyState(config);
  if (!state || state.locales.some((l) => l.missing > 0 && chainFor(l.locale).length > 0)) return undefined;
  const report = reportOf(state, Boolean(options.dryRun));
  if (!options.dryRun) removeRunTempFiles(report, config, findSources(config.rootDir, config.sources).map((file) => path.dirname(path.join(config.rootDir, file))));
  return report;
}

/** Each locale's engines in fallback order, from whichever option the caller gave; derived locales have none. */
export function engineChainsOf(options: RunJobOptions, targets: readonly ResolvedTarget[] = selectTargets(options.config.targets, options.locales)): (locale: string) => readonly TranslationEngine[] {
  const single = options.engineFor ?? (() => options.engine);
  const chainOf = options.enginesFor ?? ((locale: string) => {
    const engine = single(locale);
    return engine ? [engine] : [];
  });
  return (locale) => (targets.find((t) => t.locale === locale)?.derived ? [] : chainOf(locale));
}

/** Our temp files older than ten minutes in the project, TM, output and source folders, removed with a notice. */
export function removeRunTempFiles(report: JobReport, config: ResolvedConfig, sourceFolders: readonly string[]): void {
  const folders = [config.rootDir, config.tmDir, config.output.dir, ...new Set(sourceFolders)];
  const cleaned = removeStaleTempFiles(folders, { depth: 0 }).concat(removeStaleTempFiles([config.output.dir], { depth: 3 }));
  if (cleaned.length > 0) (report.notices ??= []).push(`Removed ${cleaned.length} temp file(s) left by an earlier interrupted command: ${cleaned.map((f) => path.relative(config.rootDir, f)).join(', ')}.`);
}

function reportOf(state: SteadyState, dryRun: boolean): JobReport {
  return {
    dryRun,
    engine: null,
    locales: state.locales.map((l) => ({
      locale: l.locale,
      segments: l.segments,
      fromTm: l.fromTm,
      translated: 0,
      retried: 0,
      needsReview: 0,
      missing: l.missing,
      billedCharacters: 0,
      missingSegments: l.missingSegments,
      incompleteKeys: l.incompleteKeys,
      ...(l.derivedFrom ? { derivedFrom: l.derivedFrom } : {}),
      ...(!dryRun && l.derived !== undefined ? { derived: 0 } : {}),
    })),
    writtenFiles: [],
    removedFiles: [],
    humanEdits: 0,
    problems: state.problems,
    findings: state.findings,
    noChange: true,
  };
}
