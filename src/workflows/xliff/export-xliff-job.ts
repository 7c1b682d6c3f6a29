import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../../config/resolved-config.js';
import { exportXliff } from '../../exchange/xliff-export.js';
import type { XliffFile, XliffState, XliffUnit } from '../../exchange/xliff-types.js';
import { tokenizeSegment } from '../../protect/index.js';
import type { TmEntry } from '../../tm/index.js';
import type { TmStore as TranslationMemory } from '../../tm/tm-store.js';
import { writeFilesAtomically } from '../../write/index.js';
import { checkOutputDir, checkOutputFile } from '../../write/output-path.js';
import { assembleBundles, unitId, type KeyFinding } from '../../job/assemble-bundles.js';
import { doNotTranslateTerms } from '../../job/do-not-translate.js';
import { withSuggestions } from '../../job/fuzzy-suggestions.js';
import type { UnitOutcome } from '../../job/localize-unit.js';
import { planUnit } from '../../job/plan-unit.js';
import { prepareJob } from '../../job/prepare-job.js';
import { selectTargets } from '../../job/select-targets.js';
import type { SourceDocument, SourceUnit } from '../../job/source-document.js';

/**
 * What a unit carries as its `<target>` when there is nothing to offer: `empty` (`<target state="new"/>`,
 * what translate-toolkit, Okapi, memoQ and Trados expect) or `source`, a copy of the source with
 * `state="needs-translation"` (OmegaT's XLIFF filter translates the `<target>` content and finds no
 * segment in empty targets); drafts then move to `<alt-trans>`.
 */
export const TARGET_MODES = ['empty', 'source'] as const;
export type TargetMode = (typeof TARGET_MODES)[number];

export interface ExportXliffJobOptions {
  config: ResolvedConfig;
  /** Only these target locales (default: all of the config). */
  locales?: string[];
  /** Absolute folder receiving `<locale>.xlf`. */
  outDir: string;
  /** `tool-version` in each file's header. */
  toolVersion: string;
  /** Default `empty`. */
  targetMode?: TargetMode;
}

/** The machine-readable result of `tilmash xliff export` (printed by `--json`). Field names are an API. */
export interface XliffExportReport {
  files: Array<{
    locale: string;
    /** Relative to the project root. */
    path: string;
    units: number;
    /** Units per XLIFF state (only states that occur). */
    states: Partial<Record<XliffState, number>>;
  }>;
}

/** One segment of one key for one target locale, named as XLIFF unit ids name it. */
export interface SegmentRef {
  /** `<namespace>.<key>.<n>`, n the 1-based index of the segment in the key's plan for the locale (`#n` before; still read). */
  id: string;
  document: SourceDocument;
  unit: SourceUnit;
  /** The source segment (a TM source). */
  text: string;
  /** Engine context: the message description, or the other sentences of the block. */
  context?: string;
  /** The plural form(s) of the message the segment is: `plural: one`. */
  label?: string;
}

/** `.n`, not `#n`: a `#` becomes `%23` in PO `#:` references (xliff2po). */
function xliffUnitId(namespace: string, key: string, index: number): string {
  return `${namespace}.${key}.${index + 1}`;
}

/** Every segment of every key for `target`, in source order (a segment used twice appears twice). */
export function segmentRefs(documents: readonly SourceDocument[], target: ResolvedTarget, sourceLocale: string): SegmentRef[] {
  return documents.flatMap((document) =>
    document.units.flatMap((unit) =>
      planUnit(unit, target, sourceLocale).segments.map((segment, i) => ({
        id: xliffUnitId(document.namespace, unit.key, i),
        document,
        unit,
        text: segment.text,
        ...(segment.context ? { context: segment.context } : {}),
        ...(segment.label ? { label: segment.label } : {}),
      })),
    ),
  );
}

/**
 * `tilmash xliff export`: per target locale, `<outDir>/<locale>.xlf` with every segment that needs a
 * person — untranslated (with fuzzy suggestions), machine-translated, marked needs-review, or held
 * back by a QA error — one `<file>` per namespace. A segment is listed once per locale (the TM is per
 * locale), under the first key using it; its notes name every use. Writes nothing but these files
 * (each only when its bytes change).
 */
