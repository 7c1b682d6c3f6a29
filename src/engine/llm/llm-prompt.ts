import type { TranslationRequest } from '../translation-engine.js';
import { languageBrief } from './llm-languages.js';

/** One few-shot example: a source text and its translation, as they travel (tags included). */
export interface FewShotExample {
  /** Only for this target locale (`kk`); without it, for every locale. */
  locale?: string;
  source: string;
  target: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The default system prompt. `{source}`, `{target}` and `{targetNotes}` are filled per request
 * (`Russian`, `Kazakh`, the target's script rule). Kept short: it is sent with every request.
 */
export const DEFAULT_SYSTEM_PROMPT = [
  'Translate {source} into {target}.{targetNotes}',
  'Input JSON: "segments" [{"id","text","context"?}], optional "contexts" (surrounding text or a description of the segments that point to it by index: use, never translate) and "terms" (source term: required translation).',
  'Answer only JSON {"translations":[{"id","text"}]}: each id once, in order, nothing added. Translate each text fully and on its own.',
  'Keep every tag <x id="N"/>, <g id="N">…</g> and marker ⟦N⟧ ⟦/N⟧ exactly (translate the words inside; move tags only where grammar needs it); keep XML entities (&amp;), numbers and URLs.',
].join('\n');

/** Built-in examples, one per target language, showing a placeholder kept through translation. */
const DEFAULT_EXAMPLES: Record<string, string> = {
  en: 'You have <x id="1"/> new messages.',
  kk: 'Сізде <x id="1"/> жаңа хабарлама бар.',
  zh: '您有<x id="1"/>条新消息。',
};
const DEFAULT_EXAMPLE_SOURCE = 'У вас <x id="1"/> новых сообщений.';

export interface PromptInput {
  request: TranslationRequest;
  /** What each segment is, as sent: `ids[i]` is the id of `request.segments[i]`. */
  ids: readonly string[];
  /** Glossary pairs that occur in the batch. */
  terms: ReadonlyArray<readonly [string, string]>;
  /** The distinct contexts of the batch and, per segment, the index of its context (or -1). */
  contexts: { texts: readonly string[]; of: readonly number[] };
  systemPrompt?: string | undefined;
  /** undefined: the built-in example of the target language; []: none. */
  examples?: readonly FewShotExample[] | undefined;
}

/** The chat messages of one request: system, few-shot pair (if any), then the batch as JSON. */
export function buildMessages(input: PromptInput): ChatMessage[] {
  const { request } = input;
  const source = languageBrief(request.sourceLanguage);
  const target = languageBrief(request.targetLanguage);
  const system = (input.systemPrompt ?? DEFAULT_SYSTEM_PROMPT)
    .replaceAll('{source}', source.name)
    .replaceAll('{target}', target.name)
    .replaceAll('{targetNotes}', target.notes);
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  const examples = examplesFor(input.examples, request.targetLocale, target.language);
  if (examples.length > 0) {
    messages.push(
      { role: 'user', content: JSON.stringify({ segments: examples.map((e, i) => ({ id: `e${i + 1}`, text: e.source })) }) },
      { role: 'assistant', content: JSON.stringify({ translations: examples.map((e, i) => ({ id: `e${i + 1}`, text: e.target })) }) },
    );
  }
  const payload: Record<string, unknown> = {};
  if (input.contexts.texts.length > 0) payload.contexts = input.contexts.texts;
  if (input.terms.length > 0) payload.terms = Object.fromEntries(input.terms);
  payload.segments = request.segments.map((s, i) => {
    const at = input.contexts.of[i] ?? -1;
    return at >= 0 ? { id: input.ids[i], text: s.text, context: at } : { id: input.ids[i], text: s.text };
  });
  messages.push({ role: 'user', content: JSON.stringify(payload) });
  return messages;
}

function examplesFor(configured: readonly FewShotExample[] | undefined, locale: string, language: string): FewShotExample[] {
  if (configured !== undefined) return configured.filter((e) => e.locale === undefined || e.locale === locale || e.locale === language);
  const target = DEFAULT_EXAMPLES[language];
  return target === undefined ? [] : [{ source: DEFAULT_EXAMPLE_SOURCE, target }];
}

/**
 * The context of each segment minus what the batch itself already says: an article sentence's
 * context is the other sentences of its block, and those that travel in the same request are not
 * sent twice. Identical remainders are sent once; a segment points to its remainder by index.
 * Contexts beyond `budget` (counted by `count`) are left out, the earliest kept.
 */
export function batchContexts(request: TranslationRequest, budget: number, count: (text: string) => number): { texts: string[]; of: number[] } {
  const texts: string[] = [];
  const of: number[] = [];
  const inBatch = request.segments.map((s) => s.text).filter((t) => t.trim().length > 0);
  let used = 0;
  for (const segment of request.segments) {
    let rest = segment.context ?? '';
    for (const text of inBatch) if (rest.includes(text)) rest = rest.split(text).join(' ');
    rest = rest.replace(/\s+/g, ' ').trim();
    if (!/\p{L}/u.test(rest)) {
      of.push(-1);
      continue;
    }
    let at = texts.indexOf(rest);
    if (at < 0) {
      const cost = count(rest);
      if (used + cost > budget) {
        of.push(-1);
        continue;
      }
      used += cost;
      at = texts.push(rest) - 1;
    }
    of.push(at);
  }
  return { texts, of };
}

/** Tokens of a chat request as OpenAI counts them: each message's content plus 4, plus 3 to prime the answer. */
export function countMessageTokens(messages: readonly ChatMessage[], count: (text: string) => number): number {
  return messages.reduce((n, m) => n + count(m.content) + 4, 3);
}
