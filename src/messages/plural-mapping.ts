/**
 * Which source plural form becomes each target plural form. For every target category, its sample
 * number (plural-samples.ts) is given to the source rules; the source category they return is the
 * form to translate, or `other` when the source message has no form for it. So ru → en maps
 * en `one` ← ru `one` (1) and en `other` ← ru `many` (0: "0 файлов" → "0 files").
 */
import { pluralCategories, pluralRules, type PluralType } from './plural-categories.js';
import { pluralSample } from './plural-samples.js';

export interface PluralFormChoice {
  /** Target category, CLDR order. */
  target: string;
  /** Source category whose text is translated for it. */
  source: string;
}

export function mapPluralForms(
  sourceLocale: string,
  targetLocale: string,
  type: PluralType,
  sourceCategories: ReadonlySet<string>,
): PluralFormChoice[] {
  const sourceRules = pluralRules(sourceLocale, type);
  return pluralCategories(targetLocale, type).map((target) => {
    const chosen = sourceRules.select(pluralSample(targetLocale, type, target));
    return { target, source: sourceCategories.has(chosen) ? chosen : 'other' };
  });
}
