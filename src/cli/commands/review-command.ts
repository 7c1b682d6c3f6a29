import path from 'node:path';
import { ExitCode } from '../../errors.js';
import { reviewJob } from '../../workflows/review/review-job.js';
import { readBaseLedgers } from '../../review/read-base-ledgers.js';
import { renderReviewHtml } from '../../review/render-review-html.js';
import { summarizeReview } from '../../review/review-summary.js';
import { writeFileIfChanged } from '../../write/index.js';
import { checkOutputFile } from '../../write/output-path.js';
import type { CliIo } from '../cli-io.js';
import { loadCliConfig } from '../load-cli-config.js';
import type { ParsedArgs } from '../parse-args.js';

/**
 * `tilmash review [--out review.html] [--base <ref>]`: a static HTML report for reviewers (writes
 * only that file); `--serve [--port N] [--no-open]`: the local review server, where a reviewer edits,
 * approves and rejects. "changed" compares with the ledgers committed at `--base` (default HEAD).
 */
export async function reviewCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const config = await loadCliConfig(args, io);
  if (args.flags.serve) return serve(config, args, io);
  const out = path.resolve(io.cwd, args.flags.out ?? path.join(path.relative(io.cwd, config.rootDir), 'review.html'));
  checkOutputFile(out); // a folder, a device or a link at --out is refused before any work
  const base = readBaseLedgers(config.rootDir, config.output.dir, config.sourceLocale, args.flags.base);
  const job = await reviewJob(config, new Date(), base ? { base } : {});
  const { data } = job;
  try {
    await writeFileIfChanged(out, renderReviewHtml(data));
  } finally {
    await job.prepared.tm.close(); // the shared TM's pool: nothing left open for a library user either
  }
  const count = (status: string) => data.rows.reduce((n, row) => n + Object.values(row.cells).filter((c) => c.status === status).length, 0);
  const summary = {
    file: path.relative(io.cwd, out),
    keys: data.rows.length,
    needsReview: count('needs-review'),
    heldBack: summarizeReview(data).locales.reduce((n, l) => n + l.heldBack, 0),
    machine: count('machine'),
    missing: count('missing'),
    changed: summarizeReview(data).locales.reduce((n, l) => n + l.changed, 0),
    base: data.base,
  };
  io.stdout(
    args.flags.json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `Wrote ${summary.file}: ${summary.keys} keys; ${summary.needsReview} cells need review (${summary.heldBack} held back by QA), ${summary.machine} machine, ${summary.missing} missing; ${summary.changed} changed since ${summary.base}.\n`,
  );
  return ExitCode.ok;
}

/** Serves until SIGINT/SIGTERM; every save is already on disk when it answers, so stopping loses nothing. */
async function serve(config: Awaited<ReturnType<typeof loadCliConfig>>, args: ParsedArgs, io: CliIo): Promise<number> {
  const { serveReview } = await import('../../workflows/review/serve-review.js');
  const server = await serveReview(config, { ...(args.flags.port !== undefined ? { port: args.flags.port } : {}), ...(args.flags.base !== undefined ? { base: args.flags.base } : {}) });
  io.stdout(args.flags.json ? `${JSON.stringify({ url: server.url })}\n` : `Review server: ${server.url}\n(only this address opens it; Ctrl-C to stop)\n`);
  if (args.flags.open !== false) (await import('../open-browser.js')).openBrowser(server.url);
  io.stopGracefully?.(); // saves write: a signal closes the server once the save in hand is on disk
  await new Promise<void>((resolve) => (io.signal.aborted ? resolve() : io.signal.addEventListener('abort', () => resolve(), { once: true })));
  await server.close();
  return ExitCode.ok;
}
