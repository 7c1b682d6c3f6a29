import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { CheckReport } from './check-job.js';
import { noChangeCheck } from './no-change-check.js';

/** `checkJob` for the CLI: the no-change path first; the full check is imported only when something changed. */
export async function checkJobLazily(config: ResolvedConfig): Promise<CheckReport> {
  const steady = await noChangeCheck(config);
  if (steady) return steady;
  const { checkJob } = await import('./check-job.js');
  return checkJob(config, { noChangeChecked: true });
}
