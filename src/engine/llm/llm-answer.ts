import { EngineError } from '../translation-engine.js';
import type { LanguageBrief } from './llm-languages.js';

/** The JSON schema of an answer, sent as `response_format` where the server supports it. */
export const ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    translations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, text: { type: 'string' } },
        required: ['id', 'text'],
        additionalProperties: false,
      },
    },
  },
  required: ['translations'],
  additionalProperties: false,
} as const;

const bad = (message: string) => new EngineError(message, { retryable: true, reason: 'bad-response' });

/**
 * The translations of an answer, in the order of `ids`. Anything that is not exactly one non-empty
 * translation per id, in the target's script and actually translated, is a retryable bad response
 * (the queue retries it; nothing of it is recorded). JSON wrapped in a Markdown fence or in prose is
 * accepted (the strict JSON-in-text fallback), as long as one JSON object holds the answer.
 */
export function readAnswer(content: string | null | undefined, ids: readonly string[], sources: readonly string[], target: LanguageBrief, engineId: string): string[] {
  if (typeof content !== 'string' || content.trim() === '') throw bad(`${engineId} sent an empty answer`);
  const parsed = parseJsonObject(content);
  if (parsed === undefined) throw bad(`${engineId} sent an answer that is not JSON: ${preview(content)}`);
  const list = (parsed as { translations?: unknown }).translations;
  if (!Array.isArray(list)) throw bad(`${engineId} answered without a "translations" array: ${preview(content)}`);
  const byId = new Map<string, string>();
  for (const item of list) {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    const text = typeof item === 'object' && item !== null ? (item as { text?: unknown }).text : undefined;
    const key = typeof id === 'number' ? String(id) : id;
    if (typeof key !== 'string' || typeof text !== 'string') throw bad(`${engineId} answered an entry without a string id and text: ${preview(JSON.stringify(item))}`);
    if (!ids.includes(key)) throw bad(`${engineId} answered id ${JSON.stringify(key)}, which was not asked (${ids.length} segments sent)`);
    if (byId.has(key)) throw bad(`${engineId} answered id ${key} twice`);
    byId.set(key, text);
  }
  const texts = ids.map((id, i) => {
    const text = byId.get(id);
    if (text === undefined) throw bad(`${engineId} left out id ${id} (${byId.size} of ${ids.length} translations)`);
    const problem = languageProblem(sources[i] as string, text, target);
    if (problem) throw bad(`${engineId} answered id ${id} ${problem}`);
    return text;
  });
  return texts;
}

/** The one JSON object of a text: the whole text, a fenced block, or from the first `{` to the last `}`. */
function parseJsonObject(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1];
  const candidates = [content.trim(), fenced?.trim(), content.slice(content.indexOf('{'), content.lastIndexOf('}') + 1)];
  for (const candidate of candidates) {
    if (!candidate || !candidate.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    } catch {
      // the next candidate
    }
  }
  return undefined;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const IN_SCRIPT_ALL = { Cyrillic: /\p{Script=Cyrillic}/gu, Latin: /\p{Script=Latin}/gu, Han: /\p{Script=Han}/gu } as const;
const countOf = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** What a reader sees: tags, markers and entities removed. */
const visible = (text: string) => text.replace(/<[^<>]*>|⟦[^⟦⟧]*⟧|&[A-Za-z0-9#]+;/g, ' ');

/**
 * Why `text` is not a translation of `source` into `target`, or '' when it may be: empty; the
 * Russian source sent back; letters mostly not in the target's script (Latin words copied from the
 * source, like names and product codes, do not count); a long Kazakh text with no Kazakh letter.
 */
export function languageProblem(source: string, text: string, target: LanguageBrief): string {
  const seen = visible(text);
  if (seen.trim() === '' && visible(source).trim() !== '') return 'with an empty text';
  const sourceWords = visible(source).match(/\p{L}{3,}/gu) ?? [];
  const russian = sourceWords.filter((w) => CYRILLIC.test(w)).length;
  if (target.language !== 'ru' && russian >= 2 && normalize(text) === normalize(source)) return 'with the Russian source left untranslated';
  if (!target.script) return '';
  if (russian === 0) return '';
  const copied = new Set(sourceWords.filter((w) => LATIN.test(w)));
  const letters = seen.replace(/\p{L}+/gu, (w) => (copied.has(w) ? ' ' : w)).replace(/\P{L}+/gu, '');
  const total = [...letters].length;
  if (total < 4) return '';
  const share = countOf(letters, IN_SCRIPT_ALL[target.script]) / total;
  if (share < 0.5) {
    const cyrillic = countOf(letters, IN_SCRIPT_ALL.Cyrillic) / total;
    return cyrillic >= 0.5 ? `with Russian (Cyrillic) text where ${target.name} was asked` : `in the wrong script for ${target.name} (${Math.round(share * 100)} % ${target.script})`;
  }
  if (target.language === 'kk' && total >= 40 && !KAZAKH_LETTER.test(letters)) return 'with no Kazakh letter (ә ғ қ ң ө ұ ү һ і) in a long text: Russian left untranslated';
  return '';
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
const preview = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
