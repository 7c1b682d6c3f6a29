/**
 * The one way the job runner talks to machine translation. An adapter (DeepL, pseudo, a test fake)
 * translates a batch of segments from one language to another and says what it can do.
 */
export interface TranslationEngine {
  /** Stable id, recorded as the TM origin `engine:<id>`. Never contains a secret. */
  readonly id: string;
  /** Hard limits of one request; the runner never builds a batch beyond them. */
  readonly limits: EngineLimits;
  /** What the engine supports for a target language (engine code, e.g. `KK`). */
  capabilities(targetLanguage: string): EngineCapabilities;
  /**
   * Translates `request.segments` in order: the result has exactly one entry per segment.
   * Throws `EngineError` on failure.
   */
  translate(request: TranslationRequest, ctx: EngineCallContext): Promise<TranslatedSegment[]>;
  /**
   * The engine's target language codes (upper case, e.g. `KK`, `EN-US`, `ZH-HANS`), for engines that
   * publish them: each locale's `engineLanguage` is checked against them before anything is billed.
   */
  targetLanguages?(): Promise<readonly string[]>;
  /**
   * For engines that send requests of their own besides `translate` (usage, glossaries, language
   * lists): from now on each of them takes its place in `pacer`'s window. `translate` calls are
   * paced by the queue and call `ctx.sending()` instead.
   */
  usePacer?(pacer: RequestPacer): void;
  /** The account's usage this billing period, for engines that bill (cost control before a run). */
  usage?(): Promise<{ characterCount: number; characterLimit: number }>;
  /**
   * For engines with `capabilities(target).glossary`: makes sure the engine holds a glossary with
   * exactly `entries` (source term → required target term) for the pair and returns its id for
   * `TranslationRequest.glossaryId`. Creates or replaces it only when the entries changed.
   */
  prepareGlossary?(sourceLanguage: string, targetLanguage: string, entries: ReadonlyArray<readonly [string, string]>, ctx: EngineCallContext): Promise<string>;
  /** For engines that bill tokens (LLMs): tokens of every answered request so far, per target locale (bad answers too: they are paid). */
  tokenUsage?(): ReadonlyMap<string, TokenUsage>;
  /** For engines that bill tokens: what one request would use, before sending (prompt counted, answer estimated). */
  estimateTokens?(request: TranslationRequest, glossary: ReadonlyArray<readonly [string, string]>): TokenUsage;
  /** Price per million tokens, in the user's currency, when configured (cost estimates and reports). */
  readonly pricePerMillionTokens?: { input: number; output: number };
  /**
   * The engine's own request-queue settings (its account's rate limit), given to its RequestQueue as
   * they are; unset ones come from `engine.*`. `maxSkewMs`: how long after its send a request may
   * reach the server (the rate window counts it until then, or until its answer): an LLM answers
   * seconds after the request arrived, so counting until the answer would waste most of the rate.
   */
  readonly queueSettings?: Partial<{ batchSize: number; concurrency: number; requestsPerInterval: number; intervalMs: number; maxRetries: number; maxSkewMs: number; rate: 'adaptive' | 'fixed'; maxRequestsPerSecond: number }>;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** Requests answered (retries included). */
  requests: number;
  /** Counts from a tokenizer estimate rather than the server's `usage`. */
  estimated: boolean;
}

export interface EngineLimits {
  /** Most segments in one request. */
  maxSegmentsPerRequest: number;
  /** Most bytes of encoded request body (the engine's own encoding), or Infinity. */
  maxRequestBytes: number;
  /** Bytes of each request kept for the joined `context` of its segments (0: none sent). */
  maxContextBytes?: number;
  /** Most tokens of segment text in one request, counted by `countTokens` (LLMs). */
  maxRequestTokens?: number;
  countTokens?: (text: string) => number;
}

export interface EngineCapabilities {
  /** `context` is used (and not billed). */
  context: boolean;
  /** XML/HTML tag handling, for placeholder protection. */
  tagHandling: boolean;
  glossary: boolean;
  formality: boolean;
}

export interface TranslationRequest {
  /** Engine language codes, e.g. `RU` → `ZH-HANS`. */
  sourceLanguage: string;
  targetLanguage: string;
  /** The Tilmash target locale the request is for (`zh`), for adapters that care. */
  targetLocale: string;
  segments: ReadonlyArray<{ text: string; context?: string }>;
  /** `xml`: the texts carry `<x id="N"/>` and `<g id="N">…</g>` tags the engine must keep (needs `tagHandling`). @default 'text' */
  format?: 'text' | 'xml';
  /** An id from `prepareGlossary` for this language pair. */
  glossaryId?: string;
}

export interface TranslatedSegment {
  text: string;
  /** Characters the engine billed for this segment. */
  billedCharacters: number;
}

export interface EngineCallContext {
  /**
   * The job's signal (aborted on Ctrl-C), passed through for adapters that can abandon a request.
   * A quota or key refusal stops the queue, not this signal. The DeepL adapter ignores it: requests
   * in flight finish and their answers are recorded.
   */
  signal?: AbortSignal;
  /**
   * Given by the request queue: call right before the HTTP request really leaves (after any lazy
   * load of an SDK or tokenizer), so the rate window counts it from the moment the server can see it.
   */
  sending?: () => void;
}

/**
 * The account's request clock (a RateController of the job), for the engine's own side requests:
 * usage, glossaries, language lists reach the same server and count in its rate limit. Each HTTP
 * request acquires a permit first (waiting for its place in the window) and reports how it ended.
 */
export interface RequestPacer {
  acquire(): Promise<{ sent(): void; done(result: 'ok' | 'failed' | 'rate-limited', retryAfterMs?: number): void }>;
}

/** A failed engine call. `retryable` says whether sending the same request again makes sense. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    message: string,
    readonly options: {
      retryable: boolean;
      /** `quota` (456) and `auth` (403) stop the whole run; `other` fails this request. */
      reason?: 'quota' | 'auth' | 'rate-limit' | 'server' | 'network' | 'timeout' | 'bad-request' | 'bad-response' | 'other';
      status?: number;
      /** Milliseconds the engine asked to wait (Retry-After), when it did. */
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
  get retryable(): boolean {
    return this.options.retryable;
  }
}

/** A refusal of the whole account (quota used up, key refused): no further request can succeed, so the run stops. */
export function isAccountRefusal(error: unknown): error is EngineError {
  return error instanceof EngineError && (error.options.reason === 'quota' || error.options.reason === 'auth');
}
