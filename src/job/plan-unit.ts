import type { ResolvedTarget } from '../config/resolved-config.js';
import { planMessage, sourceEntries } from '../messages/index.js';
import type { BundleEntry, LocalizedMessagePlan } from '../messages/message-types.js';
import type { SourceUnit } from './source-document.js';

/** Plans per unit, by target (locale and joiner) and source locale: the run, check, review and export ask again and again. */
const plans = new WeakMap<SourceUnit, Map<string, LocalizedMessagePlan>>();

/**
 * What one unit needs from the TM for one target, and how its bundle entries are built from the
 * translations. Articles: a block's sentences, joined with the locale's sentence joiner (a
 * table's cells put back between its markup).
 * App strings: see `planMessage` (plural forms rebuilt with the target's CLDR categories).
 * Pure, so memoised: the same unit and target always give the same plan object (do not mutate it).
 */
export function planUnit(unit: SourceUnit, target: ResolvedTarget, sourceLocale: string): LocalizedMessagePlan {
  let byTarget = plans.get(unit);
  if (!byTarget) plans.set(unit, (byTarget = new Map()));
  const id = `${target.locale}\u0000${target.sentenceJoiner}\u0000${sourceLocale}`;
  let plan = byTarget.get(id);
  if (!plan) byTarget.set(id, (plan = buildPlan(unit, target, sourceLocale)));
  return plan;
}

function buildPlan(unit: SourceUnit, target: ResolvedTarget, sourceLocale: string): LocalizedMessagePlan {
  if (unit.type === 'message') return planMessage(unit.message, sourceLocale, target.locale);
  const { segments, key, glue } = unit;
  const join = glue ? (t: readonly string[]) => glue.map((g, i) => g + (t[i] ?? '')).join('') : (t: readonly string[]) => t.join(target.sentenceJoiner);
  return {
    segments: segments.map((text, i) => {
      const context = segments.filter((_, j) => j !== i).join(' ');
      return context ? { text, context } : { text };
    }),
    build: (translations) => [{ path: [key], value: join(translations) }],
  };
}

/** The unit's entries in the source-locale bundle, exactly as written. */
export function unitSourceEntries(unit: SourceUnit): BundleEntry[] {
  return unit.type === 'message' ? sourceEntries(unit.message) : [{ path: [unit.key], value: unit.text }];
}
