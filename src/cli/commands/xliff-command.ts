import path from 'node:path';
import { ExitCode } from '../../errors.js';
import { exportXliffJob, type XliffExportReport } from '../../workflows/xliff/export-xliff-job.js';
import { importXliffJob, type XliffImportReport } from '../../workflows/xliff/import-xliff-job.js';
import type { CliIo } from '../cli-io.js';
import { exchangeAction, shownFromRoot } from '../exchange-args.js';
import { loadCliConfig } from '../load-cli-config.js';
import { withCanonicalLocales } from '../locale-args.js';
import type { ParsedArgs } from '../parse-args.js';
import { importLocaleFlag, stateModelFlags, targetModeFlag } from './xliff-options.js';
import { asProjectWriter } from '../project-lock-cli.js';

const USAGE =
  'Use `tilmash xliff export [--locale kk,zh] [--out xliff] [--target-mode empty|source]` or `tilmash xliff import <file.xlf> [--locale kk] [--state-default translated|reviewed|skip] [--approved-as translated|reviewed] [--strict]`.';

/**
 * `tilmash xliff export`: per target locale, `xliff/<locale>.xlf` with what needs a person.
 * `tilmash xliff import <file>`: their translations into the TM, then the bundles rebuilt (no engine).
 */
export async function xliffCommand(given: ParsedArgs, io: CliIo, toolVersion: string): Promise<number> {
  const command = exchangeAction(given, 'xliff', 'XLIFF file', USAGE);
  const config = await loadCliConfig(given, io);
  const args = withCanonicalLocales(given, config);
  const shown = shownFromRoot(io, config.rootDir);

  if (command.action === 'export') {
    const report = await exportXliffJob({
      config,
      ...(args.flags.locale ? { locales: args.flags.locale } : {}),
      outDir: args.flags.out ? path.resolve(io.cwd, args.flags.out) : path.join(config.rootDir, 'xliff'),
      toolVersion,
      ...(targetModeFlag(args) ? { targetMode: targetModeFlag(args) } : {}),
    });
    io.stdout(args.flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatExport(report, shown));
    return ExitCode.ok;
  }
  const locale = importLocaleFlag(args);
  const report = await asProjectWriter(config.rootDir, 'xliff import', args, io, () => importXliffJob({ config, file: path.resolve(io.cwd, command.file), fileLabel: command.file, stateModel: stateModelFlags(args), ...(locale ? { locale } : {}) }));
  io.stdout(args.flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatImport(report, shown));
  if (args.flags.strict && report.skipped > 0) {
    io.stderr(`--strict: ${report.skipped} unit${report.skipped === 1 ? ' was' : 's were'} skipped (${Object.entries(report.skippedBy).map(([reason, n]) => `${n} ${reason}`).join(', ')}).\n`);
    return ExitCode.strict;
  }
  return ExitCode.ok;
}

function formatExport(report: XliffExportReport, shown: (file: string) => string): string {
  const out = ['XLIFF export:'];
  for (const file of report.files) {
    if (file.units === 0) {
      out.push(`  nothing to translate for ${file.locale} (${shown(file.path)} has no units)`);
      continue;
    }
    const states = Object.entries(file.states).map(([state, n]) => `${n} ${state}`).join(', ');
    out.push(`  ${shown(file.path)}  ${file.units} unit${file.units === 1 ? '' : 's'}: ${states}`);
  }
  if (report.files.some((f) => f.units > 0)) out.push('', 'Translate them in a CAT tool, mark them translated (or signed-off/final), then run `tilmash xliff import <file>`.');
  return `${out.join('\n')}\n`;
}

function formatImport(report: XliffImportReport, shown: (file: string) => string): string {
  const { recorded } = report;
  const skipped = Object.entries(report.skippedBy).map(([reason, n]) => `${n} ${reason}`).join(', ');
  const out = [
    `Imported ${report.file} (${report.locales.join(', ')}): recorded ${recorded.translated} translated, ${recorded.reviewed} reviewed, ${recorded.needsReview} needs-review; ` +
      `${report.unchanged} unchanged; skipped ${report.skipped}${skipped ? ` (${skipped})` : ''}.`,
  ];
  for (const warning of report.warnings) out.push(`Warning: ${warning}.`);
  if (report.skippedReasons.length > 0) {
    out.push('', 'Skipped:');
    for (const reason of report.skippedReasons) out.push(`  ${reason.units} ${reason.reason}: ${reason.hint}`);
  }
  if (report.infos.length > 0) {
    out.push('', 'Recorded although the state said otherwise:');
    for (const info of report.infos.slice(0, 20)) out.push(`  ${report.file}:${info.line} ${info.locale} ${info.id}: ${info.message}`);
    if (report.infos.length > 20) out.push(`  … and ${report.infos.length - 20} more (see --json)`);
  }
  if (report.needsReview.length > 0) {
    out.push('', 'Recorded as needs-review — placeholders or tags differ from the source; held back from the bundles until fixed:');
    for (const unit of report.needsReview) out.push(`  ${report.file}:${unit.line} ${unit.locale} ${unit.id}: ${unit.problems.join('; ')}`);
  }
  if (report.completedInterrupted) out.push('An earlier import or run was interrupted after recording translations: they were folded into the TM and the bundles rebuilt.');
  if (recorded.translated + recorded.reviewed + recorded.needsReview === 0 && !report.completedInterrupted) out.push('Nothing new to record: the TM and the bundles are unchanged.');
  else if (report.writtenFiles.length === 0) out.push('No file changed.');
  else out.push('', 'Written:', ...report.writtenFiles.map((file) => `  ${shown(file)}`));
  if (report.heldKeys.length > 0) out.push('', `Keys held back by QA: ${report.heldKeys.map((k) => `${k.locale} ${k.namespace}.${k.key}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
