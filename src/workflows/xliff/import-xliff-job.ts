import { decodeXmlBytes } from '../../exchange/xml-bytes.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../../config/resolved-config.js';
import { place, TilmashError } from '../../errors.js';
import { tmxLangMatches } from '../../exchange/tmx-import.js';
import { importXliff } from '../../exchange/xliff-import.js';
import type { ImportedXliffFile, ImportedXliffUnit } from '../../exchange/xliff-types.js';
import { joinPieces, verifyPieces } from '../../protect/index.js';
import type { Piece } from '../../protect/protect-types.js';
import { decideUnitState, DEFAULT_STATE_MODEL, SKIP_HINTS, type SkipReason, type StateModelOptions } from '../../exchange/xliff-state-model.js';
import { loadDocuments } from '../../job/load-documents.js';
import { openJobTm } from '../../job/open-job-tm.js';
import { TranslationMemory, type TmEntry, type TmStatus } from '../../tm/index.js';
import { recordTogether, type TmStore } from '../../tm/tm-store.js';
import { segmentRefs, type SegmentRef } from './export-xliff-job.js';
import { runJob } from '../run/run-job.js';

export interface ImportXliffJobOptions {
  config: ResolvedConfig;
  /** Absolute path of the XLIFF file. */
  file: string;
  /** How messages name the file (as the user typed it). */
  fileLabel: string;
  /** How units without `state` and `approved="yes"` are taken (see `xliff-state-model.ts`). */
  stateModel?: Partial<StateModelOptions>;
  /** The target locale of `<file>`s that name none (po2xliff output): `--locale`. */
  locale?: string;
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
  /** Units not recorded (see `skippedBy` and `skippedReasons`). */
  skipped: number;
  /** `skipped` per reason: `no-target`, `same-as-source`, `no-state`, `needs-review-translation`. */
  skippedBy: Record<string, number>;
  /** Each reason with its count and what to do about it. */
  skippedReasons: Array<{ reason: SkipReason; units: number; hint: string }>;
  /** Every skipped unit. */
  skippedUnits: Array<{ locale: string; id: string; line: number; reason: SkipReason }>;
  /** Units that are not segments: the PO header unit po2xliff adds. */
  ignored: number;
  /** Things about the file itself, e.g. a converter's wrong source-language. */
  warnings: string[];
  /** Info findings: units recorded although the file's state said otherwise, and why. */
  infos: Array<{ locale: string; id: string; line: number; message: string }>;
  /** Units recorded as needs-review because their target lost or added a placeholder or tag. */
  needsReview: Array<{ locale: string; id: string; line: number; problems: string[] }>;
  /** Files written (TM, bundles, ledgers), relative to the project root. */
  writtenFiles: string[];
  /** Keys the bundles still leave out because QA holds them back (e.g. the needs-review units). */
  heldKeys: Array<{ locale: string; namespace: string; key: string }>;
}

const ORIGIN = 'import:xliff';
const MAX_STALE_SHOWN = 20;

interface ResolvedUnit {
  target: ResolvedTarget;
  unit: ImportedXliffUnit;
  ref: SegmentRef;
  fromReview: boolean;
}

/**
 * `tilmash xliff import`: a person's translations back into the TM, then the bundles rebuilt from the
 * TM with no engine. Units are matched by our id wherever the tool kept it (`id`, `resname`, a
 * `<context-group purpose="location">` context; the old `#n` ids are read too). The whole file is
 * refused (nothing recorded) when a unit's source is no longer the project's current segment (its
 * translation would be recorded for a text nobody translated) or a unit names no segment at all.
 * What each unit's state means is `decideUnitState` (xliff-state-model.ts). A target whose
 * placeholders or tags differ from the source is recorded `needs-review` with the problems as
 * findings, so the run holds it back from the bundles.
 */
