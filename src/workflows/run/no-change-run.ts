import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { TranslationEngine } from '../../engine/translation-engine.js';
import type { JobReport } from '../../job/job-report.js';
import { readSteadyState, type SteadyState } from '../../job/run-manifest.js';

/**
 * The no-change path of `run` and `status`: when the run manifest proves that nothing changed
 * since the last steady run (see run-manifest.ts), the report is the one that run recorded, with
 * nothing written, translated or sent. Undefined — the full path runs — when there is no valid
 * manifest, when only some locales are asked for, or when a locale still missing segments now has
 * an engine that would be sent them (or asked for its quota by `status`).
 */
export async function noChangeReport(config: ResolvedConfig, options: { locales?: string[]; dryRun?: boolean; chainFor: (locale: string) => readonly TranslationEngine[] }): Promise<JobReport | undefined> {
  if (options.locales !== undefined) return undefined;
  const state = await readSteadyState(config);
  if (!state || state.locales.some((l) => l.missing > 0 && options.chainFor(l.locale).length > 0)) return undefined;
  return reportOf(state, Boolean(options.dryRun));
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
  };
}