export async function exportXliffJob(options: ExportXliffJobOptions): Promise<XliffExportReport> {
  const { config } = options;
  // A derived locale (kk-Latn) follows its parent: translators get the parent, unless it is named.
  const targets = selectTargets(config.targets, options.locales).filter((t) => !t.derived || options.locales);
  checkOutputDir(options.outDir); // before any work: the folder and each file must be writable as regular files
  for (const target of targets) checkOutputFile(path.join(options.outDir, `${target.locale}.xlf`));
  const prepared = await prepareJob(config, targets, { onlyTargetsTm: true }); // reads: the other locales' TM pairs are not needed
  const bundles = assembleBundles(config, prepared.documents, prepared.lookup, targets, prepared.qa, prepared.previous);
  const doNotTranslate = doNotTranslateTerms(prepared.glossary);
  // The shared TM's suggestions come from its database (fetched before the files are built).
  const filesOf = await withSuggestions(prepared.tm, config.fuzzyThreshold, 3, (suggest) =>
    targets.map((target) =>
      xliffFilesFor(target, prepared.documents, prepared.tm, config.sourceLocale, {
        outcomes: bundles.outcomes.get(target.locale) ?? new Map(),
        heldFindings: bundles.findings.filter((f) => f.locale === target.locale && f.severity === 'error'),
        suggest: (source) => suggest(target.locale, source),
        doNotTranslate,
        targetMode: options.targetMode ?? 'empty',
      }),
    ),
  );
  await prepared.tm.close();

  const report: XliffExportReport = { files: [] };
  const outputs = targets.map((target, index) => {
    const files = filesOf[index] as XliffFile[];
    const file = path.join(options.outDir, `${target.locale}.xlf`);
    const units = files.flatMap((f) => f.units);
    const states: Partial<Record<XliffState, number>> = {};
    for (const unit of units) states[unit.state] = (states[unit.state] ?? 0) + 1;
    report.files.push({ locale: target.locale, path: path.relative(config.rootDir, file), units: units.length, states });
    return { path: file, content: exportXliff(files, { toolVersion: options.toolVersion }) };
  });
  await writeFilesAtomically(outputs);
  return report;
}

interface FileInputs {
  /** What each key of the locale became in the bundles, by `unitId(namespace, key)`. */
  outcomes: ReadonlyMap<string, UnitOutcome>;
  /** Error-level QA findings of the locale: their keys are held back from the bundles. */
  heldFindings: readonly KeyFinding[];
  suggest: (source: string) => Array<{ source: string; target: string; similarity: number; origin: string }>;
  doNotTranslate: readonly string[];
  targetMode: TargetMode;
}

interface Candidate extends SegmentRef {
  uses: string[];
  findings: string[];
}

/**
 * The `<file>`s of one locale: one per namespace, every namespace present (an empty `<body/>` when
 * nothing in it needs work), so the document always validates and replaces an earlier export.
 */
