import type { ResolvedTarget } from '../config/resolved-config.js';
import { flatKey, hashEntries } from '../ledger/hash-entries.js';
import type { LedgerEntry } from '../ledger/ledger-types.js';
import { segmentsOfEdit } from '../ledger/segments-of-edit.js';
import type { BundleEntry, LocalizedMessagePlan } from '../messages/message-types.js';
import type { Finding } from '../qa/qa-types.js';
import type { TmEntry, TmStatus } from '../tm/tm-entry.js';
import type { BundleQa } from './bundle-qa.js';
import { planUnit, unitSourceEntries } from './plan-unit.js';
import type { SourceUnit } from './source-document.js';

/** What one key becomes in one target locale. */
export type UnitOutcome =
  | { kind: 'written'; entries: BundleEntry[]; ledger: LedgerEntry; findings: PairFinding[]; humanEdit?: Array<{ source: string; target: string }> }
  | { kind: 'missing' }
  | { kind: 'held'; findings: PairFinding[] };

/** A finding with the pair it was found on. */
export interface PairFinding extends Finding {
  source: string;
  target: string;
}

export interface UnitContext {
  sourceLocale: string;
  target: ResolvedTarget;
  lookup: (locale: string, source: string) => TmEntry | undefined;
  qa: BundleQa;
  /** Findings per segment source, shared by every key of the locale (a segment is checked once). */
  segmentFindings: Map<string, Finding[]>;
  /** The previous ledger was written under the same QA fingerprint: unchanged keys keep their findings. */
  sameQa: boolean;
  /** The key's ledger entry from the last run, and what its bundle keys hold on disk now. */
  previous?: LedgerEntry;
  onDisk: ReadonlyMap<string, string>;
}

const STATUS_RANK: Record<TmStatus, number> = { 'needs-review': 0, machine: 1, translated: 2, reviewed: 3 };

/**
 * One key in one locale. A value a person edited in the bundle (its bytes differ from what the
 * ledger says Tilmash wrote), or wrote there for a key Tilmash could not fill, is kept
 * (`keptHumanValue`) — never overwritten by MT — and its segments are returned for the TM; when the source changes later, it is still kept but marked needs-review (stale)
 * until a person edits it again.
 * Otherwise the key is built from the TM; it is missing when a segment is untranslated and held
 * back when QA finds an error.
 */
export function localizeUnit(unit: SourceUnit, ctx: UnitContext): UnitOutcome {
  const { target, previous } = ctx;
  const plan = planUnit(unit, target, ctx.sourceLocale);
  const sourceHash = sourceHashOf(unit);
  const keep = (entries: BundleEntry[]) => keepHumanEdit(unit, plan, entries, ctx, previous && { source: previous.source, target: previous.target }, sourceHash);

  const tmEntries = plan.segments.map((segment) => ctx.lookup(target.locale, segment.text));
  const complete = tmEntries.every((e): e is TmEntry => e !== undefined);
  const kept = keptHumanValue(unit, plan, previous, ctx.onDisk, !complete);
  if (kept) return keep(kept);
  if (!complete) return { kind: 'missing' };
  const translations = tmEntries.map((e) => e.target);
  const entries = plan.build(translations);
  // Unchanged source and target under the same QA: the ledger's findings are still the findings.
  const unchanged = ctx.sameQa && previous !== undefined && !previous.edited && previous.source === sourceHash && previous.target === hashEntries(entries);
  const findings = unchanged ? recordedFindings(previous, unit, entries) : checkUnit(unit, plan, translations, entries, ctx);
  if (findings.some((f) => f.severity === 'error')) {
    const added = keptHumanValue(unit, plan, previous, ctx.onDisk, true);
    return added ? keep(added) : { kind: 'held', findings };
  }
  const origin = [...new Set(tmEntries.map((e) => e.origin))].join('+') || 'human';
  const status = tmEntries.reduce<TmStatus>((worst, e) => (STATUS_RANK[e.status] < STATUS_RANK[worst] ? e.status : worst), 'reviewed');
  return { kind: 'written', entries, findings, ledger: ledgerEntry(unit, entries, sourceHash, origin, status, findings, false) };
}

const sourceHashes = new WeakMap<SourceUnit, string>();

/** A unit's source hash, once per unit whatever the number of locales (units do not change once read). */
export function sourceHashOf(unit: SourceUnit): string {
  let hash = sourceHashes.get(unit);
  if (hash === undefined) sourceHashes.set(unit, (hash = hashEntries(unitSourceEntries(unit))));
  return hash;
}

/**
 * The one rule of what a person wrote in a bundle that Tilmash keeps (and never overwrites by MT),
 * or undefined. With a ledger entry for the key: its values when a person edited them since
 * Tilmash wrote them (now or in an earlier run). Without one: a translation a person wrote by
 * hand for a key Tilmash cannot write itself (`unwritable`: the TM lacks a segment, or QA holds
 * the key back). The run's plan uses it too: nothing is sent for a kept key.
 */
export function keptHumanValue(unit: SourceUnit, plan: LocalizedMessagePlan, previous: LedgerEntry | undefined, onDisk: ReadonlyMap<string, string>, unwritable: boolean): BundleEntry[] | undefined {
  if (previous) return keptEdit(unit, previous, onDisk);
  return unwritable ? addedByHand(unit, plan, onDisk) : undefined;
}

/**
 * `keptHumanValue` read off the outcome `localizeUnit` gave for the same inputs (a replayed one,
 * unit-reuse.ts): a kept value is written as a person's edit; so is a value added by hand to a
 * complete key that QA holds back, which `keptHumanValue` (without a ledger entry, `unwritable`
 * only when a segment is missing) does not count as kept.
 */
