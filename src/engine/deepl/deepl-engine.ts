import type * as deepl from 'deepl-node';
import type { EngineCallContext, RequestPacer, TranslatedSegment, TranslationEngine, TranslationRequest } from '../translation-engine.js';
import { EngineError } from '../translation-engine.js';
import { DEEPL_LIMITS, deeplCapabilities } from './deepl-capabilities.js';
import { toEngineError } from './deepl-errors.js';
import { redactEngineError } from '../redact-secrets.js';
import { createGlossaryKeeper } from './deepl-glossaries.js';
import { watchRetryAfter } from './retry-after-watch.js';

export interface DeeplEngineOptions {
  /** From the environment (DEEPL_AUTH_KEY) only; never logged or stored. */
  authKey: string;
  /** Another server (a proxy, or a local fake in tests). @default DeepL's API for the key's plan */
  serverUrl?: string;
  /** Milliseconds before a request without an answer is abandoned. */
  timeoutMs: number;
  /** Names this project's DeepL glossaries (`tilmash/<project> ru-en <hash>`), so projects sharing an account never replace each other's. @default 'default' */
  glossaryProject?: string;
}

export interface DeeplUsage {
  characterCount: number;
  characterLimit: number;
}


/** DeepL's target languages per server host, fetched once per process. */
const TARGET_LANGUAGE_CACHE = new Map<string, Promise<readonly string[]>>();

/**
 * The DeepL adapter over deepl-node. It never retries (deepl-node's retries are off): the request
 * queue is the one retry owner. Source is always `RU`; targets use the locale's engine code.
 */
