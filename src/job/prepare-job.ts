import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { loadGlossary } from '../glossary/load-glossary.js';
import { EMPTY_GLOSSARY, type Glossary } from '../glossary/glossary-types.js';
import type { TmStore } from '../tm/tm-store.js';
import { openJobTm, prefetchDocuments, tmStoreUrl } from './open-job-tm.js';
import type { BundleQa, PreviousState } from './assemble-bundles.js';
import { derivedConverters, jobLookup } from './derive-locales.js';
import { withDerivedForms } from '../derive/derive-segment.js';
import { createJobQa } from './job-qa.js';
import { loadDocuments } from './load-documents.js';
import { keptHumanValue, keptInOutcome } from './localize-unit.js';
import { planUnit } from './plan-unit.js';
import { planJob, type JobPlan, type KeptEdit, type TmLookup } from './plan-job.js';
import { readPreviousState } from './read-previous-state.js';
import { checkTmFolder } from './tm-folder.js';
import type { SourceDocument, SourceUnit } from './source-document.js';
import { DocumentCache, type StoredOutcome } from './document-cache.js';
import { UnitReuse } from './unit-reuse.js';

/** Everything a run or a check reads before it acts: sources, TM, glossary, QA, the last run's state. */
export interface PreparedJob {
  tm: TmStore;
  documents: SourceDocument[];
  glossary: Glossary;
  qa: BundleQa;
  lookup: TmLookup;
  previous: Map<string, PreviousState>;
  /** The project has no TM folder and never had one (no bundles, no ledger): `run` creates it. */
  tmIsNew: boolean;
  /** With `incremental`: the per-document cache (`run` saves it after writing) and the reuse of its outcomes in assembly. */
  cache?: DocumentCache;
  reuse?: UnitReuse;
  /** What a run would send for the targets (computed on call: only the run needs it). */
  plan(): JobPlan;
}

export interface PrepareJobOptions {
  /**
   * Read only the TM pairs of `targets` (and of the parents they derive from): for a reader about
   * some locales (xliff export -l kk). Lookups of the other locales then find nothing.
   */
  onlyTargetsTm?: boolean;
  /** Use the per-document cache (run, status, check; only `run` saves it): document-cache.ts. */
  incremental?: boolean;
}

/** Reads without writing anything (the TM's journal is replayed in memory only). */
export async function prepareJob(config: ResolvedConfig, targets: readonly ResolvedTarget[], options: PrepareJobOptions = {}): Promise<PreparedJob> {
  const tmIsNew = tmStoreUrl(config) === undefined && checkTmFolder(config) === 'new'; // the shared TM needs no folder
  const cache = options.incremental ? DocumentCache.open(config) : undefined; // run, status, check: document-cache.ts
  const documents = loadDocuments(config, cache);
  const tm = await openJobTm(config, options.onlyTargetsTm ? targets.flatMap((t) => (t.derived ? [t.locale, t.derived.from] : [t.locale])) : undefined);
  try {
    return await prepareWith(config, targets, documents, tm, tmIsNew, cache);
  } catch (error) {
    await tm.close(); // the shared TM's pool is not left open by a failed read
    throw error;
  }
}

async function prepareWith(config: ResolvedConfig, targets: readonly ResolvedTarget[], documents: SourceDocument[], tm: TmStore, tmIsNew: boolean, cache: DocumentCache | undefined): Promise<PreparedJob> {
  await prefetchDocuments(tm, config, documents);
  const loaded = config.glossaryFile ? loadGlossary(config.rootDir, config.glossaryFile, config.targets.map((t) => t.locale), config.sourceLocale) : EMPTY_GLOSSARY;
  const glossary = withDerivedForms(loaded, derivedConverters(config.targets)); // kk-Latn, zh-Hant forms of the kk, zh terms
  const qa = createJobQa(config, glossary);
  const lookup: TmLookup = jobLookup(config, documents, loaded, tm); // derived locales read through their parents
  const previous = readPreviousState(config, documents, targets, cache !== undefined); // with the cache, a replayed document's bundle is never parsed
  const reuse = cache ? new UnitReuse(config, cache) : undefined;
  const byNamespace = new Map(documents.map((d) => [d.namespace, d]));
  // A key a person edited in its bundle, or translated there by hand, is kept: nothing is sent for it.
  // One per plan: the replayable outcomes of the document and locale last asked about are kept for its next units (the TM does not change while planning).
  const keptOf = (): KeptEdit => {
    let last: { document: SourceDocument; locale: string; outcomes: Map<SourceUnit, StoredOutcome> | undefined } | undefined;
    return (locale, namespace, unit) => {
      const state = previous.get(locale);
      const target = targets.find((t) => t.locale === locale) as ResolvedTarget;
      const plan = planUnit(unit, target, config.sourceLocale);
      const lacksSegment = () => plan.segments.some((s) => !lookup(locale, s.text));
      const previousEntry = state?.ledger?.namespaces[namespace]?.keys[unit.key];
      const document = byNamespace.get(namespace) as SourceDocument;
      if (reuse && (last?.document !== document || last.locale !== locale)) {
        const cached = reuse.cached(document, target, lookup, qa, state);
        last = { document, locale, outcomes: cached && new Map(document.units.map((u, i) => [u, cached[i] as StoredOutcome])) };
      }
      const replayed = last?.outcomes?.get(unit);
      if (replayed) return keptInOutcome(replayed, previousEntry, lacksSegment); // what localizeUnit decided from the same inputs
      return keptHumanValue(unit, plan, previousEntry, state?.bundles.get(namespace) ?? new Map(), lacksSegment()) !== undefined;
    };
  };
  const incremental = cache && reuse ? { cache, reuse } : {};
  return { tm, documents, glossary, qa, lookup, previous, tmIsNew, ...incremental, plan: () => planJob(documents, targets, lookup, config.sourceLocale, keptOf()) };
}
