import type { ResolvedTarget } from '../../config/resolved-config.js';
import type { BundleQa } from '../../job/assemble-bundles.js';
import { planUnit } from '../../job/plan-unit.js';
import type { SourceDocument, SourceUnit } from '../../job/source-document.js';
import type { Finding } from '../../qa/qa-types.js';
import { TilmashError } from '../../errors.js';

/** A key of one locale, as the review page names it. */
export interface UnitRef {
  locale: string;
  namespace: string;
  key: string;
}

/**
 * The QA of a reviewer's text, with the same checks and severities as `run`: each segment pair, and
 * (ICU) every rebuilt message. `segments[i]` are the findings of segment i; `message` those of the
 * rebuilt ICU message (empty for other syntaxes).
 */
export function reviewQa(qa: BundleQa, unit: SourceUnit, target: ResolvedTarget, sourceLocale: string, texts: readonly string[]): { segments: Finding[][]; message: Finding[] } {
  const plan = planUnit(unit, target, sourceLocale);
  const segments = plan.segments.map((segment, i) => qa.segment({ source: segment.text, target: texts[i] as string, locale: target.locale, syntax: unit.syntax }));
  const message = unit.syntax === 'icu' ? plan.build([...texts]).flatMap((entry) => qa.message({ source: unit.text, target: entry.value, locale: target.locale })) : [];
  return { segments, message };
}

/** The unit and target a reference names, or a usage error naming what is unknown. */
export function findUnit(documents: readonly SourceDocument[], targets: readonly ResolvedTarget[], ref: UnitRef): { unit: SourceUnit; target: ResolvedTarget } {
  const target = targets.find((t) => t.locale === ref.locale);
  if (!target) throw new TilmashError('usage', `review: locale ${JSON.stringify(ref.locale)} is not a target of the config (targets: ${targets.map((t) => t.locale).join(', ')}).`);
  const unit = documents.find((d) => d.namespace === ref.namespace)?.units.find((u) => u.key === ref.key);
  if (!unit) throw new TilmashError('usage', `review: no key ${JSON.stringify(`${ref.namespace}.${ref.key}`)} in the sources; reload the page (a source may have changed).`);
  return { unit, target };
}

/** The texts of a request: one string per segment of the unit, NFC. */
export function segmentTexts(value: unknown, count: number, where: string): string[] {
  if (!Array.isArray(value) || value.length !== count || !value.every((v) => typeof v === 'string')) {
    throw new TilmashError('usage', `${where}: "targets" must be ${count} string(s), one per segment of the key.`);
  }
  return value.map((v: string) => v.normalize('NFC'));
}
