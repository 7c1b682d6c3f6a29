import { EngineError, type EngineCallContext, type EngineLimits, type TranslatedSegment, type TranslationEngine, type TranslationRequest } from '../../src/engine/translation-engine.js';

export interface FakeEngineOptions {
  id?: string;
  /** Throw `EngineError` (reason quota) on every call after this many successful calls. */
  quotaAfterCalls?: number;
  limits?: Partial<EngineLimits>;
  /** The translation of one segment (default: `[<locale>] <text>`). */
  translate?: (text: string, request: TranslationRequest) => string;
}

/** A deterministic engine for tests that records every call. */
export class FakeEngine implements TranslationEngine {
  readonly id: string;
  readonly limits: EngineLimits;
  readonly calls: TranslationRequest[] = [];
  readonly #options: FakeEngineOptions;
  #succeeded = 0;

  constructor(options: FakeEngineOptions = {}) {
    this.#options = options;
    this.id = options.id ?? 'fake';
    this.limits = { maxSegmentsPerRequest: 50, maxRequestBytes: Infinity, ...options.limits };
  }

  capabilities(): { context: boolean; tagHandling: boolean; glossary: boolean; formality: boolean } {
    return { context: true, tagHandling: false, glossary: false, formality: false };
  }

  async translate(request: TranslationRequest, _ctx: EngineCallContext): Promise<TranslatedSegment[]> {
    this.calls.push(request);
    if (this.#options.quotaAfterCalls !== undefined && this.#succeeded >= this.#options.quotaAfterCalls) {
      throw new EngineError('Quota exceeded (456)', { retryable: false, reason: 'quota', status: 456 });
    }
    this.#succeeded++;
    const render = this.#options.translate ?? ((text: string, r: TranslationRequest) => `[${r.targetLocale}] ${text}`);
    return request.segments.map((s) => ({ text: render(s.text, request), billedCharacters: [...s.text].length }));
  }

  /** Every segment text sent for `locale`, in order. */
  sent(locale?: string): string[] {
    return this.calls.filter((c) => locale === undefined || c.targetLocale === locale).flatMap((c) => c.segments.map((s) => s.text));
  }
}
