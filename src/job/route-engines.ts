import type { TranslationEngine } from '../engine/translation-engine.js';
import type { TmEntry } from '../tm/tm-entry.js';
import type { JobReport } from './job-report.js';
import type { JobPlan, LocalePlan } from './plan-job.js';
import type { TranslateOutcome } from './translate-missing.js';

/** A locale's segments handed from one engine to the next, and why. */
export interface EngineFallback {
  locale: string;
  from: string;
  to: string;
  segments: number;
  reason: string;
}

export interface RouteEnginesOptions {
  plan: JobPlan;
  /** The engines of a locale in fallback order. */
  chainFor: (locale: string) => readonly TranslationEngine[];
  /** Engines refused before sending (quota, key): their locales start with the next engine. */
  skipped?: ReadonlyMap<TranslationEngine, string>;
  /** One engine's pass over part of the plan (translateMissing with that engine's queue). */
  translate: (engine: TranslationEngine, plan: JobPlan) => Promise<TranslateOutcome>;
  lookup: (locale: string, source: string) => TmEntry | undefined;
  /** Hand over segments the engine translated but QA failed (needs-review). */
  fallbackOnQa: boolean;
  signal?: AbortSignal | undefined;
}

export interface RoutedOutcome {
  /** Every engine pass, in order; a failure the next engine took over is removed from its outcome. */
  outcomes: TranslateOutcome[];
  fallbacks: EngineFallback[];
}

/**
 * Per-locale routing with fallback. Passes run one after another: in each, every engine serves the
 * locales at its place in their chains, all engines at once, each with its own queue (so an engine
 * never has two queues, and its rate limit holds). What a pass leaves — never received (quota, key,
 * unsupported language, failures after retries), or received but failing QA when `fallbackOnQa` —
 * goes to the locale's next engine. An engine failure whose locales were all handed over is not
 * the run's failure (it is in `fallbacks`); one that left a locale short still is. Nothing is sent
 * after an interruption.
 */
export async function routeEngines(options: RouteEnginesOptions): Promise<RoutedOutcome> {
  const outcomes: TranslateOutcome[] = [];
  const fallbacks: EngineFallback[] = [];
  /** Per locale: where it is in its chain and what it still needs. */
  let pending = options.plan.locales
    .filter((l) => l.missing.length > 0)
    .map((locale) => ({ locale, chain: options.chainFor(locale.locale), at: 0, handedForQa: new Set<string>(), from: undefined as TranslationEngine | undefined }))
    .filter((p) => p.chain.length > 0);
  for (const p of pending) {
    while (p.at < p.chain.length - 1 && options.skipped?.has(p.chain[p.at] as TranslationEngine)) {
      const skipped = p.chain[p.at] as TranslationEngine;
      fallbacks.push({ locale: p.locale.locale, from: skipped.id, to: (p.chain[p.at + 1] as TranslationEngine).id, segments: p.locale.missing.length, reason: options.skipped.get(skipped) as string });
      p.at++;
    }
  }
  pending = pending.filter((p) => !options.skipped?.has(p.chain[p.at] as TranslationEngine));

  while (pending.length > 0 && !options.signal?.aborted) {
    const groups = new Map<TranslationEngine, typeof pending>();
    for (const p of pending) {
      const engine = p.chain[p.at] as TranslationEngine;
      groups.set(engine, [...(groups.get(engine) ?? []), p]);
    }
    const passes = await Promise.all([...groups].map(async ([engine, members]) => ({ engine, members, outcome: await options.translate(engine, { locales: members.map((m) => m.locale) }) })));
    const next: typeof pending = [];
    for (const { engine, members, outcome } of passes) {
      outcomes.push(outcome);
      forgetReplaced(members, outcomes, options.lookup);
      let shortfall = false;
      for (const member of members) {
        const { locale } = member.locale;
        const failedQa = new Set<string>();
        const left = member.locale.missing.filter((m) => {
          const entry = options.lookup(locale, m.source);
          if (!entry) return true;
          const qa = options.fallbackOnQa && entry.status === 'needs-review' && entry.origin === `engine:${engine.id}`;
          if (qa) failedQa.add(m.source);
          return qa;
        });
        if (left.length === 0) continue;
        const to = member.chain[member.at + 1];
        if (!to || outcome.failure?.kind === 'interrupted' || options.signal?.aborted) {
          if (left.length > failedQa.size) shortfall = true;
          continue;
        }
        const never = left.length - failedQa.size;
        const reason = [never > 0 ? `${never} not translated${outcome.failure ? `: ${outcome.failure.message}` : ''}` : '', failedQa.size > 0 ? `${failedQa.size} failed QA` : ''].filter(Boolean).join('; ');
        fallbacks.push({ locale, from: engine.id, to: to.id, segments: left.length, reason });
        next.push({ locale: { ...member.locale, missing: left }, chain: member.chain, at: member.at + 1, handedForQa: failedQa, from: engine });
      }
      if (outcome.failure && outcome.failure.kind !== 'interrupted' && !shortfall) delete outcome.failure;
    }
    pending = next;
  }
  return { outcomes, fallbacks };
}

/**
 * A segment handed over for failing QA and now translated by the next engine is counted once, by
 * the engine whose translation stands: the earlier engine's `translated` and `needsReview` drop.
 */
function forgetReplaced(members: ReadonlyArray<{ locale: LocalePlan; handedForQa: Set<string>; from: TranslationEngine | undefined }>, outcomes: TranslateOutcome[], lookup: RouteEnginesOptions['lookup']): void {
  for (const member of members) {
    if (!member.from || member.handedForQa.size === 0) continue;
    const { locale } = member.locale;
    const replaced = [...member.handedForQa].filter((source) => lookup(locale, source)?.origin !== `engine:${(member.from as TranslationEngine).id}`).length;
    // The earlier pass of this locale is the latest outcome before this one that served it.
    const earlier = outcomes.slice(0, -1).reverse().find((o) => o.perLocale.has(locale))?.perLocale.get(locale);
    if (!earlier || replaced === 0) continue;
    earlier.translated -= replaced;
    earlier.needsReview -= replaced;
  }
}

/** The report's failure from the passes: the most serious one left standing (quota/key over others). */
export function standingFailure(outcomes: readonly TranslateOutcome[], current: JobReport['failure']): JobReport['failure'] {
  let failure = current;
  for (const outcome of outcomes) {
    if (outcome.failure && (!failure || failure.kind === 'engine')) failure = outcome.failure;
  }
  return failure;
}
