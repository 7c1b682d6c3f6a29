import type { JobReport } from '../job/job-report.js';

/** The end-of-run table, one row per locale, then what needs a human. */
export function formatSummary(report: JobReport, options: { title: string; listMissing: boolean }): string {
  const header = ['locale', 'segments', 'from TM', 'translated', 'missing', report.dryRun ? 'chars to bill' : 'chars billed'];
  const rows = report.locales.map((l) => [l.locale, l.segments, l.fromTm, l.translated, l.missing, l.billedCharacters].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const out = [options.title, line(header), ...rows.map(line)];
  out.push(`engine: ${report.engine ?? 'none (TM only; set DEEPL_AUTH_KEY to translate what is missing)'}`);
  for (const u of report.usage ?? []) {
    out.push(`${u.engine} quota: ${u.characterCount} of ${u.characterLimit} characters used, ${u.remaining} remain; this run ${report.dryRun ? 'would bill' : 'plans'} ${u.toBill}`);
  }
  if (options.listMissing) {
    for (const locale of report.locales) {
      if (locale.missingSegments.length === 0) continue;
      out.push('', `${locale.locale}: ${locale.missingSegments.length} segment(s) need a translation:`);
      for (const m of locale.missingSegments.slice(0, 20)) {
        const where = m.uses.map((u) => `${u.namespace}.${u.key}`).join(', ');
        out.push(`  ${where}: ${m.source}`);
      }
      if (locale.missingSegments.length > 20) out.push(`  … and ${locale.missingSegments.length - 20} more (see --json)`);
    }
  }
  for (const p of report.problems) out.push(`error: ${p.locale} ${p.namespace}.${p.key} ${p.message}; left out of the bundle`);
  if (!report.dryRun) {
    out.push('', report.writtenFiles.length === 0 ? 'No file changed.' : `Wrote ${report.writtenFiles.length} file(s): ${report.writtenFiles.join(', ')}`);
  }
  if (report.failure) out.push('', `FAILED: ${report.failure.message}`);
  return `${out.join('\n')}\n`;
}
