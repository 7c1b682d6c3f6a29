import type { ResolvedTarget } from '../config/resolved-config.js';
import type { TmEntry } from '../tm/tm-entry.js';
import type { SourceDocument } from './source-document.js';

/** A segment the TM lacks for a locale: sent to the engine once, whatever its number of uses. */
export interface MissingSegment {
  source: string;
  /** The other sentences of the first block that uses it (context for the engine, not billed). */
  context: string;
  /** Every place it occurs, for reports. */
  uses: Array<{ namespace: string; key: string }>;
}

export interface LocalePlan {
  locale: string;
  engineLanguage: string;
  /** Distinct source segments across all documents. */
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

/**
 * What a run would do, as data: per locale, which distinct segments come from the TM and which must
 * be translated, with their cost. No IO: the same inputs always give the same plan.
 */
export function planJob(documents: readonly SourceDocument[], targets: readonly ResolvedTarget[], lookup: TmLookup): JobPlan {
  const occurrences = collectSegments(documents);
  return {
    locales: targets.map((target) => {
      let fromTm = 0;
      let billedCharacters = 0;
      const missing: MissingSegment[] = [];
      for (const [source, info] of occurrences) {
        if (lookup(target.locale, source)) {
          fromTm++;
        } else {
          missing.push({ source, context: info.context, uses: info.uses });
          billedCharacters += codePoints(source);
        }
      }
      return { locale: target.locale, engineLanguage: target.engineLanguage, segments: occurrences.size, fromTm, missing, billedCharacters };
    }),
  };
}

/** Distinct segments in first-use order, each with its uses and the context of its first block. */
function collectSegments(documents: readonly SourceDocument[]): Map<string, { context: string; uses: Array<{ namespace: string; key: string }> }> {
  const segments = new Map<string, { context: string; uses: Array<{ namespace: string; key: string }> }>();
  for (const document of documents) {
    for (const block of document.blocks) {
      block.segments.forEach((segment, i) => {
        const use = { namespace: document.namespace, key: block.key };
        const known = segments.get(segment);
        if (known) known.uses.push(use);
        else segments.set(segment, { context: block.segments.filter((_, j) => j !== i).join(' '), uses: [use] });
      });
    }
  }
  return segments;
}

export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