export function createDeeplEngine(options: DeeplEngineOptions): TranslationEngine & {
  prepareGlossary: NonNullable<TranslationEngine['prepareGlossary']>;
  usePacer: NonNullable<TranslationEngine['usePacer']>;
  usage(): Promise<DeeplUsage>;
  close(): void;
} {
  // deepl-node is loaded on first use: a run with nothing to translate never pays for it.
  let translator: Promise<{ module: typeof deepl; client: deepl.Translator }> | undefined;
  const client = () =>
    (translator ??= import('deepl-node').then((module) => ({
      module,
      client: new module.Translator(options.authKey, {
        ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
        maxRetries: 0,
        minTimeout: options.timeoutMs,
        sendPlatformInfo: false,
      }),
    })));
  const host = new URL(options.serverUrl ?? (options.authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com')).hostname;
  const retryAfter = watchRetryAfter(host);

  let pacer: RequestPacer | undefined;

  /**
   * One HTTP request. Paced by the queue (`translate`: `ctx.sending` marks its real send, after
   * deepl-node loaded) or, for every other request to the host (usage, languages, glossary steps),
   * by the job's pacer: each waits for its own place in the account's window.
   */
  const call = async <T>(send: (translator: deepl.Translator, module: typeof deepl) => Promise<T>, ctx?: EngineCallContext): Promise<T> => {
    const { module, client: translator } = await client();
    const permit = ctx?.sending === undefined && pacer !== undefined ? await pacer.acquire() : undefined;
    ctx?.sending?.();
    let timer: NodeJS.Timeout | undefined;
    // deepl-node's timeout covers an idle socket; this one also covers a response that never ends.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EngineError(`DeepL did not answer within ${options.timeoutMs} ms`, { retryable: true, reason: 'timeout' })), options.timeoutMs + 1000);
    });
    try {
      const result = await Promise.race([send(translator, module), timeout]);
      permit?.done('ok');
      return result;
    } catch (error) {
      // The key and Authorization values never leave in an error text (a server may echo the headers).
      const failure = redactEngineError(error instanceof EngineError ? error : toEngineError(error, retryAfter.take(), module), [options.authKey]);
      permit?.done(failure.options.reason === 'rate-limit' ? 'rate-limited' : 'failed', failure.options.retryAfterMs);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  };

  const prepareGlossary = createGlossaryKeeper(call, options.glossaryProject ?? 'default');

  return {
    id: 'deepl',
    limits: DEEPL_LIMITS,
    capabilities: deeplCapabilities,
    async translate(request: TranslationRequest, ctx?: EngineCallContext): Promise<TranslatedSegment[]> {
      const texts = request.segments.map((s) => s.text);
      if (texts.some((t) => t.trim() === '')) throw new EngineError('Empty segments are never sent to DeepL.', { retryable: false, reason: 'bad-request' });
      const options = translateOptions(request, joinContext(request.segments.map((s) => s.context)));
      const results = await call((translator) => translator.translateText(texts, 'ru' as deepl.SourceLanguageCode, request.targetLanguage as deepl.TargetLanguageCode, options), ctx);
      if (results.length !== texts.length) {
        throw new EngineError(`DeepL returned ${results.length} translations for ${texts.length} texts`, { retryable: true, reason: 'bad-response' });
      }
      return results.map((r, i) => ({ text: r.text, billedCharacters: r.billedCharacters ?? [...(texts[i] as string)].length }));
    },
    prepareGlossary: (sourceLanguage, targetLanguage, entries) => prepareGlossary(sourceLanguage, targetLanguage, entries),
    usePacer: (given) => {
      pacer = given;
    },
    targetLanguages(): Promise<readonly string[]> {
      // `/v2/languages?type=target`, asked once per server and process (the list changes rarely).
      let languages = TARGET_LANGUAGE_CACHE.get(host);
      if (languages === undefined) {
        languages = call((translator) => translator.getTargetLanguages()).then((list) => list.map((l) => l.code.toUpperCase()));
        languages.catch(() => TARGET_LANGUAGE_CACHE.delete(host));
        TARGET_LANGUAGE_CACHE.set(host, languages);
      }
      return languages;
    },
    async usage(): Promise<DeeplUsage> {
      const usage = await call((translator) => translator.getUsage());
      return { characterCount: usage.character?.count ?? 0, characterLimit: usage.character?.limit ?? 0 };
    },
    close: () => retryAfter.close(),
  };
}

/**
 * The request's options: `context`; for `format: 'xml'`, XML tag handling with `g` and `x` as
 * non-splitting tags (a `<g>` around words is inline markup, never a sentence boundary — DeepL's
 * outline detection would otherwise treat a tag holding text as structure; `<x/>` is empty, so
 * no `ignore_tags` is needed); the glossary id. Options the target does not support are refused
 * before sending (Kazakh has neither tag handling nor glossaries).
 */
function translateOptions(request: TranslationRequest, context: string): deepl.TranslateTextOptions {
  const capabilities = deeplCapabilities(request.targetLanguage);
  const options: deepl.TranslateTextOptions = context ? { context } : {};
  if (request.format === 'xml') {
    if (!capabilities.tagHandling) throw new EngineError(`DeepL has no tag handling for ${request.targetLanguage}: send plain text (sentinel protection).`, { retryable: false, reason: 'bad-request' });
    options.tagHandling = 'xml';
    options.nonSplittingTags = ['g', 'x'];
  }
  if (request.glossaryId !== undefined) {
    if (!capabilities.glossary) throw new EngineError(`DeepL has no glossaries for ${request.targetLanguage}: the glossary is enforced by QA only.`, { retryable: false, reason: 'bad-request' });
    options.glossary = request.glossaryId;
  }
  return options;
}

/**
 * The distinct contexts of a batch's segments, joined in order, within the context budget the
 * batcher reserved (form-encoded bytes): context is not billed, but it travels in the request.
 */
export function joinContext(contexts: ReadonlyArray<string | undefined>): string {
  let joined = '';
  let bytes = 0;
  for (const context of new Set(contexts)) {
    if (!context) continue;
    const size = encodeURIComponent(context).length + 3; // + the encoded newline
    if (bytes + size > DEEPL_LIMITS.maxContextBytes) break;
    joined = joined === '' ? context : `${joined}\n${context}`;
    bytes += size;
  }
  return joined;
}
