import type { EngineCapabilities } from '../translation-engine.js';

/**
 * What DeepL supports per target language (DeepL docs, 2026): Kazakh is text-only — no tag
 * handling, no glossary, no formality. English and Chinese have tag handling and glossaries; none
 * of the three accepts `formality: more|less`. `context` works for every target and is not billed.
 */
export function deeplCapabilities(targetLanguage: string): EngineCapabilities {
  const language = targetLanguage.toUpperCase().split('-')[0];
  if (language === 'KK') return { context: true, tagHandling: false, glossary: false, formality: false };
  if (language === 'EN' || language === 'ZH') return { context: true, tagHandling: true, glossary: true, formality: false };
  return { context: true, tagHandling: true, glossary: false, formality: false };
}

/** DeepL's hard limits of one /v2/translate request. */
export const DEEPL_LIMITS = { maxSegmentsPerRequest: 50, maxRequestBytes: 128 * 1024, maxContextBytes: 24 * 1024 } as const;
