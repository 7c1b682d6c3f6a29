import { selectEngines } from '../../engine/select-engine.js';
import { ExitCode } from '../../errors.js';
import { runJobLazily } from '../../workflows/run/run-entry.js';
import type { CliIo } from '../cli-io.js';
import { formatSummary } from '../format-summary.js';
import { loadCliConfig } from '../load-cli-config.js';
import { withCanonicalLocales } from '../locale-args.js';
import { painter } from '../style.js';
import type { ParsedArgs } from '../parse-args.js';
import { createProgressReporter } from '../progress.js';
import { asProjectWriter } from '../project-lock-cli.js';
import type { QueueRun } from '../../workflows/worker/queue-translate.js';

/**
 * `tilmash run` and `tilmash status` (a dry run: writes nothing and translates nothing; with a
 * DeepL key it asks the account's remaining quota).
 */
export async function runCommand(given: ParsedArgs, io: CliIo, mode: 'run' | 'status'): Promise<number> {
  const config = await loadCliConfig(given, io);
  const args = withCanonicalLocales(given, config);
  const dryRun = mode === 'status' || args.flags.dryRun;
  const engines = selectEngines(config, io.env);
  const progress = createProgressReporter(io);
  // Scale out: bullmq is loaded only with --queue (the default run never loads it).
  const queueRun = args.flags.queue && !dryRun ? await openQueue(args.flags.queue, io) : undefined;
  const job = () => runJobLazily({
    config,
    enginesFor: engines.enginesFor,
    ...(args.flags.locale ? { locales: args.flags.locale } : {}),
    dryRun,
    force: args.flags.force,
    signal: io.signal,
    ...(queueRun ? { translate: queueRun.translate } : {}),
    ...(io.stopGracefully ? { onWriting: io.stopGracefully } : {}),
    // Progress lines only for locales an engine will translate (a TM-only locale never moves).
    ...(args.flags.json || dryRun
      ? {}
      : { onPlan: (plan) => progress.plan({ locales: plan.locales.filter((l) => engines.engineFor(l.locale) !== undefined) }), onProgress: progress.update, onQueueEvent: progress.queue }),
  }).finally(async () => {
    progress.finish();
    engines.close();
    await queueRun?.close();
  });
  // Only a writing run holds the project lock; status and --dry-run read.
  const report = dryRun ? await job() : await asProjectWriter(config.rootDir, 'run', args, io, job);

  if (args.flags.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const configuredEngines = [...new Set(report.locales.flatMap((l) => engines.engineFor(l.locale)?.id ?? []))];
    const title = mode === 'status' ? 'Status' : dryRun ? 'Plan (dry run, nothing written)' : 'Run';
    io.stdout(formatSummary(report, { title, listMissing: true, configuredEngines, paint: painter(io, 'stdout') }));
  }

  if (report.failure) return ExitCode[report.failure.kind];
  if (args.flags.strict) {
    const reasons = [
      report.locales.some((l) => l.missing > 0) ? 'translations are missing' : '',
      report.findings.some((f) => f.severity === 'error') ? 'QA found errors' : '',
      report.problems.length > 0 ? 'texts cannot be written' : '',
    ].filter(Boolean);
    if (reasons.length > 0) {
      if (!args.flags.json) io.stderr(`Strict: ${reasons.join(', ')} (listed above).\n`);
      return ExitCode.strict;
    }
  }
  return ExitCode.ok;
}

async function openQueue(url: string, io: CliIo): Promise<QueueRun> {
  const { parseQueueUrl } = await import('../../queue/redis/redis-queue-url.js');
  const address = parseQueueUrl(url);
  const { openQueueRun } = await import('../../workflows/worker/queue-translate.js');
  return openQueueRun(address, (line) => io.stderr(`${line}\n`));
}
