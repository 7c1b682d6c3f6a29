import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import { derivedLookup, type DerivedLocale } from '../derive/derived-lookup.js';
import { converterOf, isDerivedOrigin, type Converter } from '../derive/converters.js';
import type { Glossary } from '../glossary/glossary-types.js';
import type { Syntax } from '../protect/index.js';
import type { TranslationEngine } from '../engine/translation-engine.js';
import type { TmStore as TranslationMemory } from '../tm/tm-store.js';
import type { TmEntry } from '../tm/tm-entry.js';
import { doNotTranslateTerms } from './do-not-translate.js';
import type { TmLookup } from './plan-job.js';
import { planUnit } from './plan-unit.js';
import type { SourceDocument } from './source-document.js';

/** The config's derived targets (`kk-Latn` from `kk`). */
export function derivedLocalesOf(targets: readonly ResolvedTarget[]): DerivedLocale[] {
  return targets.flatMap((t) => (t.derived ? [{ locale: t.locale, from: t.derived.from, converter: t.derived.converter }] : []));
}

/**
 * How the job reads the TM: as it is, with every derived locale's entries converted from their
 * parent's current ones (see `derivedLookup`). Run, check, review and export all read through it.
 */
export function jobLookup(config: ResolvedConfig, documents: readonly SourceDocument[], glossary: Glossary, tm: TranslationMemory): TmLookup {
  const base: TmLookup = (locale, source) => tm.lookup(locale, source);
  const derived = derivedLocalesOf(config.targets);
  if (derived.length === 0) return base;
  let syntaxes: Map<string, Syntax> | undefined;
  const syntaxOf = (source: string): Syntax => (syntaxes ??= segmentSyntaxes(config, documents)).get(source) ?? 'plain';
  return derivedLookup({ derived, base, glossary, doNotTranslate: doNotTranslateTerms(glossary), syntaxOf });
}

/** Each source segment's syntax (how its placeholders are written), from the units that use it. */
function segmentSyntaxes(config: ResolvedConfig, documents: readonly SourceDocument[]): Map<string, Syntax> {
  const out = new Map<string, Syntax>();
  for (const target of config.targets.filter((t) => t.derived)) {
    for (const document of documents) {
      for (const unit of document.units) for (const segment of planUnit(unit, target, config.sourceLocale).segments) if (!out.has(segment.text)) out.set(segment.text, unit.syntax);
    }
  }
  return out;
}

/**
 * The derivation stage of `run`, after the parents' translations and the people's edits are in the
 * TM: every segment a derived target needs whose derived entry is new or changed (the parent's text
 * or status changed, or the converter) is recorded in the derived locale's TM file
 * (`tm/ru-kk-Latn.jsonl`). No engine is involved. Returns the entries recorded per locale.
 */
export async function recordDerivations(tm: TranslationMemory, lookup: TmLookup, documents: readonly SourceDocument[], targets: readonly ResolvedTarget[], sourceLocale: string): Promise<Map<string, number>> {
  const recorded = new Map<string, number>();
  for (const target of targets) {
    if (!target.derived) continue;
    const fresh = new Map<string, TmEntry>();
    for (const document of documents) {
      for (const unit of document.units) {
        for (const { text } of planUnit(unit, target, sourceLocale).segments) {
          const entry = lookup(target.locale, text);
          if (entry && isDerivedOrigin(entry.origin) && entry !== tm.lookup(target.locale, text)) fresh.set(text, entry);
        }
      }
    }
    if (fresh.size > 0) await tm.record(target.locale, [...fresh.values()]);
    recorded.set(target.locale, fresh.size);
  }
  return recorded;
}

/** For a report: a derived locale's parent and converter. */
export function derivedFromOf(targets: readonly ResolvedTarget[], locale: string): { derivedFrom?: { locale: string; converter: string } } {
  const derived = targets.find((t) => t.locale === locale)?.derived;
  return derived ? { derivedFrom: { locale: derived.from, converter: derived.converter } } : {};
}

/** Each derived target with its converter. */
export function derivedConverters(targets: readonly ResolvedTarget[]): Array<{ locale: string; from: string; converter: Converter }> {
  return derivedLocalesOf(targets).map((d) => ({ locale: d.locale, from: d.from, converter: converterOf(d.converter) }));
}

/** For the review report: each derived locale's parent and converter (nothing when there are none). */
export function derivedOfTargets(targets: readonly ResolvedTarget[]): { derived?: Record<string, { from: string; converter: string }> } {
  const derived = derivedLocalesOf(targets);
  return derived.length === 0 ? {} : { derived: Object.fromEntries(derived.map((d) => [d.locale, { from: d.from, converter: d.converter }])) };
}
