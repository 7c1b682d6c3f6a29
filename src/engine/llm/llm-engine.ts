import type * as OpenAiModule from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { findTermsInSource } from '../../glossary/match-terms.js';
import type { Glossary } from '../../glossary/glossary-types.js';
import { EngineError, type TokenUsage, type TranslatedSegment, type TranslationEngine, type TranslationRequest } from '../translation-engine.js';
import { ANSWER_SCHEMA, readAnswer } from './llm-answer.js';
import { toEngineError } from './llm-errors.js';
import { languageBrief } from './llm-languages.js';
import { batchContexts, buildMessages, countMessageTokens, type ChatMessage, type FewShotExample } from './llm-prompt.js';
import { createTokenCounter, tokenizerForModel, type TokenizerName } from './llm-tokens.js';

export interface LlmEngineOptions {
  /** The server's OpenAI-compatible API root, e.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`. */
  baseURL: string;
  model: string;
  /** From the environment only; undefined for a local server that needs none (no Authorization header is sent). */
  apiKey?: string | undefined;
  timeoutMs: number;
  segmentsPerRequest: number;
  /** Most tokens of segment text per request (the batcher's cap). */
  tokensPerRequest: number;
  /** The model's context window: prompt and answer together. */
  contextWindow: number;
  /** Most tokens of an answer (`max_tokens`), within what the window leaves. */
  maxOutputTokens: number;
  /** `json_schema`: structured output; `text`: the prompt alone asks for JSON (servers without `response_format`). */
  structuredOutput: 'json_schema' | 'text';
  systemPrompt?: string | undefined;
  examples?: readonly FewShotExample[] | undefined;
  temperature: number;
  /** undefined: not sent. */
  seed?: number | undefined;
  tokenizer?: TokenizerName | undefined;
  pricePerMillionTokens?: { input: number; output: number } | undefined;
  queueSettings?: TranslationEngine['queueSettings'];
}

/** JSON framing of the batch in o200k tokens, measured: `{"id":"12","text":"…"},` ≈ 7.2 tokens, rounded up. */
const PER_SEGMENT_TOKENS = 8;
const PER_CONTEXT_TOKENS = 3;
const PER_CONTEXT_REF_TOKENS = 4;
const PAYLOAD_TOKENS = 12;

/** Answer tokens per token of Russian source, by target language (an estimate for cost planning). */
const ANSWER_RATIO: Record<string, number> = { en: 0.8, kk: 1.3, zh: 0.9 };

/**
 * The LLM adapter over the official openai SDK (chat completions), for any OpenAI-compatible server:
 * OpenAI, Ollama, vLLM, llama.cpp, LM Studio. A batch travels as JSON with ids; the answer is
 * structured JSON (a JSON schema where the server supports it) and is validated before anything is
 * recorded: every id once, nothing added, in the target's script, translated. The SDK never
 * retries (`maxRetries: 0`): the request queue is the one retry owner. Temperature 0 and a seed.
 */
