import type { TokenUsage, TranslationEngine, TranslationRequest } from '../engine/translation-engine.js';
import { chooseMethods, protectSegment, tokenizeSegment } from '../protect/index.js';
import type { JobReport } from './job-report.js';
import { makeBatches } from './make-batches.js';
import type { JobPlan } from './plan-job.js';

export type TokenReport = NonNullable<JobReport['tokens']>[number];

/** Tokens each engine that bills tokens has used so far, per locale (a snapshot, to subtract later). */
export function tokenSnapshot(engines: Iterable<TranslationEngine>): Map<TranslationEngine, Map<string, TokenUsage>> {
  const snapshot = new Map<TranslationEngine, Map<string, TokenUsage>>();
  for (const engine of new Set(engines)) if (engine.tokenUsage) snapshot.set(engine, new Map([...engine.tokenUsage()].map(([l, u]) => [l, { ...u }])));
  return snapshot;
}

/** What this run used: the engines' token counts now minus the snapshot taken before it, with cost where priced. */
export function tokensUsed(before: Map<TranslationEngine, Map<string, TokenUsage>>): TokenReport[] {
  const rows: TokenReport[] = [];
  for (const [engine, earlier] of before) {
    for (const [locale, now] of engine.tokenUsage?.() ?? []) {
      const was = earlier.get(locale);
      const used = { promptTokens: now.promptTokens - (was?.promptTokens ?? 0), completionTokens: now.completionTokens - (was?.completionTokens ?? 0), requests: now.requests - (was?.requests ?? 0) };
      if (used.requests === 0) continue;
      rows.push(row(engine, locale, { ...used, estimated: now.estimated }, false));
    }
  }
  return rows;
}

/**
 * Before a run (`status`, `--dry-run`): the tokens each token-billing engine of a locale's chain would
 * use if it translated everything missing — the requests built as the run builds them (same
 * protection, same batches, same prompt), prompts counted, answers estimated. A fallback engine's row is the
 * most it could use.
 */
export function estimateTokens(
  plan: JobPlan,
  chainFor: (locale: string) => readonly TranslationEngine[],
  options: { sourceLanguage: string; batchSize: number; doNotTranslate: readonly string[]; glossaryEntries: (locale: string) => ReadonlyArray<readonly [string, string]> },
): TokenReport[] {
  const rows: TokenReport[] = [];
  for (const locale of plan.locales) {
    const chain = chainFor(locale.locale);
    for (const [place, engine] of chain.entries()) {
      if (!engine.estimateTokens || locale.missing.length === 0) continue;
      const tagHandling = engine.capabilities(locale.engineLanguage).tagHandling;
      const items = locale.missing
        .filter((m) => m.source.trim() !== '')
        .map((m) => {
          const pieces = tokenizeSegment(m.source, m.syntax, { doNotTranslate: options.doNotTranslate });
          const method = chooseMethods(pieces, tagHandling)[0] ?? 'none';
          const protection = protectSegment(m.source, m.syntax, method, { doNotTranslate: options.doNotTranslate });
          return { wire: protection.wire, format: protection.format, context: m.context };
        });
      const total: TokenUsage = { promptTokens: 0, completionTokens: 0, requests: 0, estimated: true };
      const glossary = options.glossaryEntries(locale.locale);
      for (const format of ['text', 'xml'] as const) {
        for (const batch of makeBatches(items.filter((i) => i.format === format), engine.limits, options.batchSize).batches) {
          const request: TranslationRequest = {
            sourceLanguage: options.sourceLanguage,
            targetLanguage: locale.engineLanguage,
            targetLocale: locale.locale,
            segments: batch.flatMap((item) => item.wire.map((text) => (item.context ? { text, context: item.context } : { text }))),
            ...(format === 'xml' ? { format } : {}),
          };
          const one = engine.estimateTokens(request, glossary);
          total.promptTokens += one.promptTokens;
          total.completionTokens += one.completionTokens;
          total.requests += 1;
        }
      }
      rows.push(row(engine, locale.locale, total, place > 0));
    }
  }
  return rows;
}

function row(engine: TranslationEngine, locale: string, usage: TokenUsage, fallback: boolean): TokenReport {
  const price = engine.pricePerMillionTokens;
  const cost = price ? Math.round(((usage.promptTokens * price.input + usage.completionTokens * price.output) / 1e6) * 1e6) / 1e6 : undefined;
  return { engine: engine.id, locale, ...usage, ...(cost !== undefined ? { cost } : {}), ...(fallback ? { fallback } : {}) };
}
