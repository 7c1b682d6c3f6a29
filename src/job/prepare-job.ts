import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { loadGlossary } from '../glossary/load-glossary.js';
import { EMPTY_GLOSSARY, type Glossary } from '../glossary/glossary-types.js';
import { TranslationMemory } from '../tm/index.js';
import type { BundleQa, PreviousState } from './assemble-bundles.js';
import { createJobQa } from './job-qa.js';
import { loadDocuments } from './load-documents.js';
import { addedByHand, keptEdit } from './localize-unit.js';
import { planUnit } from './plan-unit.js';
import { planJob, type JobPlan, type KeptEdit, type TmLookup } from './plan-job.js';
import { readPreviousState } from './read-previous-state.js';
import type { SourceDocument } from './source-document.js';

/** Everything a run or a check reads before it acts: sources, TM, glossary, QA, the last run's state, the plan. */
export interface PreparedJob {
  targets: ResolvedTarget[];
  tm: TranslationMemory;
  documents: SourceDocument[];
  glossary: Glossary;
  qa: BundleQa;
  lookup: TmLookup;
  previous: Map<string, PreviousState>;
  plan: JobPlan;
}

/** Reads without writing anything (the TM's journal is replayed in memory only). */
export async function prepareJob(config: ResolvedConfig, targets: ResolvedTarget[]): Promise<PreparedJob> {
  const tm = await TranslationMemory.open(config.tmDir, config.sourceLocale);
  const documents = loadDocuments(config);
  const glossary = config.glossaryFile
    ? loadGlossary(config.rootDir, path.relative(config.rootDir, config.glossaryFile), config.targets.map((t) => t.locale), config.sourceLocale)
    : EMPTY_GLOSSARY;
  const qa = createJobQa(config, glossary);
  const lookup: TmLookup = (locale, source) => tm.lookup(locale, source);
  const previous = readPreviousState(config, documents, targets);
  // A key a person edited in its bundle, or translated there by hand, is kept: nothing is sent for it.
  const kept: KeptEdit = (locale, namespace, unit) => {
    const state = previous.get(locale);
    const onDisk = state?.bundles.get(namespace) ?? new Map<string, string>();
    const entry = state?.ledger?.namespaces[namespace]?.keys[unit.key];
    if (entry) return keptEdit(unit, entry, onDisk) !== undefined;
    const target = targets.find((t) => t.locale === locale) as ResolvedTarget;
    const plan = planUnit(unit, target, config.sourceLocale);
    return plan.segments.some((s) => !lookup(locale, s.text)) && addedByHand(unit, plan, onDisk) !== undefined;
  };
  const plan = planJob(documents, targets, lookup, config.sourceLocale, kept);
  return { targets, tm, documents, glossary, qa, lookup, previous, plan };
}
