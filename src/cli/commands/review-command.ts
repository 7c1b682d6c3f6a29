import path from 'node:path';
import { ExitCode } from '../../errors.js';
import { reviewJob } from '../../job/review-job.js';
import { renderReviewHtml } from '../../review/render-review-html.js';
import { writeFileIfChanged } from '../../write/index.js';
import { checkOutputFile } from '../../write/output-path.js';
import type { CliIo } from '../cli-io.js';
import { loadCliConfig } from '../load-cli-config.js';
import type { ParsedArgs } from '../parse-args.js';

/** `tilmash review [--out review.html]`: a static HTML report for reviewers. Writes only that file. */
export async function reviewCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const config = await loadCliConfig(args, io);
  const out = path.resolve(io.cwd, args.flags.out ?? path.join(path.relative(io.cwd, config.rootDir), 'review.html'));
  checkOutputFile(out); // a folder, a device or a link at --out is refused before any work
  const data = await reviewJob(config, new Date());
  await writeFileIfChanged(out, renderReviewHtml(data));
  const count = (status: string) => data.rows.reduce((n, row) => n + Object.values(row.cells).filter((c) => c.status === status).length, 0);
  const summary = { file: path.relative(io.cwd, out), keys: data.rows.length, needsReview: count('needs-review'), machine: count('machine'), missing: count('missing') };
  io.stdout(args.flags.json ? `${JSON.stringify(summary, null, 2)}\n` : `Wrote ${summary.file}: ${summary.keys} keys; ${summary.needsReview} cells need review, ${summary.machine} machine, ${summary.missing} missing.\n`);
  return ExitCode.ok;
}
