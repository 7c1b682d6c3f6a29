import type { ResolvedConfig } from '../../config/resolved-config.js';
import { readSteadyState } from '../../job/run-manifest.js';
import type { CheckReport } from './check-report.js';

/**
 * `check` on the no-change path: the run manifest proves the bundles on disk are what a run over
 * the current inputs writes (so no file is outdated), and its recorded report gives the rest —
 * keys left out as missing, QA errors, and stale keys (a person's edit kept over a source that
 * changed since: the one case where a run leaves a ledger's source hash behind, reported as a
 * `stale` finding). Undefined when the full check must run.
 */
export async function noChangeCheck(config: ResolvedConfig): Promise<CheckReport | undefined> {
  const state = await readSteadyState(config);
  if (!state) return undefined;
  const untranslated = state.locales.flatMap(({ locale, incompleteKeys }) => incompleteKeys.filter((k) => k.reason === 'missing').map(({ namespace, key }) => ({ locale, namespace, key })));
  const stale = state.findings.filter((f) => f.check === 'stale').map(({ locale, namespace, key }) => ({ locale, namespace, key }));
  const qaErrors = state.findings.filter((f) => f.severity === 'error');
  return { ok: untranslated.length + stale.length + qaErrors.length === 0, untranslated, stale, qaErrors, outdatedFiles: [], noChange: true };
}
