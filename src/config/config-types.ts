import type { SeveritySetting } from '../qa/qa-types.js';
import type { BoilerplateRule } from '../read/read-document.js';

/**
 * The options of `pipeline.config.ts`. Every option is optional; `resolveConfig` fills the defaults
 * documented here with `@default`.
 */
export interface TilmashConfig {
  /**
   * Locale of the source documents. Only Russian has segmentation rules today.
   * @default 'ru'
   */
  sourceLocale?: 'ru';

  /**
   * Target locales, in the order they are processed and reported.
   * @default { en: { engineLanguage: 'EN-US' }, kk: { engineLanguage: 'KK' }, zh: { engineLanguage: 'ZH-HANS' } }
   * @example { en: { engineLanguage: 'EN-GB' }, zh: { engineLanguage: 'ZH-HANS' } }
   */
  targets?: Record<string, TargetLocaleConfig>;

  /**
   * Source documents, as globs relative to the config file. `*` matches within one path segment,
   * `**` across segments. Each file is the namespace `<name>`: articles `<name>.ru.txt` or
   * `<name>.ru.md`, i18next JSON `<name>.ru.json`, ICU/FormatJS messages `<name>.ru.icu.json`.
   * @default ['source/*.ru.txt', 'source/*.ru.md', 'source/*.ru.json', 'source/*.ru.icu.json']
   */
  sources?: string[];

  /**
   * Symbolic links among the sources: `'inside'` follows a link only when it resolves to a regular
   * file inside the project folder (a link to `/etc/passwd` or a `.env` elsewhere is refused, so it
   * is never sent to an engine or written to the TM); `'anywhere'` allows links outside the project.
   * Dangling links and link loops are errors either way.
   * @default 'inside'
   */
  sourceLinks?: 'inside' | 'anywhere';

  /**
   * The project glossary, relative to the config file: `.json` (`{ terms: [{ ru, en, kk, zh, doNotTranslate?, note? }] }`),
   * `.csv` (header `ru,en,kk,zh,dnt,note`) or `.tbx`. Its terms go to DeepL glossaries where the
   * target supports them (en, zh), do-not-translate terms are protected through MT, and the
   * `glossary` check enforces every term in every locale.
   * @default undefined (no glossary)
   * @example 'glossary.json'
   */
  glossary?: string;

  /** Rule-based QA of every translation (see the README for the checks). */
  qa?: {
    /**
     * Severity per check id: `error` (holds the key back, marks the segment needs-review, fails `--strict`), `warn`, `info` or `off`.
     * @default each check's own severity
     * @example { 'length-ratio': 'off', 'zh-punctuation': 'error' }
     */
    checks?: Record<string, SeveritySetting>;
  };

  /**
   * Lines a publication would not translate (navigation, size switchers, share buttons…).
   * Tested against each trimmed line of a plain-text source.
   * @default defaultBoilerplateRules (see src/read/default-reader-rules.ts)
   */
  boilerplate?: BoilerplateRule[];

  /**
   * A block matching one of these is a photo caption: one translation unit, repeats collapsed.
   * @default defaultCaptionPatterns (a line with `Фото:`, `Иллюстрация:`…)
   */
  captionPatterns?: RegExp[];

  /**
   * Abbreviations added to the Russian no-break list (never end a sentence), e.g. `['вкл.', 'мкр.']`.
   * @default []
   */
  extraAbbreviations?: string[];

  /** Translation memory. */
  tm?: {
    /**
     * Folder of the TM files (`<source>-<target>.jsonl`), relative to the config file.
     * @default 'tm'
     */
    dir?: string;
    /**
     * Least similarity (0.5–0.99) of a fuzzy TM match offered as a suggestion in XLIFF exports and
     * the review report. Fuzzy matches are never shipped: only exact matches fill the bundles.
     * @default 0.75
     */
    fuzzyThreshold?: number;
  };

  /** Bundles written by `tilmash run`. */
  output?: {
    /**
     * Folder of the bundles, relative to the config file.
     * @default 'locales'
     */
    dir?: string;
    /**
     * `i18next`: `<dir>/<lng>/<namespace>.json` (JSON v4); `icu`: `<dir>/icu/<lng>.json`, ids
     * `<namespace>.<key>`, for `@formatjs/intl`.
     * @default ['i18next', 'icu']
     */
    formats?: Array<'i18next' | 'icu'>;
    /**
     * What a bundle holds for a block with an untranslated segment. `omit`: leave the key out so
     * i18next falls back to `fallbackLng` (the source-locale bundle); `source`: write the Russian text.
     * @default 'omit'
     */
    incomplete?: 'omit' | 'source';
    /**
     * Also write the source-locale bundle (`<dir>/ru/<namespace>.json`), the fallback for i18next.
     * @default true
     */
    writeSourceLocale?: boolean;
  };

  /** The translation engine for segments the TM does not have. */
  engine?: EngineConfig;
}

export interface TargetLocaleConfig {
  /**
   * The engine's code for this language (DeepL: `EN-US`, `EN-GB`, `KK`, `ZH-HANS`).
   * @default the built-in code for `en`, `kk`, `zh`; required for any other locale
   */
  engineLanguage?: string;
  /**
   * How translated sentences of one block are joined.
   * @default '' for Chinese and Japanese, ' ' otherwise
   */
  sentenceJoiner?: string;
  /**
   * Engine of this locale. `pseudo` (pseudo-locales such as `en-XA` only) accents, pads and brackets
   * the text, to exercise the whole engine path with no credentials.
   * @default the run's `engine.name`
   */
  engine?: 'none' | 'auto' | 'deepl' | 'pseudo';
}

export interface EngineConfig {
  /**
   * `none`: TM only, missing segments are reported. `auto`: the DeepL adapter when `DEEPL_AUTH_KEY`
   * is set in the environment (never in this file), otherwise none. `deepl`: DeepL, and
   * translations are reported missing when the key is not set.
   * @default 'auto'
   */
  name?: 'none' | 'auto' | 'deepl';
  /**
   * Most segments in one engine request (DeepL allows 50).
   * @default 50
   */
  batchSize?: number;
  /**
   * Requests in flight at once.
   * @default 2
   */
  concurrency?: number;
  /**
   * Most requests reaching the engine in any rolling `intervalMs` window (the account's rate limit).
   * @default 5
   */
  requestsPerInterval?: number;
  /**
   * Window of `requestsPerInterval`, in milliseconds.
   * @default 1000
   */
  intervalMs?: number;
  /**
   * A request with no answer after this many milliseconds is abandoned and retried.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Retries of a retryable failure (429, 5xx, network) before the run gives up on the engine.
   * @default 5
   */
  maxRetries?: number;
}

/** Identity function that gives `pipeline.config.ts` its types. */
export function defineConfig(config: TilmashConfig): TilmashConfig {
  return config;
}
