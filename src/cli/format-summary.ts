import type { JobReport } from '../job/job-report.js';
import type { Paint } from './style.js';

export interface SummaryOptions {
  title: string;
  listMissing: boolean;
  /** Engines the environment and config give this run's locales (whether or not they were needed). */
  configuredEngines?: readonly string[];
  /** Colours (for stdout, decided by the caller); none by default. */
  paint?: Paint;
}

/** The end-of-run table, one row per locale, then what needs a human. */
export function formatSummary(report: JobReport, options: SummaryOptions): string {
  const paint: Paint = options.paint ?? ((_style, text) => text);
  const header = ['locale', 'segments', 'from TM', 'translated', 'missing', 'QA errors', 'warnings', report.dryRun ? 'chars to bill' : 'chars billed'];
  const count = (locale: string, severity: string) => report.findings.filter((f) => f.locale === locale && f.severity === severity).length;
  const rows = report.locales.map((l) => [l.locale, l.segments, l.fromTm, l.translated, l.missing, count(l.locale, 'error'), count(l.locale, 'warn'), l.billedCharacters].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const out = [options.title, line(header), ...rows.map(line)];
  out.push(engineLine(report, options.configuredEngines ?? []));
  const derived = report.locales.filter((l) => l.derivedFrom);
  if (derived.length > 0) out.push(`derived, no engine: ${derived.map((l) => `${l.locale} from ${l.derivedFrom?.locale} (${l.derivedFrom?.converter}${l.derived ? `, ${l.derived} converted` : ''})`).join(', ')}`);
  for (const u of report.usage ?? []) {
    out.push(`${u.engine} quota: ${u.characterCount} of ${u.characterLimit} characters used, ${u.remaining} remain; this run ${report.dryRun ? 'would bill' : 'plans'} ${u.toBill}`);
  }
  for (const t of report.tokens ?? []) {
    const cost = t.cost !== undefined ? `, cost ${t.cost}` : '';
    const what = report.dryRun ? `would use about${t.fallback ? ' (at most, as fallback)' : ''}` : `used${t.estimated ? ' (estimated)' : ''}`;
    out.push(`${t.engine} ${t.locale}: ${what} ${t.promptTokens} prompt + ${t.completionTokens} completion tokens in ${t.requests} request(s)${cost}`);
  }
  for (const f of report.fallbacks ?? []) out.push(`${f.locale}: ${f.segments} segment(s) handed from ${f.from} to ${f.to} (${f.reason})`);
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
  for (const p of report.problems) out.push(`${paint('red', 'error')}: ${p.locale} ${p.namespace}.${p.key} ${p.message}; left out of the bundle`);
  const shown = report.findings.filter((f) => f.severity !== 'info');
  if (shown.length > 0) {
    out.push('', `QA: ${shown.length} finding(s); keys with an error are held back from the bundles:`);
    for (const f of shown.slice(0, 30)) out.push(`  ${paint(f.severity === 'error' ? 'red' : 'yellow', f.severity)} ${f.check} ${f.locale} ${f.namespace}.${f.key}: ${f.message}`);
    if (shown.length > 30) out.push(`  … and ${shown.length - 30} more (see --json)`);
  }
  for (const l of report.locales) {
    const held = l.incompleteKeys.filter((k) => k.reason === 'qa').map((k) => `${k.namespace}.${k.key}`);
    if (held.length > 0) out.push(`${l.locale}: ${held.length} key(s) held back by QA: ${held.slice(0, 10).join(', ')}${held.length > 10 ? ` … and ${held.length - 10} more` : ''}`);
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
  if (report.failure) out.push('', `${paint(['bold', 'red'], 'FAILED')}: ${report.failure.message}`);
  return `${out.join('\n')}\n`;
}

/**
 * What the engine did, in words: which engine translated how much; that none was needed (all from
 * the TM, with or without a key); or that segments are missing and no engine is set up.
 */
function engineLine(report: JobReport, configured: readonly string[]): string {
  const translated = report.locales.reduce((n, l) => n + l.translated, 0);
  const missing = report.locales.reduce((n, l) => n + l.missing, 0);
  if (report.engine !== null) {
    if (report.dryRun) return `engine: ${report.engine} (would translate ${missing} segment(s))`;
    return `engine: ${report.engine} (${translated} segment(s) translated${missing > 0 ? `, ${missing} still missing` : ''})`;
  }
  if (missing === 0) return `engine: ${configured.length > 0 ? configured.join(', ') : 'none'} (not needed: everything from the TM)`;
  return configured.length > 0
    ? `engine: none for the locales with missing segments (${configured.join(', ')} serves others); set their engine in pipeline.config.ts`
    : 'engine: none (TM only; set DEEPL_AUTH_KEY to translate what is missing)';
}