export async function importXliffJob(options: ImportXliffJobOptions): Promise<XliffImportReport> {
  const { config, fileLabel } = options;
  const now = options.now ?? (() => new Date());
  const model: StateModelOptions = { ...DEFAULT_STATE_MODEL, ...options.stateModel };
  const imported = importXliff(readText(options.file, fileLabel), fileLabel);
  const warnings: string[] = [];
  const { resolved, locales, ignored } = resolveUnits(imported, config, fileLabel, options.locale, warnings);

  // Every unit is matched and checked above, before the TM (either store) is opened: a refused file touches nothing.
  const tm = await openImportTm(config, resolved);
  const stamp = now().toISOString();
  const report: XliffImportReport = {
    file: fileLabel,
    locales,
    recorded: { translated: 0, reviewed: 0, needsReview: 0 },
    unchanged: 0,
    skipped: 0,
    skippedBy: {},
    skippedReasons: [],
    skippedUnits: [],
    ignored,
    warnings,
    infos: [],
    needsReview: [],
    writtenFiles: [],
    heldKeys: [],
  };
  let tmFiles: string[];
  try {
    const toRecord = decideUnits(resolved, tm, model, stamp, report);
    report.skippedReasons = Object.entries(report.skippedBy).map(([reason, units]) => ({ reason: reason as SkipReason, units, hint: SKIP_HINTS[reason as SkipReason] }));
    // A killed import (or run) left its entries in the journal: this import completes it.
    const interrupted = tm instanceof TranslationMemory && tm.hasUnsavedChanges();
    for (const entries of toRecord.values()) {
      for (const entry of entries.values()) report.recorded[entry.status === 'needs-review' ? 'needsReview' : entry.status === 'reviewed' ? 'reviewed' : 'translated']++;
    }
    // The shared TM: every locale's entries in one transaction (all or nothing); the file TM: its journal.
    await recordTogether(tm, new Map([...toRecord].map(([locale, entries]) => [locale, [...entries.values()]])));
    if (toRecord.size === 0 && !interrupted) return report; // nothing new: the bundles are what they were
    if (interrupted) report.completedInterrupted = true;
    tmFiles = (await tm.save()).map((file) => path.relative(config.rootDir, file));
  } finally {
    await tm.close(); // the shared TM's pool; runJob opens its own
  }
  const run = await runJob({ config, now });
  report.writtenFiles = [...new Set([...tmFiles, ...run.writtenFiles])].sort();
  for (const locale of run.locales) {
    if (!report.locales.includes(locale.locale)) continue;
    for (const key of locale.incompleteKeys) if (key.reason === 'qa') report.heldKeys.push({ locale: locale.locale, namespace: key.namespace, key: key.key });
  }
  return report;
}

/**
 * The TM the import records into: the file TM, or the shared TM in PostgreSQL (`tm.store` /
 * `TILMASH_TM_URL`) with the entries of the file's segments loaded, so a unit is compared with what
 * the whole shared TM holds for it.
 */
async function openImportTm(config: ResolvedConfig, resolved: readonly ResolvedUnit[]): Promise<TmStore> {
  const tm = await openJobTm(config);
  if (!tm.needsPrefetch) return tm;
  try {
    const byLocale = new Map<string, string[]>();
    for (const { target, ref } of resolved) {
      let sources = byLocale.get(target.locale);
      if (!sources) byLocale.set(target.locale, (sources = []));
      sources.push(ref.text);
    }
    for (const [locale, sources] of byLocale) await tm.prefetch(locale, sources);
    return tm;
  } catch (error) {
    await tm.close();
    throw error;
  }
}

