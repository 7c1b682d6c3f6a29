import type { SeveritySetting } from '../qa/qa-types.js';
import type { BoilerplateRule } from '../read/read-document.js';

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
}
