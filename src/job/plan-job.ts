import type { ResolvedTarget } from '../config/resolved-config.js';
import type { Syntax } from '../protect/protect-types.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { planUnit } from './plan-unit.js';
import type { SourceDocument, SourceUnit } from './source-document.js';

/** A segment the TM lacks for a locale: sent to the engine once, whatever its number of uses. */
export interface MissingSegment {
  source: string;
  /** How placeholders and tags are written in it (decides what is protected through MT). */
  syntax: Syntax;
  /** Context for the engine, not billed: the other sentences of the block, or the message description. */
  context: string;
  /** Every place it occurs, for reports. */
  uses: Array<{ namespace: string; key: string }>;
}

export interface LocalePlan {
  locale: string;
  engineLanguage: string;
  /** Distinct source segments across all documents (for this locale: plural forms depend on it). */
  segments: number;
  /** Distinct segments the TM already has. */
  fromTm: number;
  missing: MissingSegment[];
  /** Characters an engine would bill for `missing` (Unicode code points, as DeepL counts). */
  billedCharacters: number;
}

export interface JobPlan {
  locales: LocalePlan[];
}

export type TmLookup = (locale: string, source: string) => TmEntry | undefined;

/** True for a key whose bundle value a person edited or wrote: it is kept, so nothing is translated for it. */
export type KeptEdit = (locale: string, namespace: string, unit: SourceUnit) => boolean;

/**
 * What a run would do, as data: per locale, which distinct segments come from the TM and which must
 * be translated, with their cost. No IO: the same inputs always give the same plan.
 */
export function planJob(documents: readonly SourceDocument[], targets: readonly ResolvedTarget[], lookup: TmLookup, sourceLocale = 'ru', kept: KeptEdit = () => false): JobPlan {
  return {
    locales: targets.map((target) => {
      const occurrences = collectSegments(documents, target, sourceLocale, kept);
      let fromTm = 0;
      let billedCharacters = 0;
      const missing: MissingSegment[] = [];
      for (const segment of occurrences.values()) {
        if (lookup(target.locale, segment.source)) {
          fromTm++;
        } else {
          missing.push(segment);
          billedCharacters += codePoints(segment.source);
        }
      }
      // A derived locale is converted from its parent, never billed.
      return { locale: target.locale, engineLanguage: target.engineLanguage, segments: occurrences.size, fromTm, missing, billedCharacters: target.derived ? 0 : billedCharacters };
    }),
  };
}

/** Distinct segments a target needs, in first-use order, each with its uses and its first context. */
function collectSegments(documents: readonly SourceDocument[], target: ResolvedTarget, sourceLocale: string, kept: KeptEdit): Map<string, MissingSegment> {
  const segments = new Map<string, MissingSegment>();
  for (const document of documents) {
    for (const unit of document.units) {
      if (kept(target.locale, document.namespace, unit)) continue;
      for (const segment of planUnit(unit, target, sourceLocale).segments) {
        const use = { namespace: document.namespace, key: unit.key };
        const known = segments.get(segment.text);
        if (known) known.uses.push(use);
        else segments.set(segment.text, { source: segment.text, syntax: unit.syntax, context: segment.context ?? '', uses: [use] });
      }
    }
  }
  return segments;
}

export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
