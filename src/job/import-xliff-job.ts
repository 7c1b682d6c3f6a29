import { decodeXmlBytes } from '../exchange/xml-bytes.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { place, TilmashError } from '../errors.js';
import { tmxLangMatches } from '../exchange/tmx-import.js';
import { importXliff } from '../exchange/xliff-import.js';
import type { ImportedXliffFile, ImportedXliffUnit } from '../exchange/xliff-types.js';
import { joinPieces, verifyPieces } from '../protect/index.js';
import { loadDocuments } from './load-documents.js';
import { TranslationMemory, type TmEntry, type TmStatus } from '../tm/index.js';
import { segmentRefs, type SegmentRef } from './export-xliff-job.js';
import { runJob } from './run-job.js';

export interface ImportXliffJobOptions {
  config: ResolvedConfig;
  /** Absolute path of the XLIFF file. */
  file: string;
  /** How messages name the file (as the user typed it). */
  fileLabel: string;
  /** The clock for TM dates (tests fix it). */
  now?: () => Date;
}

/** The machine-readable result of `tilmash xliff import` (printed by `--json`). Field names are an API. */
export interface XliffImportReport {
  /** A journal left by an interrupted import or run was folded into the TM and the bundles rebuilt. */
  completedInterrupted?: boolean;
  file: string;
  /** Target locales of the file's `<file>` elements. */
  locales: string[];
  /** Entries recorded in the TM, by the status they got. */
  recorded: { translated: number; reviewed: number; needsReview: number };
  /** Units whose translation the TM already had with the same status. */
  unchanged: number;
  /** Units not recorded: no target, or a state that is not final (`new`, `needs-translation`, `needs-review-translation`, none). */
  skipped: number;
  /** `skipped` per reason: the unit's state, `no-state` or `no-target`. */
  skippedBy: Record<string, number>;
  /** Units recorded as needs-review because their target lost or added a placeholder or tag. */
  needsReview: Array<{ locale: string; id: string; line: number; problems: string[] }>;
  /** Files written (TM, bundles, ledgers), relative to the project root. */
  writtenFiles: string[];
  /** Keys the bundles still leave out because QA holds them back (e.g. the needs-review units). */
  heldKeys: Array<{ locale: string; namespace: string; key: string }>;
}

const ORIGIN = 'import:xliff';
const MAX_STALE_SHOWN = 20;

/**
 * `tilmash xliff import`: a person's translations back into the TM, then the bundles rebuilt from the
 * TM with no engine. The whole file is refused (nothing recorded) when a unit's source is no longer
 * the project's current segment: its translation would be recorded for a text nobody translated.
 * `translated` → TM `translated`; `signed-off`, `final` or `approved="yes"` → `reviewed`; other
 * states are skipped. A target whose placeholders or tags differ from the source is recorded
 * `needs-review` with the problems as findings, so the run holds it back from the bundles.
 */
