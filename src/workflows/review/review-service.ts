import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { Suggestion } from '../../job/fuzzy-suggestions.js';
import { planUnit } from '../../job/plan-unit.js';
import type { PreparedJob } from '../../job/prepare-job.js';
import { reviewJob } from './review-job.js';
import type { Finding } from '../../qa/qa-types.js';
import type { BaseLedgers } from '../../review/read-base-ledgers.js';
import { filterUnits, reviewUnits, type ReviewFilter, type ReviewUnit } from '../../review/serve/review-query.js';
import type { ReviewBackend, UnitView } from '../../review/serve/review-server.js';
import { projectVersion } from './project-version.js';
import { findUnit, reviewQa, segmentTexts, type UnitRef } from './review-qa.js';
import { saveReview, type ReviewSaveRequest } from './save-review.js';

interface Model {
  version: string;
  units: ReviewUnit[];
  suggest: (locale: string, source: string) => Suggestion[];
  suggestFromStore: (locale: string, source: string) => Promise<Suggestion[]>;
  locales: string[];
  base: string;
  prepared: PreparedJob;
}

/**
 * The review server's data and actions over one project: the same review data as the static report
 * (`reviewJob`), listed per key and locale with server-side filters and paging, fuzzy suggestions
 * computed for the page shown, live QA with the run's checks, and saves through `saveReview`. The
 * data is rebuilt after a save and whenever the TM or ledgers changed on disk.
 */
export function createReviewService(config: ResolvedConfig, base: BaseLedgers | undefined, now: () => Date = () => new Date()): ReviewBackend & { ready(): Promise<void>; close(): Promise<void> } {
  let model: Promise<Model> | undefined;
  let open: Model | undefined; // the loaded model whose TM store is open (the shared TM: a pool)
  const load = async (): Promise<Model> => {
    const version = projectVersion(config);
    const { data, suggest, suggestFromStore, prepared } = await reviewJob(config, now(), { suggestions: false, ...(base ? { base } : {}) });
    const loaded = { version, units: reviewUnits(data), suggest, suggestFromStore, locales: data.locales, base: data.base ?? 'ledger', prepared };
    const replaced = open;
    open = loaded;
    await replaced?.prepared.tm.close();
    return loaded;
  };
  const current = async (): Promise<Model> => {
    let loaded: Model;
    try {
      loaded = await (model ??= load());
    } catch (error) {
      model = undefined; // a TM a run left malformed: the next request tries again
      throw error;
    }
    if (loaded.version === projectVersion(config)) return loaded;
    model = undefined;
    return current();
  };
  // Fuzzy matching is the costly part: the page asks for one unit's suggestions when it becomes current.
  const view = (_: Model, unit: ReviewUnit): UnitView => ({ ...unit, suggestions: [] });
  // Asked of the store: the shared TM searches the whole database, the file TM its index.
  const suggestionsOf = (m: Model, unit: ReviewUnit): Promise<UnitView['suggestions']> =>
    Promise.all((unit.cell.segments ?? []).map(async (s) => (!s.tm || s.tm.status === 'machine' || s.tm.status === 'needs-review' ? m.suggestFromStore(unit.locale, s.source) : [])));
  const find = (m: Model, ref: UnitRef) => m.units.find((u) => u.locale === ref.locale && u.namespace === ref.namespace && u.key === ref.key);

  return {
    async ready() {
      const m = await current();
      if (!m.prepared.tm.needsPrefetch) for (const locale of m.locales) m.suggest(locale, ''); // builds each locale's fuzzy index before the first page
    },
    async close() {
      const last = open;
      open = undefined;
      model = undefined;
      await last?.prepared.tm.close();
    },
    async suggestions(ref: UnitRef) {
      const m = await current();
      const unit = find(m, ref);
      return unit ? suggestionsOf(m, unit) : [];
    },
    async units(filter: ReviewFilter, offset: number, limit: number) {
      const m = await current();
      const selected = filterUnits(m.units, filter);
      const start = Math.min(Math.max(0, offset), Math.max(0, selected.length - 1));
      return { total: m.units.length, matched: selected.length, offset: start, units: selected.slice(start, start + limit).map((u) => view(m, u)), version: m.version, base: m.base, locales: m.locales };
    },
    async qa(ref: UnitRef, targets: unknown): Promise<{ segments: Finding[][]; message: Finding[] }> {
      const { prepared } = await current();
      const { unit, target } = findUnit(prepared.documents, config.targets, ref);
      const count = planUnit(unit, target, config.sourceLocale).segments.length;
      return reviewQa(prepared.qa, unit, target, config.sourceLocale, segmentTexts(targets, count, `QA of ${ref.namespace}.${ref.key} (${ref.locale})`));
    },
    async save(request: ReviewSaveRequest) {
      const result = await saveReview(config, request, now);
      if (!result.ok) return result;
      model = undefined;
      const m = await current();
      const unit = find(m, request);
      return { ...result, version: m.version, ...(unit ? { unit: view(m, unit) } : {}) };
    },
  };
}
