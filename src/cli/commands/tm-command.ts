import path from 'node:path';
import { ExitCode, TilmashError } from '../../errors.js';
import { exportTmxJob, importTmxJob, type TmxExportReport, type TmxImportReport } from '../../workflows/tmx/tmx-jobs.js';
import type { CliIo } from '../cli-io.js';
import { exchangeAction, shownFromRoot } from '../exchange-args.js';
import { loadCliConfig } from '../load-cli-config.js';
import { withCanonicalLocales } from '../locale-args.js';
import type { ParsedArgs } from '../parse-args.js';
import { asProjectWriter } from '../project-lock-cli.js';

const USAGE = 'Use `tilmash tm export [--locale kk,zh] [--out tilmash.tmx]`, `tilmash tm import <file.tmx>`, `tilmash tm push` or `tilmash tm pull`.';
const SHOWN_CONFLICTS = 30;

/**
 * `tilmash tm export`: the TM as one TMX 1.4 file. `tilmash tm import <file>`: a TMX file's entries
 * into the TM (a person's translation is never replaced); the next `tilmash run` uses them.
 */
export async function tmCommand(given: ParsedArgs, io: CliIo, toolVersion: string): Promise<number> {
  const sync = given.positionals[0];
  if (sync === 'push' || sync === 'pull') return tmSyncCommand(sync, given, io);
  const command = exchangeAction(given, 'tm', 'TMX file', USAGE);
  const config = await loadCliConfig(given, io);
  const args = withCanonicalLocales(given, config);

  if (command.action === 'export') {
    const report = await exportTmxJob({
      config,
      ...(args.flags.locale ? { locales: args.flags.locale } : {}),
      outFile: args.flags.out ? path.resolve(io.cwd, args.flags.out) : path.join(config.rootDir, 'tilmash.tmx'),
      toolVersion,
    });
    io.stdout(args.flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatExport(report, shownFromRoot(io, config.rootDir)));
    return ExitCode.ok;
  }
  const report = await asProjectWriter(config.rootDir, 'tm import', args, io, () => importTmxJob({ config, file: path.resolve(io.cwd, command.file), fileLabel: command.file }));
  io.stdout(args.flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatImport(report));
  return ExitCode.ok;
}

/** `tilmash tm push|pull`: the file TM into the shared TM, or back (under the project lock: pull writes tm/). */
async function tmSyncCommand(action: 'push' | 'pull', given: ParsedArgs, io: CliIo): Promise<number> {
  if (given.positionals.length > 1) throw new TilmashError('usage', `Unexpected argument '${given.positionals[1]}' for \`tilmash tm ${action}\`. ${USAGE}`);
  const config = await loadCliConfig(given, io);
  const { pushTmJob, pullTmJob } = await import('../../workflows/tm-sync/tm-sync-jobs.js');
  const report = action === 'push' ? await pushTmJob(config) : await asProjectWriter(config.rootDir, 'tm pull', given, io, () => pullTmJob(config));
  const total = report.locales.reduce((n, l) => n + l.entries, 0);
  const summary = `${action === 'push' ? 'Pushed' : 'Pulled'} ${total} entries (${report.locales.map((l) => `${l.locale} ${l.entries}`).join(', ') || 'none'}) ${action === 'push' ? 'to' : 'from'} ${report.database}.\n`;
  io.stdout(given.flags.json ? `${JSON.stringify(report, null, 2)}\n` : summary);
  return ExitCode.ok;
}

function formatExport(report: TmxExportReport, shown: (file: string) => string): string {
  const locales = report.locales.map((l) => `${l.locale} ${l.entries}`).join(', ');
  return `TMX export: ${shown(report.path)} — ${report.units} units (${locales})${report.written ? '' : ', unchanged'}.\n`;
}

function formatImport(report: TmxImportReport): string {
  const recorded = Object.entries(report.recorded);
  const total = recorded.reduce((n, [, count]) => n + count, 0);
  const out = [
    `Imported ${report.file}: recorded ${total}${recorded.length > 0 ? ` (${recorded.map(([locale, n]) => `${locale} ${n}`).join(', ')})` : ''}, ` +
      `unchanged ${report.unchanged}, conflicts ${report.conflicts.length}, skipped ${report.skipped.length} unit${report.skipped.length === 1 ? '' : 's'}.`,
  ];
  for (const warning of report.warnings) out.push(`Warning: ${warning}.`);
  if (report.conflicts.length > 0) {
    out.push('', 'Conflicts — the TM keeps its translation by a person:');
    for (const c of report.conflicts.slice(0, SHOWN_CONFLICTS)) {
      out.push(`  ${c.locale} ${JSON.stringify(c.source)}`, `      TM:   ${JSON.stringify(c.kept.target)} (${c.kept.status}, ${c.kept.origin})`, `      file: ${JSON.stringify(c.offered.target)}`);
    }
    if (report.conflicts.length > SHOWN_CONFLICTS) out.push(`  … and ${report.conflicts.length - SHOWN_CONFLICTS} more (see --json)`);
  }
  if (report.skipped.length > 0) {
    out.push('', 'Skipped:');
    for (const s of report.skipped.slice(0, SHOWN_CONFLICTS)) out.push(`  ${report.file}:${s.line} (tu ${s.tu}): ${s.reason}`);
    if (report.skipped.length > SHOWN_CONFLICTS) out.push(`  … and ${report.skipped.length - SHOWN_CONFLICTS} more (see --json)`);
  }
  if (total > 0) out.push('', 'The bundles are not changed yet: the next `tilmash run` uses the new entries (no engine needed for them).');
  return `${out.join('\n')}\n`;
}
