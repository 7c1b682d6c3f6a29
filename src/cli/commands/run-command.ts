import path from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { selectEngine } from '../../engine/select-engine.js';
import { ExitCode } from '../../errors.js';
import { runJob } from '../../job/run-job.js';
import type { CliIo } from '../cli-io.js';
import { formatSummary } from '../format-summary.js';
import type { ParsedArgs } from '../parse-args.js';
import { createProgressReporter } from '../progress.js';

/** `tilmash run` and `tilmash status` (a run that writes nothing and calls no engine). */
export async function runCommand(args: ParsedArgs, io: CliIo, mode: 'run' | 'status'): Promise<number> {
  const config = await loadConfig(path.resolve(io.cwd, args.flags.config));
  const dryRun = mode === 'status' || args.flags.dryRun;
  const engine = dryRun ? undefined : selectEngine(config, io.env);
  const progress = createProgressReporter(io);
  const report = await runJob({
    config,
    ...(engine ? { engine } : {}),
    ...(args.flags.locale ? { locales: args.flags.locale } : {}),
    dryRun,
    signal: io.signal,
    onProgress: args.flags.json ? undefined : progress.update,
  });
  progress.finish();

  if (args.flags.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(formatSummary(report, { title: mode === 'status' ? 'Status' : dryRun ? 'Plan (dry run, nothing written)' : 'Run', listMissing: true }));

  if (report.failure) return ExitCode[report.failure.kind];
  if (args.flags.strict && (report.problems.length > 0 || report.locales.some((l) => l.missing > 0))) {
    if (!args.flags.json) io.stderr('Strict: translations are missing (listed above).\n');
    return ExitCode.strict;
  }
  return ExitCode.ok;
}
