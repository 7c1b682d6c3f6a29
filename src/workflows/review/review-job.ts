import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { Ledger } from '../../ledger/ledger-types.js';
import type { BundleEntry } from '../../messages/message-types.js';
import type { ReviewCell, ReviewData, ReviewRow, ReviewSegment } from '../../review/review-types.js';
import type { TmEntry, TmFinding } from '../../tm/tm-entry.js';
import { unitId } from '../../job/assemble-bundles.js';
import { createSuggester, storeSuggester, withSuggestions, type Suggestion } from '../../job/fuzzy-suggestions.js';
import { planUnit, unitSourceEntries } from '../../job/plan-unit.js';
import { prepareJob, type PreparedJob } from '../../job/prepare-job.js';
import { settleBundles } from '../../job/settle-bundles.js';
import { derivedOfTargets } from '../../job/derive-locales.js';

export interface ReviewJobOptions {
  /** The ledgers `changed` compares with, per target locale (a git commit's); default: the ledgers on disk. */
  base?: { name: string; ledgers: ReadonlyMap<string, Ledger | undefined> };
  /** Compute fuzzy suggestions for every cell (the static report); the server asks per page instead. */
  suggestions?: boolean;
}

export interface ReviewJob {
  data: ReviewData;
  /** Fuzzy matches of the same segment family above the threshold, for a segment of a locale. */
  suggest: (locale: string, source: string) => Suggestion[];
  /** The same, asked of the store (the shared TM searches the whole database, not only what this job loaded). */
  suggestFromStore: (locale: string, source: string) => Promise<Suggestion[]>;
  prepared: PreparedJob;
}

/**
 * What the review report and the review server show: every key with its source and, per target
 * locale, what `run` would write now (`settleBundles`, as run, status and check), its status,
 * origin, QA findings, the translation QA holds back, its segments with their TM entries and fuzzy
 * suggestions. `changed` is relative to the base ledgers (a commit), not to the ledger a run has
 * just rewritten. Reads only.
 */
export async function reviewJob(config: ResolvedConfig, now: Date, options: ReviewJobOptions = {}): Promise<ReviewJob> {
  const { targets } = config;
  const prepared = await prepareJob(config, targets);
  try {
    return await reviewPrepared(config, now, options, prepared);
  } catch (error) {
    await prepared.tm.close();
    throw error;
  }
}

/** The review data over a prepared job; the caller closes `prepared.tm` when done with the result. */
async function reviewPrepared(config: ResolvedConfig, now: Date, options: ReviewJobOptions, prepared: PreparedJob): Promise<ReviewJob> {
  const { targets } = config;
  const { tm, documents, lookup, previous } = prepared;
  const { bundles } = settleBundles(config, prepared, targets, previous, now.toISOString());
  const suggest = createSuggester(tm, config.fuzzyThreshold, 3, { sameFamily: true });
  const baseLedger = (locale: string) => (options.base ? options.base.ledgers.get(locale) : previous.get(locale)?.ledger);
  const buildRows = (suggest: (locale: string, source: string) => Suggestion[]): ReviewRow[] => {
    const rows: ReviewRow[] = [];
    for (const document of documents) {
      for (const unit of document.units) {
        const cells: Record<string, ReviewCell> = {};
        for (const target of targets) {
          const outcome = bundles.outcomes.get(target.locale)?.get(unitId(document.namespace, unit.key));
          const plan = planUnit(unit, target, config.sourceLocale);
          const entries = plan.segments.map((s) => lookup(target.locale, s.text));
          const segments = plan.segments.map((s, i) => reviewSegment(s.text, s.context, entries[i]));
          const needsHelp = segments.filter((s) => !s.tm || s.tm.status === 'machine' || s.tm.status === 'needs-review');
          const suggestions = options.suggestions === false ? [] : firstSuggestions(needsHelp, (source) => suggest(target.locale, source), 3);
          const findings: TmFinding[] = outcome && outcome.kind !== 'missing' ? outcome.findings.map(({ check, severity, message }) => ({ check, severity, message })) : [];
          const before = baseLedger(target.locale)?.namespaces[document.namespace]?.keys[unit.key];
          if (!outcome || outcome.kind === 'missing') {
            cells[target.locale] = { status: 'missing', changed: before !== undefined, findings, suggestions, segments };
          } else if (outcome.kind === 'held') {
            // Held back: every segment is in the TM (else it would be missing); show what it holds.
            const held = plan.build(entries.map((e) => (e as TmEntry).target));
            const origins = [...new Set(entries.flatMap((e) => (e ? [e.origin] : [])))];
            cells[target.locale] = {
              status: 'needs-review',
              ...(origins.length ? { origin: origins.join('+') } : {}),
              heldBack: showEntries(held),
              // Not in the bundles now: changed only when the base shipped it.
              changed: before !== undefined,
              findings,
              suggestions,
              segments,
            };
          } else {
            cells[target.locale] = {
              target: showEntries(outcome.entries),
              status: outcome.ledger.status,
              origin: outcome.ledger.origin,
              changed: before?.target !== outcome.ledger.target,
              findings,
              suggestions,
              segments,
            };
          }
        }
        rows.push({ namespace: document.namespace, key: unit.key, source: showEntries(unitSourceEntries(unit)), cells });
      }
    }
    return rows;
  };
  // The shared TM is asked for every segment's suggestions first (one dry pass), then the rows are built.
  const rows = options.suggestions === false || !tm.needsPrefetch ? buildRows(suggest) : await withSuggestions(tm, config.fuzzyThreshold, 3, buildRows, { sameFamily: true });
  const data: ReviewData = {
    title: `Tilmash review — ${documents.map((d) => d.namespace).join(', ')}`,
    generated: now.toISOString(),
    sourceLocale: config.sourceLocale,
    locales: targets.map((t) => t.locale),
    ...derivedOfTargets(targets),
    rows,
    base: options.base?.name ?? 'ledger',
  };
  return { data, suggest, suggestFromStore: tm.needsPrefetch ? storeSuggester(tm, config.fuzzyThreshold, 3, { sameFamily: true }) : async (locale, source) => suggest(locale, source), prepared };
}

/** The first `limit` suggestions of the segments in order (later segments are not matched once there are enough). */
function firstSuggestions(segments: readonly ReviewSegment[], suggest: (source: string) => Suggestion[], limit: number): Suggestion[] {
  const found: Suggestion[] = [];
  for (const segment of segments) {
    if (found.length >= limit) break;
    found.push(...suggest(segment.source));
  }
  return found.slice(0, limit);
}

function reviewSegment(source: string, context: string | undefined, entry: TmEntry | undefined): ReviewSegment {
  return {
    source,
    ...(context ? { context } : {}),
    ...(entry ? { tm: { target: entry.target, origin: entry.origin, status: entry.status, changed: entry.changed, ...(entry.findings?.length ? { findings: [...entry.findings] } : {}) } } : {}),
  };
}

/** One value as it is; several (plural forms) one per line as `count_one: …`. */
export function showEntries(entries: readonly BundleEntry[]): string {
  if (entries.length === 1) return (entries[0] as BundleEntry).value;
  return entries.map((e) => `${e.path.at(-1)}: ${e.value}`).join('\n');
}