export async function importXliffJob(options: ImportXliffJobOptions): Promise<XliffImportReport> {
  const { config, fileLabel } = options;
  const now = options.now ?? (() => new Date());
  const imported = importXliff(readText(options.file, fileLabel), fileLabel);
  const documents = loadDocuments(config);

  // Resolve every unit first: a stale unit rejects the whole file before anything is recorded.
  const resolved: Array<{ target: ResolvedTarget; unit: ImportedXliffUnit; ref: SegmentRef }> = [];
  const stale: string[] = [];
  const refsByLocale = new Map<string, Map<string, SegmentRef>>();
  for (const file of imported) {
    const target = targetOf(file, config, fileLabel);
    let refs = refsByLocale.get(target.locale);
    if (!refs) refsByLocale.set(target.locale, (refs = new Map(segmentRefs(documents, target, config.sourceLocale).map((r) => [r.id, r]))));
    for (const unit of file.units) {
      const ref = refs.get(unit.id);
      const where = `${place(fileLabel, unit.line)}: unit "${unit.id}" (${target.locale})`;
      if (!ref) {
        stale.push(`${where}: no such key or segment in the current sources`);
        continue;
      }
      const source = joinPieces(unit.sourcePieces, ref.unit.syntax).normalize('NFC');
      if (source !== ref.text) stale.push(`${where}: the source was ${JSON.stringify(source)}, it is now ${JSON.stringify(ref.text)} (${ref.document.file}:${ref.unit.line})`);
      else resolved.push({ target, unit, ref });
    }
  }
  if (stale.length > 0) {
    const listed = stale.slice(0, MAX_STALE_SHOWN).map((s) => `  ${s}\n`).join('') + (stale.length > MAX_STALE_SHOWN ? `  … and ${stale.length - MAX_STALE_SHOWN} more units\n` : '');
    throw new TilmashError(
      'usage',
      `${fileLabel}: the sources changed since this XLIFF was exported:\n${listed}Nothing was imported. Export a fresh XLIFF (\`tilmash xliff export\`), carry the translations over (the CAT tool's TM does it), and import that.`,
      { file: fileLabel },
    );
  }

  const tm = await TranslationMemory.open(config.tmDir, config.sourceLocale);
  const stamp = now().toISOString();
  const report: XliffImportReport = {
    file: fileLabel,
    locales: [...refsByLocale.keys()],
    recorded: { translated: 0, reviewed: 0, needsReview: 0 },
    unchanged: 0,
    skipped: 0,
    skippedBy: {},
    needsReview: [],
    writtenFiles: [],
    heldKeys: [],
  };
  const toRecord = new Map<string, Map<string, TmEntry>>();
  for (const { target, unit, ref } of resolved) {
    const skip = (reason: string) => {
      report.skipped++;
      report.skippedBy[reason] = (report.skippedBy[reason] ?? 0) + 1;
    };
    const text = unit.targetPieces ? joinPieces(unit.targetPieces, ref.unit.syntax).normalize('NFC') : '';
    if (text.trim() === '') {
      skip('no-target');
      continue;
    }
    const wanted = statusOf(unit);
    if (!wanted) {
      skip(unit.state ?? 'no-state');
      continue;
    }
    const problems = verifyPieces(ref.text, text, ref.unit.syntax);
    const status: TmStatus = problems.length > 0 ? 'needs-review' : wanted;
    const existing = tm.lookup(target.locale, ref.text);
    // Same text already there: nothing to do (a reviewed entry is not downgraded to translated).
    if (existing?.target === text && (existing.status === status || existing.status === 'reviewed')) {
      report.unchanged++;
      continue;
    }
    const entry: TmEntry = {
      source: ref.text,
      target: text,
      origin: ORIGIN,
      status,
      created: existing?.created ?? stamp,
      changed: stamp,
      ...(problems.length > 0 ? { findings: problems.map((message) => ({ check: 'placeholders', severity: 'error' as const, message })) } : {}),
    };
    let entries = toRecord.get(target.locale);
    if (!entries) toRecord.set(target.locale, (entries = new Map()));
    entries.set(ref.text, entry); // the same segment twice in the file: the later unit wins
    if (problems.length > 0) report.needsReview.push({ locale: target.locale, id: unit.id, line: unit.line, problems });
  }
  // A killed import (or run) left its entries in the journal: this import completes it.
  const interrupted = tm.hasUnsavedChanges();
  for (const [locale, entries] of toRecord) {
    for (const entry of entries.values()) report.recorded[entry.status === 'needs-review' ? 'needsReview' : entry.status === 'reviewed' ? 'reviewed' : 'translated']++;
    await tm.record(locale, [...entries.values()]);
  }
  if (toRecord.size === 0 && !interrupted) return report; // nothing new: the bundles are what they were
  if (interrupted) report.completedInterrupted = true;

  const tmFiles = (await tm.save()).map((file) => path.relative(config.rootDir, file));
  const run = await runJob({ config, now });
  report.writtenFiles = [...new Set([...tmFiles, ...run.writtenFiles])].sort();
  for (const locale of run.locales) {
    if (!report.locales.includes(locale.locale)) continue;
    for (const key of locale.incompleteKeys) if (key.reason === 'qa') report.heldKeys.push({ locale: locale.locale, namespace: key.namespace, key: key.key });
  }
  return report;
}

function statusOf(unit: ImportedXliffUnit): TmStatus | undefined {
  if (unit.approved || unit.state === 'signed-off' || unit.state === 'final') return 'reviewed';
  return unit.state === 'translated' ? 'translated' : undefined;
}

/** The config target a `<file>`'s target-language names (`kk`, or a CAT tool's `kk-KZ`). */
function targetOf(file: ImportedXliffFile, config: ResolvedConfig, fileLabel: string): ResolvedTarget {
  if (!tmxLangMatches(file.sourceLocale, config.sourceLocale)) {
    throw new TilmashError('usage', `${fileLabel}: <file original="${file.original}"> has source-language "${file.sourceLocale}", but the project's source locale is ${config.sourceLocale}. Import an XLIFF exported from this project.`, { file: fileLabel });
  }
  const lower = file.targetLocale.toLowerCase();
  const exact = config.targets.find((t) => t.locale.toLowerCase() === lower);
  const close = config.targets.filter((t) => tmxLangMatches(file.targetLocale, t.locale));
  const target = exact ?? (close.length === 1 ? close[0] : undefined);
  if (!target) {
    throw new TilmashError(
      'usage',
      `${fileLabel}: <file original="${file.original}"> has target-language "${file.targetLocale}", which is not a target locale of the config (${config.targets.map((t) => t.locale).join(', ')}). Add it to \`targets\` or import the right file.`,
      { file: fileLabel },
    );
  }
  return target;
}

/** The file as text: UTF-8 (BOM optional) or UTF-16 with a BOM. */
function readText(file: string, label: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new TilmashError('usage', `${label}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Give the path of an XLIFF file.`, { file: label, cause: error });
  }
  return decodeXmlBytes(bytes, label, 'usage');
}
