import type { Glossary } from '../../glossary/glossary-types.js';
import { EngineError, type TokenUsage, type TranslatedSegment, type TranslationEngine } from '../translation-engine.js';
import { readAnswer } from './llm-answer.js';
import { addUsage, createCompletionCaller } from './llm-client.js';
import { languageBrief } from './llm-languages.js';
import type { FewShotExample } from './llm-prompt.js';
import { expectedAnswerTokens, glossaryOf, planRequest } from './llm-request.js';
import { createTokenCounter, memoizedCount, tokenizerForModel, type TokenizerName } from './llm-tokens.js';

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

/**
 * The LLM adapter over the official openai SDK (chat completions), for any OpenAI-compatible server:
 * OpenAI, Ollama, vLLM, llama.cpp, LM Studio. A batch travels as JSON with ids; the answer is
 * structured JSON (a JSON schema where the server supports it) and is validated before anything is
 * recorded: every id once, nothing added, in the target's script, translated. The SDK never
 * retries (`maxRetries: 0`): the request queue is the one retry owner. Temperature 0 and a seed.
 */
export function createLlmEngine(options: LlmEngineOptions): TranslationEngine & { tokenUsage(): ReadonlyMap<string, TokenUsage>; close(): void } {
  const id = `llm:${options.model}`;
  const count = memoizedCount(createTokenCounter(options.tokenizer ?? tokenizerForModel(options.model)));
  const complete = createCompletionCaller(options, id);
  const glossaries = new Map<string, Glossary>();
  const usage = new Map<string, TokenUsage>();
  return {
    id,
    limits: { maxSegmentsPerRequest: options.segmentsPerRequest, maxRequestBytes: Number.POSITIVE_INFINITY, maxRequestTokens: options.tokensPerRequest, countTokens: count },
    capabilities: () => ({ context: true, tagHandling: true, glossary: true, formality: false }),
    ...(options.pricePerMillionTokens ? { pricePerMillionTokens: options.pricePerMillionTokens } : {}),
    ...(options.queueSettings ? { queueSettings: options.queueSettings } : {}),
    // The glossary stays here: the prompt of each batch carries the terms that occur in it.
    async prepareGlossary(_source, targetLanguage, entries) {
      const key = `${targetLanguage}\u0000${glossaries.size}`;
      glossaries.set(key, glossaryOf(entries));
      return key;
    },
    async translate(request, ctx) {
      if (request.segments.some((s) => s.text.trim() === '')) throw new EngineError('Empty segments are never sent.', { retryable: false, reason: 'bad-request' });
      const { ids, messages, promptTokens } = planRequest(request, request.glossaryId === undefined ? undefined : glossaries.get(request.glossaryId), options, count);
      const room = options.contextWindow - promptTokens;
      if (room < expectedAnswerTokens(request, count)) {
        throw new EngineError(`${id}: a request of ${promptTokens} prompt tokens leaves too little of the ${options.contextWindow}-token context window for the answer; lower engine.llm.tokensPerRequest or raise engine.llm.contextWindow.`, { retryable: false, reason: 'bad-request' });
      }
      const completion = await complete(messages, Math.min(options.maxOutputTokens, room), ctx?.sending);
      const choice = completion.choices?.[0];
      const content = choice?.message?.content ?? '';
      // Every answered request is paid, a bad answer too.
      addUsage(usage, request.targetLocale, completion.usage, promptTokens, () => count(content));
      if (choice?.finish_reason === 'length') {
        throw new EngineError(`${id}: the answer was cut at max_tokens; lower engine.llm.segmentsPerRequest or engine.llm.tokensPerRequest`, { retryable: false, reason: 'bad-response' });
      }
      const texts = readAnswer(content, ids, request.segments.map((s) => s.text), languageBrief(request.targetLanguage), id);
      return texts.map((text): TranslatedSegment => ({ text, billedCharacters: 0 }));
    },
    tokenUsage: () => usage,
    estimateTokens(request, entries) {
      const { promptTokens } = planRequest(request, entries.length > 0 ? glossaryOf(entries) : undefined, options, count);
      return { promptTokens, completionTokens: expectedAnswerTokens(request, count), requests: 1, estimated: true };
    },
    close: () => undefined,
  };
}
