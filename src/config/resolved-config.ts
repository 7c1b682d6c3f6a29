import type { ConverterId } from '../derive/converters.js';
import type { SeveritySetting } from '../qa/qa-types.js';
import type { BoilerplateRule } from '../read/reader-types.js';
import type { EngineName } from './config-types.js';

/** The config after defaults and validation: every option present, paths absolute. */
export interface ResolvedConfig {
  /** Folder of `pipeline.config.ts`; relative paths in the config are relative to it. */
  rootDir: string;
  sourceLocale: 'ru';
  targets: ResolvedTarget[];
  sources: string[];
  /** Where a symbolic link among the sources may point (see `sourceLinks` in config-types.ts). */
  sourceLinks: 'inside' | 'anywhere';
  boilerplate: BoilerplateRule[];
  captionPatterns: RegExp[];
  extraAbbreviations: string[];
  tmDir: string;
  /** Least similarity of a fuzzy TM suggestion. */
  fuzzyThreshold: number;
  /** `tm.store`: the shared TM's PostgreSQL URL (a secret: never print it unredacted), or undefined for the file TM. */
  tmStore?: string | undefined;
  /** Absolute path of the glossary file, when the config names one. */
  glossaryFile: string | undefined;
  /** Configured severity per QA check id (checks not named keep their default). */
  qaChecks: Record<string, SeveritySetting>;
  output: {
    dir: string;
    formats: Array<'i18next' | 'icu'>;
    incomplete: 'omit' | 'source';
    writeSourceLocale: boolean;
  };
  engine: {
    /** The first engine of `names`. */
    name: 'none' | 'auto' | 'deepl' | 'llm';
    /** The run's engines in fallback order (one for most configs). */
    names: EngineName[];
    fallbackOnQa: boolean;
    /** Set when the config or the environment can use the `llm` engine. */
    llm: ResolvedLlmConfig | undefined;
    batchSize: number;
    concurrency: number;
    requestsPerInterval: number;
    intervalMs: number;
    timeoutMs: number;
    maxRetries: number;
    rate: 'adaptive' | 'fixed';
    /** Set only when the config sets it (the queue's default ceiling otherwise). */
    maxRequestsPerSecond?: number;
    /** Set only when the config sets it (the rate's default otherwise). */
    maxSkewMs?: number;
  };
}

export interface ResolvedTarget {
  locale: string;
  engineLanguage: string;
  sentenceJoiner: string;
  /** Engine of this locale (the first of `engines`); undefined: the run's `engine.name`. */
  engine?: EngineName;
  /** The locale's engines in fallback order, when the config names some. */
  engines?: EngineName[];
  /** A derived locale: converted from the `from` target's translations, never sent to an engine. */
  derived?: { from: string; converter: ConverterId };
}

export interface ResolvedLlmConfig {
  baseURL: string | undefined;
  model: string | undefined;
  apiKeyEnv: string;
  segmentsPerRequest: number;
  tokensPerRequest: number;
  contextWindow: number;
  maxOutputTokens: number;
  structuredOutput: 'json_schema' | 'text';
  systemPrompt: string | undefined;
  examples: Array<{ locale?: string; source: string; target: string }> | undefined;
  temperature: number;
  seed: number | undefined;
  tokenizer: 'o200k_base' | 'cl100k_base' | 'estimate' | undefined;
  pricePerMillionTokens: { input: number; output: number } | undefined;
  /** Set options of this engine's queue (the rest come from `engine.*`). */
  queue: Partial<{ concurrency: number; requestsPerInterval: number; intervalMs: number; maxRetries: number; maxSkewMs: number }>;
  timeoutMs: number;
}
