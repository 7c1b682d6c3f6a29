import type { SeveritySetting } from '../qa/qa-types.js';
import type { BoilerplateRule } from '../read/reader-types.js';

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
   * Lines a publication would not translate (navigation, datelines, widgets, share buttons…), as
   * line rules with ids (`tilmash segment --explain` names them). `{ extend: [...], disable:
   * ['rule-id'], captions: [/…/] }` builds on the defaults: `extend` rules are tried first, the
   * disabled ids are left out, `captions` adds caption patterns. An array replaces the defaults
   * (they are exported as `defaultBoilerplateRules` to build on).
   * @default defaultBoilerplateRules (see src/read/default-reader-rules.ts)
   */
  boilerplate?: BoilerplateRule[] | { extend?: BoilerplateRule[]; disable?: string[]; captions?: RegExp[] };

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
    /**
     * A shared TM in PostgreSQL instead of the files in `dir`, e.g. `process.env.TILMASH_TM_URL`
     * (`postgres://user:password@host:5432/db`; the URL is never printed with its password). Without
     * it, the `TILMASH_TM_URL` environment variable is used when set; else the file TM.
     */
    store?: string;
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
   * Engine of this locale, or an ordered list: the next engine takes what the one before refused
   * (quota, key, unsupported language, failures after retries) or what failed QA (`engine.fallbackOnQa`).
   * `llm` is the OpenAI-compatible server of `engine.llm`. `pseudo` (pseudo-locales such as `en-XA`
   * only) accents, pads and brackets the text, to exercise the whole engine path with no credentials.
   * @default the run's `engine.name`
   * @example ['deepl', 'llm']
   */
  engine?: EngineName | EngineName[];
  /**
   * Derive this locale from another target's translations instead of translating it: no engine is
   * ever asked, the parent's review is reused, and a change in the parent re-derives. The parent must
   * be a configured target that is not itself derived. Needs `converter`.
   * @default undefined (translated by the engine)
   * @example 'kk'
   */
  derivedFrom?: string;
  /**
   * The converter of a derived locale: `kk-cyrl-latn` (Kazakh Cyrillic → the 2021 Latin alphabet),
   * `opencc:cn-tw` (Simplified → Traditional, Taiwan characters), `opencc:cn-twp` (Taiwan, with
   * phrases: 软件 → 軟體), `opencc:cn-hk` (Hong Kong).
   * @example { 'kk-Latn': { derivedFrom: 'kk', converter: 'kk-cyrl-latn' }, 'zh-Hant': { derivedFrom: 'zh', converter: 'opencc:cn-tw' } }
   */
  converter?: 'kk-cyrl-latn' | 'opencc:cn-tw' | 'opencc:cn-twp' | 'opencc:cn-hk';
}

/** An engine a locale can use. */
export type EngineName = 'none' | 'auto' | 'deepl' | 'llm' | 'pseudo';

export interface EngineConfig {
  /**
   * `none`: TM only, missing segments are reported. `auto`: the DeepL adapter when `DEEPL_AUTH_KEY`
   * is set in the environment (never in this file), otherwise none. `deepl`: DeepL, and
   * translations are reported missing when the key is not set. `llm`: the server of `engine.llm`.
   * An ordered list falls back like `targets.<locale>.engine`.
   * @default 'auto'
   */
  name?: 'none' | 'auto' | 'deepl' | 'llm' | Array<'deepl' | 'llm'>;
  /**
   * Most segments in one engine request (DeepL allows 50).
   * @default 50
   */
  batchSize?: number;
  /**
   * Requests in flight at once (4 keep a 20 requests/s account busy at 50–100 ms per request).
   * @default 4
   */
  concurrency?: number;
  /**
   * `adaptive`: the queue discovers the server's rate (AIMD): it starts at `requestsPerInterval`,
   * doubles while answers come back without 429 until the first one, then lowers the rate to half
   * (or to what the server let through, if less) on a 429, climbs back additively and probes one
   * request higher after 30 clean windows; never above `maxRequestsPerSecond`. A 429's
   * `Retry-After` pauses every request until then. `fixed`: at most `requestsPerInterval` per
   * `intervalMs`, every request slowed after a 429 (the behaviour before adaptive rates).
   * Every request to the engine's server counts: translations, usage, glossaries, language lists.
   * @default 'adaptive'
   */
  rate?: 'adaptive' | 'fixed';
  /**
   * With `rate: 'adaptive'`, the ceiling: the queue never sends more than this many requests per
   * second (a number > 0, fractions allowed), however fast the server answers.
   * @default 50, or the starting rate if that is higher
   */
  maxRequestsPerSecond?: number;
  /**
   * Most milliseconds between a request's send and its arrival at the server: the rate window counts
   * a request until its answer arrives, but no longer than this after its (real) send. Raise it for
   * a distant server (a miscount costs a 429, retried, never lost).
   * @default 100 with `rate: 'adaptive'`; `intervalMs` with `rate: 'fixed'` (counted until the answer)
   */
  maxSkewMs?: number;
  /**
   * Most requests reaching the engine in any rolling `intervalMs` window: with `rate: 'fixed'` the
   * account's rate limit, with `rate: 'adaptive'` the rate the queue starts at.
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
  /**
   * With a list of engines, a segment the engine translated but QA failed (recorded needs-review)
   * is sent to the next engine too; `false`: only what the engine did not translate.
   * @default true
   */
  fallbackOnQa?: boolean;
  /** The `llm` engine: any OpenAI-compatible chat-completions server. */
  llm?: LlmEngineConfig;
}

