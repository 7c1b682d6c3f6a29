import type { JobReport } from '../job/job-report.js';

/** The end-of-run table, one row per locale, then what needs a human. */
export function formatSummary(report: JobReport, options: { title: string; listMissing: boolean }): string {
  const header = ['locale', 'segments', 'from TM', 'translated', 'missing', 'QA errors', 'warnings', report.dryRun ? 'chars to bill' : 'chars billed'];
  const count = (locale: string, severity: string) => report.findings.filter((f) => f.locale === locale && f.severity === severity).length;
  const rows = report.locales.map((l) => [l.locale, l.segments, l.fromTm, l.translated, l.missing, count(l.locale, 'error'), count(l.locale, 'warn'), l.billedCharacters].map(String));
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
  const shown = report.findings.filter((f) => f.severity !== 'info');
  if (shown.length > 0) {
    out.push('', `QA: ${shown.length} finding(s); keys with an error are held back from the bundles:`);
    for (const f of shown.slice(0, 30)) out.push(`  ${f.severity} ${f.check} ${f.locale} ${f.namespace}.${f.key}: ${f.message}`);
    if (shown.length > 30) out.push(`  … and ${shown.length - 30} more (see --json)`);
  }
  const reviewed = report.locales.filter((l) => l.needsReview > 0 || l.retried > 0);
  for (const l of reviewed) out.push(`${l.locale}: ${l.retried} segment(s) re-sent with another placeholder protection, ${l.needsReview} recorded as needs-review`);
  if (report.humanEdits > 0) out.push(`${report.humanEdits} segment(s) edited by hand in the bundles were recorded in the TM as human translations.`);
  if (!report.dryRun) {
    out.push('', report.writtenFiles.length === 0 ? 'No file changed.' : `Wrote ${report.writtenFiles.length} file(s): ${report.writtenFiles.join(', ')}`);
    if (report.removedFiles.length > 0) out.push(`Removed ${report.removedFiles.length} bundle(s) whose source is gone: ${report.removedFiles.join(', ')}`);
  }
  for (const notice of report.notices ?? []) out.push(`note: ${notice}`);
  const billed = report.locales.reduce((n, l) => n + l.billedCharacters, 0);
  const useful = report.locales.reduce((n, l) => n + (l.usefulCharacters ?? l.billedCharacters), 0);
  if (!report.dryRun && billed !== useful) out.push(`Billed ${billed} characters; ${useful} of them for answers kept (the rest were rejected and sent again).`);
  if (report.failure) out.push('', `FAILED: ${report.failure.message}`);
  return `${out.join('\n')}\n`;
}
