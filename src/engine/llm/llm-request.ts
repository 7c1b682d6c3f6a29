import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { findTermsInSource } from '../../glossary/match-terms.js';
import type { Glossary } from '../../glossary/glossary-types.js';
import type { TranslationRequest } from '../translation-engine.js';
import { ANSWER_SCHEMA } from './llm-answer.js';
import { languageBrief } from './llm-languages.js';
import { batchContexts, buildMessages, countMessageTokens, type ChatMessage, type FewShotExample } from './llm-prompt.js';

/** JSON framing of the batch in o200k tokens, measured: `{"id":"12","text":"…"},` ≈ 7.2 tokens, rounded up. */
const PER_SEGMENT_TOKENS = 8;
const PER_CONTEXT_TOKENS = 3;
const PER_CONTEXT_REF_TOKENS = 4;
const PAYLOAD_TOKENS = 12;
/** Answer tokens per token of Russian source, by target language (an estimate for cost planning). */
const ANSWER_RATIO: Record<string, number> = { en: 0.8, kk: 1.3, zh: 0.9 };

export interface PromptSettings {
  tokensPerRequest: number;
  systemPrompt?: string | undefined;
  examples?: readonly FewShotExample[] | undefined;
}

/**
 * One request's ids, messages and prompt tokens. The batch's JSON is counted from its parts (each
 * counted once, when batched): BPE over the whole JSON would cost as much CPU as the server's own
 * count, for every request. The count errs a few per cent high, never low.
 */
export function planRequest(request: TranslationRequest, glossary: Glossary | undefined, settings: PromptSettings, count: (text: string) => number): { ids: string[]; messages: ChatMessage[]; promptTokens: number } {
  const ids = request.segments.map((_, i) => String(i + 1));
  const terms = glossary ? termsInBatch(glossary, request) : [];
  const contexts = batchContexts(request, Math.floor(settings.tokensPerRequest / 2), count);
  const messages = buildMessages({ request, ids, terms, contexts, systemPrompt: settings.systemPrompt, examples: settings.examples });
  const payload =
    request.segments.reduce((n, s) => n + count(s.text) + PER_SEGMENT_TOKENS, 0) +
    contexts.texts.reduce((n, c) => n + count(c) + PER_CONTEXT_TOKENS, 0) +
    contexts.of.filter((at) => at >= 0).length * PER_CONTEXT_REF_TOKENS +
    (terms.length > 0 ? count(JSON.stringify(Object.fromEntries(terms))) : 0) +
    PAYLOAD_TOKENS;
  return { ids, messages, promptTokens: countMessageTokens(messages.slice(0, -1), count) + payload + 4 };
}

/** The answer's expected tokens: the texts at the target's ratio plus the JSON framing. */
export function expectedAnswerTokens(request: TranslationRequest, count: (text: string) => number): number {
  const ratio = ANSWER_RATIO[languageBrief(request.targetLanguage).language] ?? 1;
  return request.segments.reduce((n, s, i) => n + Math.ceil(count(s.text) * ratio) + count(`{"id":"${i + 1}","text":""},`), 20);
}

/** The chat-completions body: deterministic settings, structured output where supported, no streaming. */
export function requestBody(model: string, settings: { temperature: number; seed?: number | undefined }, messages: ChatMessage[], maxTokens: number, structured: boolean): ChatCompletionCreateParamsNonStreaming {
  // Reasoning models (o1…, gpt-5) take max_completion_tokens and only their default temperature.
  const reasoning = /^(o[1-9]|gpt-5)/i.test(model.replace(/^.*\//, ''));
  return {
    model,
    messages,
    stream: false,
    ...(reasoning ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens, temperature: settings.temperature }),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(structured
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'translations', strict: true, schema: ANSWER_SCHEMA as unknown as Record<string, unknown> } } }
      : {}),
  };
}

/** Glossary pairs (source → required target) as a Glossary for term matching. */
export function glossaryOf(entries: ReadonlyArray<readonly [string, string]>): Glossary {
  return { file: '', terms: entries.map(([source, target]) => ({ source, targets: { t: target }, doNotTranslate: source === target })) };
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