export function createLlmEngine(options: LlmEngineOptions): TranslationEngine & { tokenUsage(): ReadonlyMap<string, TokenUsage>; close(): void } {
  const id = `llm:${options.model}`;
  const counter = createTokenCounter(options.tokenizer ?? tokenizerForModel(options.model));
  // Segment texts are counted when batched and again per request; the fixed prompt every request.
  const memo = new Map<string, number>();
  const count = (text: string): number => {
    if (text.length > 4000) return counter.count(text);
    let n = memo.get(text);
    if (n === undefined) {
      if (memo.size > 100_000) memo.clear();
      memo.set(text, (n = counter.count(text)));
    }
    return n;
  };
  let structured = options.structuredOutput === 'json_schema';
  const glossaries = new Map<string, Glossary>();
  const usage = new Map<string, TokenUsage>();
  // The SDK is loaded on first use: a run with nothing to translate never pays for it.
  let client: Promise<{ module: typeof OpenAiModule; client: OpenAiModule.OpenAI }> | undefined;
  const connect = () =>
    (client ??= import('openai').then((module) => ({
      module,
      client: new module.OpenAI({
        baseURL: options.baseURL,
        apiKey: options.apiKey ?? 'none',
        // No key (a local server): no Authorization header at all.
        ...(options.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
        maxRetries: 0,
        timeout: options.timeoutMs,
      }),
    })));

  const prompt = (request: TranslationRequest, glossary: Glossary | undefined) => {
    const ids = request.segments.map((_, i) => String(i + 1));
    const terms = glossary ? termsInBatch(glossary, request) : [];
    const contexts = batchContexts(request, Math.floor(options.tokensPerRequest / 2), count);
    const messages = buildMessages({ request, ids, terms, contexts, systemPrompt: options.systemPrompt, examples: options.examples });
    // The batch's JSON is counted from its parts (each counted once, when batched): BPE over the
    // whole JSON would cost as much CPU as the server's own count, for every request.
    const payload =
      request.segments.reduce((n, s) => n + count(s.text) + PER_SEGMENT_TOKENS, 0) +
      contexts.texts.reduce((n, c) => n + count(c) + PER_CONTEXT_TOKENS, 0) +
      contexts.of.filter((at) => at >= 0).length * PER_CONTEXT_REF_TOKENS +
      (terms.length > 0 ? count(JSON.stringify(Object.fromEntries(terms))) : 0) +
      PAYLOAD_TOKENS;
    return { ids, messages, promptTokens: countMessageTokens(messages.slice(0, -1), count) + payload + 4 };
  };
  const expectedAnswer = (request: TranslationRequest) => {
    const ratio = ANSWER_RATIO[languageBrief(request.targetLanguage).language] ?? 1;
    return request.segments.reduce((n, s, i) => n + Math.ceil(count(s.text) * ratio) + count(`{"id":"${i + 1}","text":""},`), 20);
  };

  return {
    id,
    limits: { maxSegmentsPerRequest: options.segmentsPerRequest, maxRequestBytes: Number.POSITIVE_INFINITY, maxRequestTokens: options.tokensPerRequest, countTokens: count },
    capabilities: () => ({ context: true, tagHandling: true, glossary: true, formality: false }),
    ...(options.pricePerMillionTokens ? { pricePerMillionTokens: options.pricePerMillionTokens } : {}),
    ...(options.queueSettings ? { queueSettings: options.queueSettings } : {}),
    // The glossary stays here: the prompt of each batch carries the terms that occur in it.
    async prepareGlossary(_source, targetLanguage, entries) {
      const key = `${targetLanguage}\u0000${glossaries.size}`;
      glossaries.set(key, { file: '', terms: entries.map(([source, target]) => ({ source, targets: { t: target }, doNotTranslate: source === target })) });
      return key;
    },
    async translate(request) {
      if (request.segments.some((s) => s.text.trim() === '')) throw new EngineError('Empty segments are never sent.', { retryable: false, reason: 'bad-request' });
      const { ids, messages, promptTokens } = prompt(request, request.glossaryId === undefined ? undefined : glossaries.get(request.glossaryId));
      const room = options.contextWindow - promptTokens;
      if (room < expectedAnswer(request)) {
        throw new EngineError(`${id}: a request of ${promptTokens} prompt tokens leaves too little of the ${options.contextWindow}-token context window for the answer; lower engine.llm.tokensPerRequest or raise engine.llm.contextWindow.`, { retryable: false, reason: 'bad-request' });
      }
      const { module, client: openai } = await connect();
      const body = requestBody(options, messages, Math.min(options.maxOutputTokens, room), structured);
      let completion: OpenAiModule.OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await openai.chat.completions.create(body, { maxRetries: 0, timeout: options.timeoutMs });
      } catch (error) {
        if (structured && error instanceof module.BadRequestError && /response_format|json_schema|structured/i.test(error.message)) {
          structured = false; // this server has no structured output: the prompt alone asks for JSON
          throw new EngineError(`${id}: the server refused response_format json_schema; retrying with JSON asked for in the prompt`, { retryable: true, reason: 'bad-response', cause: error });
        }
        throw toEngineError(error, id, module);
      }
      const choice = completion.choices?.[0];
      record(request.targetLocale, completion.usage, promptTokens, choice?.message?.content ?? '');
      if (choice?.finish_reason === 'length') {
        throw new EngineError(`${id}: the answer was cut at max_tokens; lower engine.llm.segmentsPerRequest or engine.llm.tokensPerRequest`, { retryable: false, reason: 'bad-response' });
      }
      const texts = readAnswer(choice?.message?.content, ids, request.segments.map((s) => s.text), languageBrief(request.targetLanguage), id);
      return texts.map((text): TranslatedSegment => ({ text, billedCharacters: 0 }));
    },
    tokenUsage: () => usage,
    estimateTokens(request, entries) {
      const glossary: Glossary | undefined = entries.length > 0 ? { file: '', terms: entries.map(([source, target]) => ({ source, targets: { t: target }, doNotTranslate: source === target })) } : undefined;
      return { promptTokens: prompt(request, glossary).promptTokens, completionTokens: expectedAnswer(request), requests: 1, estimated: true };
    },
    close: () => undefined,
  };

  function record(locale: string, reported: OpenAiModule.OpenAI.CompletionUsage | undefined, promptTokens: number, answer: string) {
    const known = usage.get(locale) ?? { promptTokens: 0, completionTokens: 0, requests: 0, estimated: false };
    const exact = reported !== undefined && Number.isFinite(reported.prompt_tokens);
    usage.set(locale, {
      promptTokens: known.promptTokens + (exact ? reported.prompt_tokens : promptTokens),
      completionTokens: known.completionTokens + (exact ? reported.completion_tokens : count(answer)),
      requests: known.requests + 1,
      estimated: known.estimated || !exact,
    });
  }
}

/** The chat-completions body: deterministic settings, structured output where supported, no streaming. */
function requestBody(options: LlmEngineOptions, messages: ChatMessage[], maxTokens: number, structured: boolean): ChatCompletionCreateParamsNonStreaming {
  // Reasoning models (o1…, gpt-5) take max_completion_tokens and only their default temperature.
  const reasoning = /^(o[1-9]|gpt-5)/i.test(options.model.replace(/^.*\//, ''));
  return {
    model: options.model,
    messages,
    stream: false,
    ...(reasoning ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens, temperature: options.temperature }),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(structured
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'translations', strict: true, schema: ANSWER_SCHEMA as unknown as Record<string, unknown> } } }
      : {}),
  };
}

/** The glossary pairs whose source term occurs (inflected or not) in the batch's texts. */
function termsInBatch(glossary: Glossary, request: TranslationRequest): Array<readonly [string, string]> {
  const found = new Map<string, string>();
  for (const segment of request.segments) {
    const text = segment.text.replace(/<[^<>]*>|⟦[^⟦⟧]*⟧/g, ' ');
    for (const term of findTermsInSource(glossary, text)) found.set(term.source, term.targets.t as string);
  }
  return [...found];
}
