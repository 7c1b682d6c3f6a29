import { ExitCode } from '../../errors.js';
import type { CheckReport } from '../../workflows/check/check-job.js';
import { checkJobLazily } from '../../workflows/check/check-entry.js';
import type { CliIo } from '../cli-io.js';
import { loadCliConfig } from '../load-cli-config.js';
import type { ParsedArgs } from '../parse-args.js';
import { painter, type Paint } from '../style.js';

/**
 * `tilmash check`: fails (exit 6) when a key is untranslated or stale, QA finds an error, or the
 * bundles are not what `run` would write. No engine, no network, no write: made for CI.
 */
export async function checkCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const config = await loadCliConfig(args, io);
  const report = await checkJobLazily(config);
  io.stdout(args.flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheck(report, painter(io, 'stdout')));
  return report.ok ? ExitCode.ok : ExitCode.strict;
}

function formatCheck(report: CheckReport, paint: Paint): string {
  if (report.ok) return 'Check passed: every key is translated, current and clean, and the bundles are up to date.\n';
  const out: string[] = [`Check ${paint(['bold', 'red'], 'FAILED')}:`];
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    out.push('', `${title} (${items.length}):`, ...items.slice(0, 30).map((item) => `  ${item}`));
    if (items.length > 30) out.push(`  … and ${items.length - 30} more (see --json)`);
  };
  list('untranslated keys — run `tilmash run` with an engine, or add translations to the TM', report.untranslated.map((k) => `${k.locale} ${k.namespace}.${k.key}`));
  list('stale keys — the source changed since the translation', report.stale.map((k) => `${k.locale} ${k.namespace}.${k.key}`));
  list('QA errors', report.qaErrors.map((f) => `${f.locale} ${f.namespace}.${f.key} ${f.check}: ${f.message}`));
  list('files `tilmash run` would change — run it and commit the result', report.outdatedFiles);
  return `${out.join('\n')}\n`;
}
