import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { formatLedger, ledgerPath } from '../ledger/ledger-file.js';
import type { Ledger } from '../ledger/ledger-types.js';
import type { CurrentBundles } from '../ledger/read-current-bundles.js';
import type { BundleEntry } from '../messages/message-types.js';
import type { Finding } from '../qa/qa-types.js';
import { escapeIcuText, findI18nextSyntax } from '../write/index.js';
import { formatI18nextBundle } from '../write/i18next-bundle.js';
import { formatIcuBundle } from '../write/icu-bundle.js';
import type { BundleQa } from './bundle-qa.js';
import { localizeUnit, type UnitOutcome } from './localize-unit.js';
import type { TmLookup } from './plan-job.js';
import { unitSourceEntries } from './plan-unit.js';
import type { SourceDocument, SourceUnit } from './source-document.js';
import type { UnitReuse } from './unit-reuse.js';
import { runToEnd, type Steps } from './yielding.js';

export interface BundleFile {
  /** Absolute path. */
  path: string;
  content: string;
}

export type { BundleQa } from './bundle-qa.js';

/** A QA finding on a key of one locale: the segment (or message) pair it was found on. */
export interface KeyFinding extends Finding {
  locale: string;
  namespace: string;
  key: string;
  source: string;
  target: string;
}

/** What the last run left: its ledger and what the bundles hold now (a person may have edited them). */
export interface PreviousState {
  ledger?: Ledger;
  bundles: CurrentBundles;
}

export interface BundleSet {
  /** Bundles and ledgers (with the per-document cache, not an i18next bundle already on disk as it would be written). */
  files: BundleFile[];
  /** Bundles of namespaces whose source is gone (known from the previous ledgers): to delete. */
  obsoleteFiles: string[];
  /** Per target locale: keys left out (or written in the source language) because a segment is missing or has an error finding. */
  incomplete: Map<string, Array<{ namespace: string; key: string; reason: 'missing' | 'qa' }>>;
  /** Texts that cannot be written as they are (left out of the bundles, reported as errors). */
  problems: Array<{ locale: string; namespace: string; key: string; message: string }>;
  /** Every QA finding, per locale and key, in bundle order. */
  findings: KeyFinding[];
  /** Edits a person made in the bundles, cut into segments: recorded in the TM as human translations. */
  humanEdits: Map<string, Array<{ source: string; target: string }>>;
  /** Per target locale, what each key became, by `unitId(namespace, key)`. */
  outcomes: Map<string, Map<string, UnitOutcome>>;
}

/** The id of a key across namespaces, for `BundleSet.outcomes`. */
export const unitId = (namespace: string, key: string): string => `${namespace}\u0000${key}`;

/**
 * The bundles and ledgers for the current sources, TM and previous state, as file contents. Pure:
 * the job writes them. A key ships when its segments are translated and QA finds no error in them
 * (`localizeUnit`); a person's edit in a bundle is kept. Articles go to i18next and ICU bundles,
 * i18next sources to i18next bundles, ICU sources to ICU bundles.
 */
export function assembleBundles(
  config: ResolvedConfig,
  documents: readonly SourceDocument[],
  lookup: TmLookup,
  locales: readonly ResolvedTarget[],
  qa: BundleQa,
  previous: ReadonlyMap<string, PreviousState> = new Map(),
): BundleSet {
  return runToEnd(assembleSteps(config, documents, lookup, locales, qa, previous));
}

/** `assembleBundles` as steps, one per key and locale (see yielding.ts): `run` assembles in slices a signal can stop. */
export function* assembleSteps(
  config: ResolvedConfig,
  documents: readonly SourceDocument[],
  lookup: TmLookup,
  locales: readonly ResolvedTarget[],
  qa: BundleQa,
  previous: ReadonlyMap<string, PreviousState> = new Map(),
  reuse?: UnitReuse,
): Steps<BundleSet> {
  const files: BundleFile[] = [];
  const incomplete: BundleSet['incomplete'] = new Map();
  const problems: BundleSet['problems'] = [];
  const findings: KeyFinding[] = [];
  const humanEdits: BundleSet['humanEdits'] = new Map();
  const outcomes = new Map<string, Map<string, UnitOutcome>>();
  const { output } = config;

  const addLocale = function* (locale: string, entriesOf: (document: SourceDocument, unit: SourceUnit) => BundleEntry[]): Steps<void> {
    const icu: Array<[string, BundleEntry[]]> = [];
    for (const document of documents) {
      const entries: BundleEntry[] = [];
      for (const unit of document.units) {
        for (const entry of entriesOf(document, unit)) entries.push(entry);
        yield;
      }
      if (document.format === 'text') {
        // i18next has no escape for its own syntax: such a text would render wrong, so it is refused.
        const safe = entries.filter((entry) => {
          const syntax = findI18nextSyntax(entry.value);
          if (syntax) problems.push({ locale, namespace: document.namespace, key: entry.path.join('.'), message: `contains i18next syntax ${JSON.stringify(syntax)} that cannot be escaped` });
          return !syntax;
        });
        if (output.formats.includes('i18next')) files.push(...i18nextBundle(config, locale, document, safe, reuse));
        icu.push([document.namespace, safe.map((entry) => ({ path: entry.path, value: escapeIcuText(entry.value) }))]);
      } else if (document.format === 'i18next') {
        if (output.formats.includes('i18next')) files.push(...i18nextBundle(config, locale, document, entries, reuse));
      } else {
        icu.push([document.namespace, entries]);
      }
    }
    if (output.formats.includes('icu') && icu.length > 0) files.push({ path: path.join(output.dir, 'icu', `${locale}.json`), content: formatIcuBundle(icu) });
  };

  if (output.writeSourceLocale) yield* addLocale(config.sourceLocale, (_, unit) => unitSourceEntries(unit));

  for (const target of locales) {
    const left: Array<{ namespace: string; key: string; reason: 'missing' | 'qa' }> = [];
    incomplete.set(target.locale, left);
    const edits: Array<{ source: string; target: string }> = [];
    humanEdits.set(target.locale, edits);
    const ledger: Ledger = { locale: target.locale, qa: qa.fingerprint, namespaces: {} };
    const localeOutcomes = new Map<string, UnitOutcome>();
    outcomes.set(target.locale, localeOutcomes);
    const into = { ledger, left, edits, findings, outcomes: localeOutcomes };
    yield* addLocale(target.locale, targetEntries(config, target, lookup, qa, previous.get(target.locale), into, reuse));
    files.push({ path: ledgerPath(output.dir, target.locale), content: formatLedger(ledger) });
  }
  return { files, obsoleteFiles: obsoleteFiles(config, documents, previous), incomplete, problems, findings, humanEdits, outcomes };
}

