import type { JobReport } from '../../job/job-report.js';
import { noChangeRun } from './no-change-run.js';
import type { RunJobOptions } from './run-job.js';

/**
 * `runJob` for the CLI: the no-change path first, with only its own modules loaded; the full job
 * (readers, segmenter, QA, engines, assembly) is imported only when something changed.
 */
export async function runJobLazily(options: RunJobOptions): Promise<JobReport> {
  const steady = await noChangeRun(options);
  if (steady) return steady;
  const { runJob } = await import('./run-job.js');
  return runJob({ ...options, noChangeChecked: true });
}
