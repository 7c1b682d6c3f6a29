import type { ConverterId } from '../derive/converters.js';
import type { SeveritySetting } from '../qa/qa-types.js';
import type { BoilerplateRule } from '../read/reader-types.js';

/** The config after defaults and validation: every option present, paths absolute. */
export interface ResolvedConfig {
  /** Folder of `pipeline.config.ts`; relative paths in the config are relative to it. */
  rootDir: string;
  sourceLocale: 'ru';
  targets: ResolvedTarget[];
  sources: string[];
  boilerplate: BoilerplateRule[];
  captionPatterns: RegExp[];
  extraAbbreviations: string[];
  tmDir: string;
  /** Least similarity of a fuzzy TM suggestion. */
  fuzzyThreshold: number;
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
    name: 'none' | 'auto' | 'deepl';
    batchSize: number;
    concurrency: number;
    requestsPerInterval: number;
    intervalMs: number;
    timeoutMs: number;
    maxRetries: number;
  };
}

export interface ResolvedTarget {
  locale: string;
  engineLanguage: string;
  sentenceJoiner: string;
  /** Engine of this locale; undefined: the run's `engine.name`. */
  engine?: 'none' | 'auto' | 'deepl' | 'pseudo';
  /** A derived locale: converted from the `from` target's translations, never sent to an engine. */
  derived?: { from: string; converter: ConverterId };
}