export function keptInOutcome(outcome: { kind: UnitOutcome['kind']; ledger?: LedgerEntry }, previous: LedgerEntry | undefined, lacksSegment: () => boolean): boolean {
  return outcome.kind === 'written' && outcome.ledger?.edited === true && (previous !== undefined || lacksSegment());
}

/**
 * A person's value kept as it is. Against the last run's record: edited now (recorded in the TM),
 * or edited earlier and unchanged since — stale when the source changed after that edit.
 */
function keepHumanEdit(unit: SourceUnit, plan: LocalizedMessagePlan, entries: BundleEntry[], ctx: UnitContext, previous: { source: string; target: string } | undefined, sourceHash: string): UnitOutcome {
  // An edit made after the source changed is the person's answer to the change: no longer stale.
  const editedNow = previous === undefined || hashEntries(entries) !== previous.target;
  const stale = !editedNow && sourceHash !== previous?.source;
  const findings: PairFinding[] = stale
    ? [{ check: 'stale', severity: 'warn', message: 'the source changed since a person edited this translation: review it (the edit is kept, never overwritten by MT)', source: unit.text, target: entries.map((e) => e.value).join('\n') }]
    : [];
  const humanEdit = editedNow ? segmentsOfEdit(plan, entries, ctx.target.locale, unit.type) : undefined;
  return {
    kind: 'written',
    entries,
    findings,
    ...(humanEdit ? { humanEdit } : {}),
    ledger: ledgerEntry(unit, entries, stale && previous ? previous.source : sourceHash, 'human', stale ? 'needs-review' : 'translated', findings, true),
  };
}

/**
 * The bundle's values for a key Tilmash has no record of writing, when a person put a translation
 * there (every key the unit needs is present, and it is not the source text written as a fallback).
 */
function addedByHand(unit: SourceUnit, plan: LocalizedMessagePlan, onDisk: ReadonlyMap<string, string>): BundleEntry[] | undefined {
  const paths = plan.build(plan.segments.map(() => '')).map((e) => e.path);
  const entries = paths.map((path) => ({ path, value: onDisk.get(flatKey(path)) }));
  if (!entries.every((e): e is BundleEntry => e.value !== undefined && e.value.trim() !== '')) return undefined;
  const fallback = new Set(unitSourceEntries(unit).map((e) => e.value));
  return entries.every((e) => fallback.has(e.value)) ? undefined : entries;
}

function checkUnit(unit: SourceUnit, plan: LocalizedMessagePlan, translations: readonly string[], entries: readonly BundleEntry[], ctx: UnitContext): PairFinding[] {
  const findings: PairFinding[] = [];
  plan.segments.forEach((segment, i) => {
    const targetText = translations[i] as string;
    let found = ctx.segmentFindings.get(segment.text);
    if (!found) ctx.segmentFindings.set(segment.text, (found = ctx.qa.segment({ source: segment.text, target: targetText, locale: ctx.target.locale, syntax: unit.syntax })));
    for (const finding of found) findings.push({ ...finding, source: segment.text, target: targetText });
  });
  if (unit.syntax === 'icu') {
    for (const entry of entries) {
      for (const finding of ctx.qa.message({ source: unit.text, target: entry.value, locale: ctx.target.locale })) findings.push({ ...finding, source: unit.text, target: entry.value });
    }
  }
  return findings;
}

function recordedFindings(previous: LedgerEntry, unit: SourceUnit, entries: readonly BundleEntry[]): PairFinding[] {
  const target = entries.map((e) => e.value).join('\n');
  return (previous.findings ?? []).map((f) => ({ check: f.check, severity: f.severity, message: f.message, source: unit.text, target }));
}

/** The key's entries on disk when a person edited them (now or in an earlier run), else undefined. */
function keptEdit(unit: SourceUnit, previous: LedgerEntry, onDisk: ReadonlyMap<string, string>): BundleEntry[] | undefined {
  const keys = previous.entries ?? [unit.key];
  const values = keys.map((key) => onDisk.get(key));
  if (!values.every((v): v is string => v !== undefined)) return undefined; // a key removed by hand is rebuilt
  const entries = keys.map((key, i) => ({ path: entryPath(unit, key), value: values[i] as string }));
  return previous.edited || hashEntries(entries) !== previous.target ? entries : undefined;
}

/** A flat bundle key of the unit back to its path (i18next nesting; ICU ids and article keys are one level). */
function entryPath(unit: SourceUnit, key: string): string[] {
  if (unit.type === 'block' || unit.syntax === 'icu') return [key];
  const parents = unit.message.path.slice(0, -1);
  const prefix = parents.length === 0 ? '' : `${parents.join('.')}.`;
  return [...parents, key.startsWith(prefix) ? key.slice(prefix.length) : key];
}

function ledgerEntry(unit: SourceUnit, entries: readonly BundleEntry[], source: string, origin: string, status: TmStatus, findings: readonly Finding[], edited: boolean): LedgerEntry {
  const keys = entries.map((e) => flatKey(e.path));
  return {
    source,
    target: hashEntries(entries),
    origin,
    status,
    ...(edited ? { edited: true as const } : {}),
    ...(keys.length === 1 && keys[0] === unit.key ? {} : { entries: keys }),
    ...(findings.length > 0 ? { findings: findings.map(({ check, severity, message }) => ({ check, severity, message })) } : {}),
  };
}
