import type { ResolvedTarget } from '../config/resolved-config.js';
import { planMessage, sourceEntries } from '../messages/index.js';
import type { BundleEntry, LocalizedMessagePlan } from '../messages/message-types.js';
import type { SourceUnit } from './source-document.js';

/**
 * What one unit needs from the TM for one target, and how its bundle entries are built from the
 * translations. Articles: a block's sentences, joined with the locale's sentence joiner.
 * App strings: see `planMessage` (plural forms rebuilt with the target's CLDR categories).
 */
export function planUnit(unit: SourceUnit, target: ResolvedTarget, sourceLocale: string): LocalizedMessagePlan {
  if (unit.type === 'message') return planMessage(unit.message, sourceLocale, target.locale);
  const { segments, key } = unit;
  return {
    segments: segments.map((text, i) => {
      const context = segments.filter((_, j) => j !== i).join(' ');
      return context ? { text, context } : { text };
    }),
    build: (translations) => [{ path: [key], value: translations.join(target.sentenceJoiner) }],
  };
}

/** The unit's entries in the source-locale bundle, exactly as written. */
export function unitSourceEntries(unit: SourceUnit): BundleEntry[] {
  return unit.type === 'message' ? sourceEntries(unit.message) : [{ path: [unit.key], value: unit.text }];
}