/** A document's i18next bundle, or nothing when the cache shows it on disk as it would be written (unit-reuse.ts): not formatted, not compared. */
function i18nextBundle(config: ResolvedConfig, locale: string, document: SourceDocument, entries: BundleEntry[], reuse: UnitReuse | undefined): BundleFile[] {
  const file = path.join(config.output.dir, locale, `${document.namespace}.json`);
  if (reuse?.bundleOnDisk(document, locale, file, path.relative(config.rootDir, file))) return [];
  const content = formatI18nextBundle(entries);
  reuse?.keepBundle(document, locale, content);
  return [{ path: file, content }];
}

/** What each key of a target locale becomes in its bundle (`localizeUnit`), recorded into the locale's ledger, findings, left-out keys, edits and outcomes. */
function targetEntries(
  config: ResolvedConfig,
  target: ResolvedTarget,
  lookup: TmLookup,
  qa: BundleQa,
  state: PreviousState | undefined,
  into: { ledger: Ledger; left: Array<{ namespace: string; key: string; reason: 'missing' | 'qa' }>; edits: Array<{ source: string; target: string }>; findings: KeyFinding[]; outcomes: Map<string, UnitOutcome> },
  reuse?: UnitReuse,
): (document: SourceDocument, unit: SourceUnit) => BundleEntry[] {
  const segmentFindings = new Map<string, Finding[]>(); // a segment used by many keys is checked once
  let pass: { document: SourceDocument; next(): UnitOutcome | undefined; keep(outcome: UnitOutcome): void } | undefined;
  return (document, unit) => {
    // With a cache (unit-reuse.ts), an unchanged document's outcomes are replayed through the same code below.
    if (reuse && pass?.document !== document) pass = { document, ...reuse.begin(document, target, lookup, qa, state) };
    const keys = (into.ledger.namespaces[document.namespace] ??= { format: document.format, keys: {} }).keys;
    const previousEntry = state?.ledger?.namespaces[document.namespace]?.keys[unit.key];
    const outcome = pass?.next() ?? localizeUnit(unit, {
      sourceLocale: config.sourceLocale,
      target,
      lookup,
      qa,
      segmentFindings,
      sameQa: state?.ledger?.qa === qa.fingerprint,
      ...(previousEntry ? { previous: previousEntry } : {}),
      onDisk: state?.bundles.get(document.namespace) ?? new Map(),
    });
    pass?.keep(outcome);
    const where = { locale: target.locale, namespace: document.namespace, key: unit.key };
    into.outcomes.set(unitId(document.namespace, unit.key), outcome);
    if (outcome.kind !== 'missing') for (const finding of outcome.findings) into.findings.push({ ...where, ...finding });
    if (outcome.kind === 'written') {
      keys[unit.key] = outcome.ledger;
      if (outcome.humanEdit) into.edits.push(...outcome.humanEdit);
      return outcome.entries;
    }
    into.left.push({ namespace: document.namespace, key: unit.key, reason: outcome.kind === 'missing' ? 'missing' : 'qa' });
    return config.output.incomplete === 'source' ? unitSourceEntries(unit) : [];
  };
}

/** i18next bundles of namespaces the previous ledgers knew and no source has any more. */
function obsoleteFiles(config: ResolvedConfig, documents: readonly SourceDocument[], previous: ReadonlyMap<string, PreviousState>): string[] {
  const current = new Set(documents.map((d) => d.namespace));
  const out = new Set<string>();
  for (const [locale, state] of previous) {
    for (const [namespace, ns] of Object.entries(state.ledger?.namespaces ?? {})) {
      if (current.has(namespace) || ns.format === 'icu') continue; // the ICU file is rewritten whole
      out.add(path.join(config.output.dir, locale, `${namespace}.json`));
      out.add(path.join(config.output.dir, config.sourceLocale, `${namespace}.json`));
    }
  }
  return [...out].sort();
}
