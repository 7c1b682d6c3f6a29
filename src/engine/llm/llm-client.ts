import type * as OpenAiModule from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { EngineError, type TokenUsage } from '../translation-engine.js';
import { toEngineError } from './llm-errors.js';
import { requestBody } from './llm-request.js';
import type { ChatMessage } from './llm-prompt.js';

export interface ClientOptions {
  baseURL: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  structuredOutput: 'json_schema' | 'text';
  temperature: number;
  seed?: number | undefined;
}

/**
 * Sends one chat completion through the openai SDK (loaded on first use: a run with nothing to
 * translate never pays for it), with the SDK's retries off. A server that refuses structured
 * output is asked in the prompt alone from then on: that refusal is a retryable bad response.
 */
export function createCompletionCaller(options: ClientOptions, engineId: string): (messages: ChatMessage[], maxTokens: number, sending?: () => void) => Promise<ChatCompletion> {
  let structured = options.structuredOutput === 'json_schema';
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
  return async (messages, maxTokens, sending) => {
    const { module, client: openai } = await connect();
    const body = requestBody(options.model, options, messages, maxTokens, structured);
    sending?.(); // the SDK is loaded and the body built: the request leaves now (the rate window counts from here)
    try {
      return await openai.chat.completions.create(body, { maxRetries: 0, timeout: options.timeoutMs });
    } catch (error) {
      if (structured && error instanceof module.BadRequestError && /response_format|json_schema|structured/i.test(error.message)) {
        structured = false;
        throw new EngineError(`${engineId}: the server refused response_format json_schema; retrying with JSON asked for in the prompt`, { retryable: true, reason: 'bad-response', cause: error });
      }
      throw toEngineError(error, engineId, module);
    }
  };
}

/** Adds one answered request to a locale's token counts: the server's `usage`, or our own counts (then marked estimated). */
export function addUsage(usage: Map<string, TokenUsage>, locale: string, reported: ChatCompletion['usage'], ownPrompt: number, ownCompletion: () => number): void {
  const known = usage.get(locale) ?? { promptTokens: 0, completionTokens: 0, requests: 0, estimated: false };
  const exact = reported !== undefined && reported !== null && Number.isFinite(reported.prompt_tokens);
  usage.set(locale, {
    promptTokens: known.promptTokens + (exact ? reported.prompt_tokens : ownPrompt),
    completionTokens: known.completionTokens + (exact ? reported.completion_tokens : ownCompletion()),
    requests: known.requests + 1,
    estimated: known.estimated || !exact,
  });
}
