import type { ResolvedConfig } from '../config/resolved-config.js';
import type { BundleEntry } from '../messages/message-types.js';
import type { ReviewCell, ReviewData, ReviewRow } from '../review/review-types.js';
import type { TmFinding } from '../tm/tm-entry.js';
import { assembleBundles, unitId } from './assemble-bundles.js';
import { createSuggester } from './fuzzy-suggestions.js';
import { planUnit, unitSourceEntries } from './plan-unit.js';
import { prepareJob } from './prepare-job.js';
import { derivedOfTargets } from './derive-locales.js';

/**
 * What the review report shows: every key with its source and, per target locale, what `run`
 * would write now, its status, origin, QA findings and fuzzy suggestions for what is missing or
 * machine-made. `changed` is relative to the committed ledger (the last run). Reads only.
 */
export async function reviewJob(config: ResolvedConfig, now: Date): Promise<ReviewData> {
  const { targets } = config;
  const { tm, documents, qa, lookup, previous } = await prepareJob(config, targets);
  const bundles = assembleBundles(config, documents, lookup, targets, qa, previous);
  const suggest = createSuggester(tm, config.fuzzyThreshold);
  const rows: ReviewRow[] = [];
  for (const document of documents) {
    for (const unit of document.units) {
      const cells: Record<string, ReviewCell> = {};
      for (const target of targets) {
        const outcome = bundles.outcomes.get(target.locale)?.get(unitId(document.namespace, unit.key));
        const segments = planUnit(unit, target, config.sourceLocale).segments.map((s) => ({ source: s.text, entry: lookup(target.locale, s.text) }));
        const needsHelp = segments.filter((s) => !s.entry || s.entry.status === 'machine' || s.entry.status === 'needs-review');
        const suggestions = needsHelp.flatMap((s) => suggest(target.locale, s.source)).slice(0, 3);
        const findings: TmFinding[] = outcome && outcome.kind !== 'missing' ? outcome.findings.map(({ check, severity, message }) => ({ check, severity, message })) : [];
        if (!outcome || outcome.kind === 'missing') {
          cells[target.locale] = { status: 'missing', changed: false, findings, suggestions };
        } else if (outcome.kind === 'held') {
          const origins = [...new Set(segments.flatMap((s) => (s.entry ? [s.entry.origin] : [])))];
          cells[target.locale] = { status: 'needs-review', ...(origins.length ? { origin: origins.join('+') } : {}), changed: false, findings, suggestions };
        } else {
          const before = previous.get(target.locale)?.ledger?.namespaces[document.namespace]?.keys[unit.key];
          cells[target.locale] = {
            target: showEntries(outcome.entries),
            status: outcome.ledger.status,
            origin: outcome.ledger.origin,
            changed: before?.target !== outcome.ledger.target,
            findings,
            suggestions,
          };
        }
      }
      rows.push({ namespace: document.namespace, key: unit.key, source: showEntries(unitSourceEntries(unit)), cells });
    }
  }
  return { title: `Tilmash review — ${documents.map((d) => d.namespace).join(', ')}`, generated: now.toISOString(), sourceLocale: config.sourceLocale, locales: targets.map((t) => t.locale), ...derivedOfTargets(targets), rows };
}

/** One value as it is; several (plural forms) one per line as `count_one: …`. */
function showEntries(entries: readonly BundleEntry[]): string {
  if (entries.length === 1) return (entries[0] as BundleEntry).value;
  return entries.map((e) => `${e.path.at(-1)}: ${e.value}`).join('\n');
}
