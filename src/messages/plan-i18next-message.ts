/**
 * i18next plan: a plain key is one segment; a plural group is rebuilt with the target locale's
 * own categories, each translated from the source form chosen by plural-mapping.ts.
 */
import { pluralPath } from './i18next-plural-key.js';
import { i18nextHasWords } from './has-words.js';
import type { BundleEntry, LocalizedMessagePlan, SourceMessage } from './message-types.js';
import { pluralCategories, type PluralType } from './plural-categories.js';
import { mapPluralForms } from './plural-mapping.js';
import { SegmentList, type SegmentSlot } from './segment-list.js';

export function planI18nextMessage(message: SourceMessage, sourceLocale: string, targetLocale: string): LocalizedMessagePlan {
  const segments = new SegmentList(message.description);
  const slot = (text: string, category?: string): SegmentSlot =>
    segments.add(text, i18nextHasWords(text), category === undefined ? undefined : { type: message.ordinal ? 'ordinal' : 'plural', category });
  if (message.pluralForms === undefined) {
    const only = slot(message.text);
    return {
      segments: segments.segments,
      build: (translations) => [{ path: [...message.path], value: segments.resolver(translations)(only) }],
    };
  }
  const ordinal = message.ordinal === true;
  const type: PluralType = ordinal ? 'ordinal' : 'cardinal';
  const sourceText = new Map(message.pluralForms.map((form) => [form.category, form.text]));
  const forms: Array<{ category: string; slot: SegmentSlot }> = [];
  // i18next's count-0 key (`_zero` where the source has no CLDR zero form) goes to every target.
  // A target with a CLDR zero form uses that key for its own form (lv: 0, 10, 11 …), which wins.
  const specialZero = sourceText.get('zero');
  const targetCategories = pluralCategories(targetLocale, type);
  if (!ordinal && specialZero !== undefined && !pluralCategories(sourceLocale, type).includes('zero') && !targetCategories.includes('zero')) {
    forms.push({ category: 'zero', slot: slot(specialZero, 'zero') });
  }
  for (const { target, source } of mapPluralForms(sourceLocale, targetLocale, type, new Set(sourceText.keys()))) {
    forms.push({ category: target, slot: slot(sourceText.get(source) ?? message.text, target) });
  }
  return {
    segments: segments.segments,
    build(translations): BundleEntry[] {
      const resolve = segments.resolver(translations);
      return forms.map((form) => ({ path: pluralPath(message.path, form.category, ordinal), value: resolve(form.slot) }));
    },
  };
}