function xliffFilesFor(target: ResolvedTarget, documents: readonly SourceDocument[], tm: TranslationMemory, sourceLocale: string, inputs: FileInputs): XliffFile[] {
  // A key whose bundle value a person edited or wrote is kept as it is (as in the run): nothing to translate.
  const kept = (document: SourceDocument, unit: SourceUnit): boolean => {
    const outcome = inputs.outcomes.get(unitId(document.namespace, unit.key));
    return outcome?.kind === 'written' && outcome.ledger.edited === true;
  };
  const held = new Map<string, KeyFinding[]>();
  for (const finding of inputs.heldFindings) {
    const where = `${finding.namespace}.${finding.key}`;
    held.set(where, [...(held.get(where) ?? []), finding]);
  }

  const candidates = new Map<string, Candidate>();
  const segmentsOfUnit = new Map<SourceUnit, Set<string>>();
  for (const ref of segmentRefs(documents, target, sourceLocale)) {
    if (kept(ref.document, ref.unit)) continue;
    const use = `${ref.document.namespace}.${ref.unit.key}`;
    const candidate = candidates.get(ref.text) ?? { ...ref, uses: [], findings: [] };
    candidates.set(ref.text, candidate);
    if (!candidate.uses.includes(use)) candidate.uses.push(use);
    // A finding on this segment, or on the whole message (its source is none of the key's segments).
    let keySegments = segmentsOfUnit.get(ref.unit);
    if (!keySegments) segmentsOfUnit.set(ref.unit, (keySegments = new Set(planUnit(ref.unit, target, sourceLocale).segments.map((s) => s.text))));
    for (const finding of held.get(use) ?? []) {
      if (finding.source !== ref.text && keySegments.has(finding.source)) continue;
      const note = findingNote(finding);
      if (!candidate.findings.includes(note)) candidate.findings.push(note);
    }
  }

  const byDocument = new Map<SourceDocument, XliffUnit[]>(documents.map((d) => [d, []]));
  for (const candidate of candidates.values()) {
    const unit = xliffUnitOf(candidate, tm.lookup(target.locale, candidate.text), inputs);
    if (unit) byDocument.get(candidate.document)?.push(unit);
  }
  return documents.map((document) => ({
    original: document.file,
    sourceLocale,
    targetLocale: target.locale,
    units: byDocument.get(document) ?? [],
  }));
}

/** The unit of one segment, or undefined when it needs nobody (translated or reviewed, and QA does not hold it back). */
function xliffUnitOf(candidate: Candidate, entry: TmEntry | undefined, inputs: FileInputs): XliffUnit | undefined {
  const pieces = (text: string) => tokenizeSegment(text, candidate.unit.syntax, { doNotTranslate: inputs.doNotTranslate });
  const recorded = (entry?.findings ?? []).map(findingNote);
  const findings = [...recorded, ...candidate.findings.filter((note) => !recorded.includes(note))];
  let draft: Pick<XliffUnit, 'state' | 'stateQualifier' | 'targetPieces'>;
  if (!entry?.target) draft = { state: 'new' };
  else if (entry.status === 'machine') draft = { state: 'needs-review-translation', stateQualifier: 'leveraged-mt', targetPieces: pieces(entry.target) };
  else if (entry.status === 'needs-review' || candidate.findings.length > 0) draft = { state: 'needs-review-translation', targetPieces: pieces(entry.target) };
  else return undefined;
  const suggestions = inputs.suggest(candidate.text).map((s) => ({
    sourcePieces: pieces(s.source),
    targetPieces: pieces(s.target),
    similarity: s.similarity,
    origin: s.origin,
  }));
  if (inputs.targetMode === 'source') {
    // The draft becomes a suggestion; the target a copy of the source for OmegaT-like filters.
    if (draft.targetPieces && entry) suggestions.unshift({ sourcePieces: pieces(candidate.text), targetPieces: draft.targetPieces, similarity: 1, origin: `tm:${entry.status}` });
    draft = { state: 'needs-translation', targetPieces: pieces(candidate.text) };
  }
  return {
    id: candidate.id,
    sourcePieces: pieces(candidate.text),
    ...draft,
    notes: [usesNote(candidate.uses), ...(candidate.label ? [candidate.label] : []), ...contextNote(candidate), ...findings],
    suggestions,
  };
}

const MAX_USES_SHOWN = 10;

function usesNote(uses: readonly string[]): string {
  const shown = uses.slice(0, MAX_USES_SHOWN).join(', ');
  return `Used in: ${shown}${uses.length > MAX_USES_SHOWN ? ` and ${uses.length - MAX_USES_SHOWN} more` : ''}`;
}

function contextNote(ref: SegmentRef): string[] {
  if (!ref.context) return [];
  return [ref.unit.type === 'message' ? `Description: ${ref.context}` : `Context: ${ref.context}`];
}

function findingNote(finding: { check: string; severity: string; message: string }): string {
  return `QA ${finding.check} (${finding.severity}): ${finding.message}`;
}
