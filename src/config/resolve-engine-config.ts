import type { EngineName } from './config-types.js';
import type { ResolvedLlmConfig } from './resolved-config.js';

type Fail = (option: string, expected: string, found: unknown) => never;

const NAMES: readonly EngineName[] = ['none', 'auto', 'deepl', 'llm', 'pseudo'];
const LLM_OPTIONS = [
  'baseURL', 'model', 'apiKeyEnv', 'segmentsPerRequest', 'tokensPerRequest', 'contextWindow', 'maxOutputTokens', 'structuredOutput',
  'systemPrompt', 'examples', 'temperature', 'seed', 'tokenizer', 'pricePerMillionTokens', 'concurrency', 'requestsPerInterval', 'intervalMs', 'timeoutMs', 'maxRetries', 'maxSkewMs',
];

/**
 * One engine name or an ordered list (fallback order): each engine once; `none`, `auto` and
 * `pseudo` only alone (they are not engines a list could fall back to or from).
 */
export function resolveEngineChain(value: unknown, option: string, allowed: readonly EngineName[], at: Fail): EngineName[] {
  const list = Array.isArray(value) ? value : [value];
  const expected = `${allowed.map((n) => `'${n}'`).join(', ')}, or an ordered list such as ['deepl', 'llm']`;
  if (list.length === 0 || !list.every((n) => typeof n === 'string' && allowed.includes(n as EngineName))) at(option, expected, value);
  const names = list as EngineName[];
  if (new Set(names).size !== names.length) at(option, 'a list naming each engine once', value);
  if (names.length > 1 && names.some((n) => n === 'none' || n === 'auto' || n === 'pseudo')) at(option, `a list of real engines ('deepl', 'llm'); 'none', 'auto' and 'pseudo' stand alone`, value);
  return names;
}

export const ENGINE_NAMES = NAMES;
export const LLM_CONFIG_OPTIONS = LLM_OPTIONS;

/** `engine.llm`, validated, with its defaults; `undefined` in, defaults out (the environment may name the model). */
export function resolveLlmConfig(input: Record<string, unknown>, at: Fail): ResolvedLlmConfig {
  const name = (key: string) => `engine.llm.${key}`;
  const whole = (key: string, fallback: number, min: number, max: number): number => {
    const v = input[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) at(name(key), `a whole number from ${min} to ${max}`, v);
    return v as number;
  };
  const text = (key: string): string | undefined => {
    const v = input[key];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) at(name(key), 'a non-empty string', v);
    return v as string | undefined;
  };
  const baseURL = text('baseURL');
  if (baseURL !== undefined && !/^https?:\/\/[^/\s]+/.test(baseURL)) at(name('baseURL'), "an http(s) URL such as 'http://localhost:11434/v1'", baseURL);
  const apiKeyEnv = text('apiKeyEnv') ?? 'OPENAI_API_KEY';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv)) at(name('apiKeyEnv'), 'the NAME of an environment variable (the key itself never goes in the config)', '(hidden)');
  const structuredOutput = input.structuredOutput ?? 'json_schema';
  if (structuredOutput !== 'json_schema' && structuredOutput !== 'text') at(name('structuredOutput'), `'json_schema' or 'text'`, structuredOutput);
  const temperature = input.temperature ?? 0;
  if (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2)) at(name('temperature'), 'a number from 0 to 2', temperature);
  const seed = input.seed === undefined ? 7 : input.seed;
  if (seed !== null && (typeof seed !== 'number' || !Number.isInteger(seed))) at(name('seed'), 'a whole number or null', seed);
  const tokenizer = input.tokenizer;
  if (tokenizer !== undefined && tokenizer !== 'o200k_base' && tokenizer !== 'cl100k_base' && tokenizer !== 'estimate') at(name('tokenizer'), `'o200k_base', 'cl100k_base' or 'estimate'`, tokenizer);
  const examples = input.examples;
  if (examples !== undefined && (!Array.isArray(examples) || !examples.every((e) => isExample(e)))) at(name('examples'), 'an array of { locale?, source, target } with non-empty strings', examples);
  const price = input.pricePerMillionTokens;
  if (price !== undefined && !(typeof price === 'object' && price !== null && isPrice((price as { input?: unknown }).input) && isPrice((price as { output?: unknown }).output)))
    at(name('pricePerMillionTokens'), 'an object { input: number, output: number } (≥ 0)', price);
  const queue: ResolvedLlmConfig['queue'] = {};
  // A model answers seconds after the request arrived: counting until the answer would waste most
  // of the rate. The queue stamps the real send (after the SDK and tokenizer loaded), so 100 ms
  // covers the send→arrival delay of a warm connection.
  queue.maxSkewMs = whole('maxSkewMs', 100, 0, 600_000);
  if (input.concurrency !== undefined) queue.concurrency = whole('concurrency', 2, 1, 64);
  if (input.requestsPerInterval !== undefined) queue.requestsPerInterval = whole('requestsPerInterval', 5, 1, Number.MAX_SAFE_INTEGER);
  if (input.intervalMs !== undefined) queue.intervalMs = whole('intervalMs', 1000, 1, Number.MAX_SAFE_INTEGER);
  if (input.maxRetries !== undefined) queue.maxRetries = whole('maxRetries', 5, 1, 20);
  const contextWindow = whole('contextWindow', 16_384, 512, 10_000_000);
  return {
    baseURL,
    model: text('model'),
    apiKeyEnv,
    segmentsPerRequest: whole('segmentsPerRequest', 40, 1, 500),
    tokensPerRequest: whole('tokensPerRequest', 3000, 50, contextWindow),
    contextWindow,
    maxOutputTokens: whole('maxOutputTokens', 4096, 16, contextWindow),
    structuredOutput: structuredOutput as 'json_schema' | 'text',
    systemPrompt: text('systemPrompt'),
    examples: examples as ResolvedLlmConfig['examples'],
    temperature: temperature as number,
    seed: seed === null ? undefined : (seed as number),
    tokenizer: tokenizer as ResolvedLlmConfig['tokenizer'],
    pricePerMillionTokens: price as ResolvedLlmConfig['pricePerMillionTokens'],
    queue,
    timeoutMs: whole('timeoutMs', 120_000, 1, Number.MAX_SAFE_INTEGER),
  };
}

function isExample(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { locale, source, target, ...rest } = e as Record<string, unknown>;
  return Object.keys(rest).length === 0 && typeof source === 'string' && source !== '' && typeof target === 'string' && target !== '' && (locale === undefined || typeof locale === 'string');
}

const isPrice = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