/** What each unit means for the TM (`decideUnitState`); skips, infos and needs-review units go into `report`. */
function decideUnits(resolved: readonly ResolvedUnit[], tm: TmStore, model: StateModelOptions, stamp: string, report: XliffImportReport): Map<string, Map<string, TmEntry>> {
  const toRecord = new Map<string, Map<string, TmEntry>>();
  for (const { target, unit, ref, fromReview } of resolved) {
    const text = unit.targetPieces ? targetText(unit.targetPieces, ref) : '';
    const existing = tm.lookup(target.locale, ref.text);
    const decision = decideUnitState({ state: unit.state, approved: unit.approved, fromReview, target: text, source: ref.text, tmTarget: existing?.target }, model);
    if ('skip' in decision) {
      report.skipped++;
      report.skippedBy[decision.skip] = (report.skippedBy[decision.skip] ?? 0) + 1;
      report.skippedUnits.push({ locale: target.locale, id: unit.id, line: unit.line, reason: decision.skip });
      continue;
    }
    if (decision.info) report.infos.push({ locale: target.locale, id: unit.id, line: unit.line, message: decision.info });
    const problems = verifyPieces(ref.text, text, ref.unit.syntax);
    const status: TmStatus = problems.length > 0 ? 'needs-review' : decision.status;
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
  return toRecord;
}

/**
 * Every unit matched to the project's current segment, or the whole file refused: a unit whose
 * source changed, or one that names no segment (by id, resname or location) of the current sources.
 */
function resolveUnits(
  imported: readonly ImportedXliffFile[],
  config: ResolvedConfig,
  fileLabel: string,
  locale: string | undefined,
  warnings: string[],
): { resolved: ResolvedUnit[]; locales: string[]; ignored: number } {
  const documents = loadDocuments(config);
  let ignored = 0;
  const resolved: ResolvedUnit[] = [];
  const stale: string[] = [];
  const unknown: string[] = [];
  const refsByLocale = new Map<string, Map<string, SegmentRef>>();
  for (const file of imported) {
    const target = targetOf(file, config, fileLabel, locale, warnings);
    let refs = refsByLocale.get(target.locale);
    if (!refs) refsByLocale.set(target.locale, (refs = segmentRefMap(segmentRefs(documents, target, config.sourceLocale))));
    for (const unit of file.units) {
      if (unit.restype === 'x-gettext-domain-header') {
        ignored++;
        continue;
      }
      const ref = findRef(unit, refs);
      const where = `${place(fileLabel, unit.line)}: unit "${unit.id}" (${target.locale})`;
      if (!ref) {
        const names = [unit.resname, ...unit.locations].filter((name) => name !== undefined && name !== unit.id);
        unknown.push(`${where}${names.length > 0 ? `, also named ${names.map((n) => JSON.stringify(n)).join(', ')}` : ''}`);
        continue;
      }
      const source = sourceText(unit.sourcePieces, ref);
      if (source !== ref.text) stale.push(`${where}: the source was ${JSON.stringify(source)}, it is now ${JSON.stringify(ref.text)} (${ref.document.file}:${ref.unit.line})`);
      else resolved.push({ target, unit, ref, fromReview: file.fromReview });
    }
  }
  if (stale.length > 0 || unknown.length > 0) throw refusal(fileLabel, stale, unknown);
  return { resolved, locales: [...refsByLocale.keys()], ignored };
}

/**
 * Pieces as text in the unit's syntax. A CAT tool (or xliff2po → po2xliff) may flatten an inline
 * code to plain text: `{count}` then arrives as text, which ICU escaping would quote. The one rule
 * for i18next and ICU alike: such text is read as written when that gives the source's segment
 * (for a source) or keeps the source's placeholders (for a target).
 */
function sourceText(pieces: readonly Piece[], ref: SegmentRef): string {
  const escaped = joinPieces(pieces, ref.unit.syntax).normalize('NFC');
  if (escaped === ref.text || ref.unit.syntax !== 'icu') return escaped;
  const raw = rawText(pieces);
  return raw === ref.text ? raw : escaped;
}

function targetText(pieces: readonly Piece[], ref: SegmentRef): string {
  const escaped = joinPieces(pieces, ref.unit.syntax).normalize('NFC');
  if (ref.unit.syntax !== 'icu' || verifyPieces(ref.text, escaped, 'icu').length === 0) return escaped;
  const raw = rawText(pieces);
  return verifyPieces(ref.text, raw, 'icu').length === 0 ? raw : escaped;
}

/** Text pieces as written (no ICU escaping), codes as their raw text. */
function rawText(pieces: readonly Piece[]): string {
  return pieces.map((piece) => (piece.type === 'text' ? piece.text : piece.raw)).join('').normalize('NFC');
}

/** Our ids, with the `.n` segment suffix; the `#n` of older exports maps to the same unit. */
function segmentRefMap(refs: readonly SegmentRef[]): Map<string, SegmentRef> {
  const map = new Map<string, SegmentRef>();
  for (const ref of refs) if (!map.has(ref.id)) map.set(ref.id, ref);
  return map;
}

function findRef(unit: ImportedXliffUnit, refs: ReadonlyMap<string, SegmentRef>): SegmentRef | undefined {
  for (const name of [unit.id, unit.resname, ...unit.locations]) {
    if (name === undefined) continue;
    // A PO location may carry a line (`ui.app.title.1:12`) and an old id its `#n` (also `%23n` once through PO).
    for (const candidate of [name, name.replace(/(?:#|%23)(\d+)$/, '.$1'), name.replace(/:\d+$/, '').replace(/(?:#|%23)(\d+)$/, '.$1')]) {
      const ref = refs.get(candidate);
      if (ref) return ref;
    }
  }
  return undefined;
}

function listed(lines: readonly string[]): string {
  return lines.slice(0, MAX_STALE_SHOWN).map((s) => `  ${s}\n`).join('') + (lines.length > MAX_STALE_SHOWN ? `  … and ${lines.length - MAX_STALE_SHOWN} more units\n` : '');
}

function refusal(fileLabel: string, stale: readonly string[], unknown: readonly string[]): TilmashError {
  const parts: string[] = [];
  if (stale.length > 0) parts.push(`the sources changed since this XLIFF was exported:\n${listed(stale)}`);
  if (unknown.length > 0) {
    parts.push(
      `${unknown.length} unit${unknown.length === 1 ? '' : 's'} name${unknown.length === 1 ? 's' : ''} no segment of the current sources ` +
        `(by id, resname or <context-group purpose="location">; a key removed from the sources, or a tool that renumbered the units and kept our ids nowhere):\n${listed(unknown)}`,
    );
  }
  const fix =
    stale.length > 0
      ? 'Export a fresh XLIFF (`tilmash xliff export`), carry the translations over (the CAT tool\'s TM does it), and import that.'
      : 'Import an XLIFF exported from this project; a converter must keep the unit ids (po2xliff keeps them as locations when the PO kept its `#:` references).';
  return new TilmashError('usage', `${fileLabel}: ${parts.join('')}Nothing was imported. ${fix}`, { file: fileLabel });
}

/**
 * The config target a `<file>`'s target-language names (`kk`, or a CAT tool's `kk-KZ`); `--locale`
 * for a file that names none (po2xliff). Such a converter also writes its own default
 * source-language (`en-US`): then a source-language other than the project's is a warning, since
 * every unit's source is still compared with the project's segment.
 */
function targetOf(file: ImportedXliffFile, config: ResolvedConfig, fileLabel: string, locale: string | undefined, warnings: string[]): ResolvedTarget {
  const tag = file.targetLocale || locale;
  const converted = file.targetLocale === '';
  if (!tmxLangMatches(file.sourceLocale, config.sourceLocale)) {
    if (!converted) {
      throw new TilmashError('usage', `${fileLabel}: <file original="${file.original}"> has source-language "${file.sourceLocale}", but the project's source locale is ${config.sourceLocale}. Import an XLIFF exported from this project.`, { file: fileLabel });
    }
    warnings.push(`<file original="${file.original}"> says source-language "${file.sourceLocale}" and names no target-language (a converter's defaults, as po2xliff writes); its sources were compared with the ${config.sourceLocale} segments of the project`);
  }
  if (tag === undefined) {
    throw new TilmashError(
      'usage',
      `${fileLabel}: <file original="${file.original}"> has no target-language (po2xliff writes none). Pass the locale: \`tilmash xliff import ${fileLabel} --locale <${config.targets.map((t) => t.locale).join('|')}>\`, or convert with \`po2xliff -t <the exported .xlf>\`.`,
      { file: fileLabel },
    );
  }
  const lower = tag.toLowerCase();
  const exact = config.targets.find((t) => t.locale.toLowerCase() === lower);
  const close = config.targets.filter((t) => tmxLangMatches(tag, t.locale));
  const target = exact ?? (close.length === 1 ? close[0] : undefined);
  if (!target) {
    throw new TilmashError(
      'usage',
      `${fileLabel}: <file original="${file.original}"> has target-language "${tag}", which is not a target locale of the config (${config.targets.map((t) => t.locale).join(', ')}). Add it to \`targets\` or import the right file.`,
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