export interface LlmEngineConfig {
  /**
   * The server's API root (OPENAI_BASE_URL in the environment overrides the default, not this option).
   * @default 'https://api.openai.com/v1'
   * @example 'http://localhost:11434/v1' (Ollama), 'http://localhost:8000/v1' (vLLM)
   */
  baseURL?: string;
  /**
   * The model, as the server names it (required when `llm` is used; OPENAI_MODEL in the environment if unset).
   * @example 'gpt-4o-mini', 'qwen2.5:14b', 'Qwen/Qwen2.5-14B-Instruct'
   */
  model?: string;
  /**
   * Name of the environment variable holding the API key (the key itself never goes in this file).
   * A local server needs none: without the variable no Authorization header is sent.
   * @default 'OPENAI_API_KEY'
   */
  apiKeyEnv?: string;
  /** Most segments in one request. @default 40 */
  segmentsPerRequest?: number;
  /** Most tokens of segment text in one request (the prompt adds instructions and context). @default 3000 */
  tokensPerRequest?: number;
  /** The model's context window, prompt and answer together. @default 16384 */
  contextWindow?: number;
  /** Most tokens of one answer (`max_tokens`). @default 4096 */
  maxOutputTokens?: number;
  /**
   * `json_schema`: the answer is constrained by `response_format` (OpenAI, vLLM, Ollama, llama.cpp,
   * LM Studio); a server that refuses it is asked in the prompt alone. `text`: the prompt alone.
   * @default 'json_schema'
   */
  structuredOutput?: 'json_schema' | 'text';
  /** The system prompt; `{source}`, `{target}` and `{targetNotes}` are filled per request. @default DEFAULT_SYSTEM_PROMPT (src/engine/llm/llm-prompt.ts) */
  systemPrompt?: string;
  /**
   * Few-shot examples as they travel (placeholders as `<x id="1"/>`), per target locale or for all.
   * @default one built-in example for en, kk and zh; `[]` sends none
   * @example [{ locale: 'kk', source: 'Сохранить', target: 'Сақтау' }]
   */
  examples?: Array<{ locale?: string; source: string; target: string }>;
  /** @default 0 */
  temperature?: number;
  /** Sent where the server supports it, so a retry is comparable; `null`: not sent. @default 7 */
  seed?: number | null;
  /** Token counting: a bundled BPE or an estimate. @default by model family: o200k_base (gpt-4o, gpt-4.1, gpt-5, o*), cl100k_base (gpt-4, gpt-3.5), else 'estimate' */
  tokenizer?: 'o200k_base' | 'cl100k_base' | 'estimate';
  /** For cost estimates and reports, in your currency. @example { input: 0.15, output: 0.6 } */
  pricePerMillionTokens?: { input: number; output: number };
  /**
   * Most milliseconds between a request's send and its arrival at the server: the rate window counts
   * a request until its answer, but no longer than this after its send (the send is stamped when
   * the HTTP request really leaves, after the SDK and tokenizer loaded). A model answers seconds
   * after the request arrived, so a smaller value uses more of the rate limit; raise it for a
   * distant server whose requests take longer to arrive (a 429 is retried, never lost).
   * @default 100
   */
  maxSkewMs?: number;
  /** This engine's own queue (its server's rate limit); unset: `engine.*`, except `timeoutMs` (120000). */
  concurrency?: number;
  requestsPerInterval?: number;
  intervalMs?: number;
  timeoutMs?: number;
  maxRetries?: number;
}

/** Identity function that gives `pipeline.config.ts` its types. */
export function defineConfig(config: TilmashConfig): TilmashConfig {
  return config;
}
