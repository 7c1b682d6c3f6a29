import { selectEngines } from '../../engine/select-engine.js';
import { ExitCode, TilmashError } from '../../errors.js';
import type { TranslationEngine } from '../../engine/translation-engine.js';
import type { CliIo } from '../cli-io.js';
import { loadCliConfig } from '../load-cli-config.js';
import type { ParsedArgs } from '../parse-args.js';

/**
 * `tilmash worker --queue redis://…`: translate the batches of `run --queue` with this machine's
 * engines until SIGINT/SIGTERM (then the batches in hand are finished). bullmq is loaded only here.
 */
export async function workerCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  if (!args.flags.queue) throw new TilmashError('usage', 'tilmash worker needs --queue <redis-url>, e.g. --queue redis://127.0.0.1:6379 (the queue `tilmash run --queue` fills).');
  const { parseQueueUrl } = await import('../../queue/redis/redis-queue-url.js');
  const address = parseQueueUrl(args.flags.queue);
  const config = await loadCliConfig(args, io);
  const selection = selectEngines(config, io.env);
  const engines = [...new Set(config.targets.flatMap((t) => selection.enginesFor(t.locale)))] as TranslationEngine[];
  if (engines.length === 0) throw new TilmashError('config', 'This worker has no engine: set DEEPL_AUTH_KEY (or the engine.llm key) in its environment, as for `tilmash run`.');
  io.stopGracefully?.();
  const { runWorker } = await import('../../workflows/worker/run-worker.js');
  try {
    const report = await runWorker({
      address,
      config,
      engines,
      leaseMs: Math.round((args.flags.lease ?? 30) * 1000),
      concurrency: config.engine.concurrency,
      signal: io.signal,
      log: (line) => io.stderr(`${line}\n`),
    });
    const summary = { batches: report.batches, failed: report.failed, requests: report.requests };
    if (args.flags.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout(`worker stopped: ${report.batches} batch(es) done, ${report.failed} failed, ${report.requests} request(s) sent.\n`);
  } finally {
    selection.close();
  }
  return io.signal.aborted ? ExitCode.interrupted : ExitCode.ok;
}
