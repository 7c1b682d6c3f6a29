import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EngineName } from '../config/config-types.js';
import { TilmashError } from '../errors.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { createLlmEngine, type LlmEngineOptions } from './llm/llm-engine.js';
import { createDeeplEngine } from './deepl/deepl-engine.js';
import { createPseudoEngine } from './pseudo-engine.js';
import type { TranslationEngine } from './translation-engine.js';

export interface EngineSelection {
  /** The engine of a target locale, or undefined (TM only). */
  engineFor: (locale: string) => TranslationEngine | undefined;
  /** The engines of a target locale in fallback order (empty: TM only). */
  enginesFor: (locale: string) => TranslationEngine[];
  close: () => void;
}

/**
 * Engines of a run, from the config and the environment (secrets come from the environment only):
 * `deepl` needs DEEPL_AUTH_KEY (DEEPL_SERVER_URL optionally points at another server); `auto` is
 * DeepL when the key is set, else none; `pseudo` serves pseudo-locales only. One instance per engine,
 * so all locales of an engine share one request queue.
 */
export function selectEngines(config: ResolvedConfig, env: Readonly<Record<string, string | undefined>>): EngineSelection {
  let deepl: ReturnType<typeof createDeeplEngine> | undefined;
  let llm: ReturnType<typeof createLlmEngine> | undefined;
  let pseudo: TranslationEngine | undefined;
  const key = env.DEEPL_AUTH_KEY?.trim();
  if (env.DEEPL_SERVER_URL) checkServerUrl(env.DEEPL_SERVER_URL);
  const byName = (name: EngineName): TranslationEngine | undefined => {
    if (name === 'pseudo') return (pseudo ??= createPseudoEngine());
    if (name === 'llm') return (llm ??= createLlmEngine(llmOptions(config, env)));
    if (name === 'none' || !key) return undefined;
    return (deepl ??= createDeeplEngine({
      authKey: key,
      glossaryProject: projectName(config.rootDir),
      timeoutMs: config.engine.timeoutMs,
      ...(env.DEEPL_SERVER_URL ? { serverUrl: env.DEEPL_SERVER_URL } : {}),
    }));
  };
  const enginesFor = (locale: string): TranslationEngine[] => {
    const target = config.targets.find((t) => t.locale === locale);
    if (target?.derived) return []; // converted from its parent, never translated
    const names = target?.engines ?? (target?.engine ? [target.engine] : config.engine.names);
    return names.flatMap((name) => byName(name) ?? []);
  };
  return {
    engineFor: (locale) => enginesFor(locale)[0],
    enginesFor,
    close: () => {
      deepl?.close();
      llm?.close();
    },
  };
}

/** The `llm` engine's options: config first, then the environment (OPENAI_BASE_URL, OPENAI_MODEL); the key from the environment only. */
function llmOptions(config: ResolvedConfig, env: Readonly<Record<string, string | undefined>>): LlmEngineOptions {
  const llm = config.engine.llm;
  const model = llm?.model ?? env.OPENAI_MODEL?.trim();
  if (!llm || !model) {
    throw new TilmashError('config', 'The llm engine needs a model: set `engine.llm.model` in the config (e.g. \'gpt-4o-mini\', \'qwen2.5:14b\') or OPENAI_MODEL in the environment.');
  }
  const apiKey = env[llm.apiKeyEnv]?.trim();
  return {
    baseURL: llm.baseURL ?? env.OPENAI_BASE_URL?.trim() ?? 'https://api.openai.com/v1',
    model,
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: llm.timeoutMs,
    segmentsPerRequest: llm.segmentsPerRequest,
    tokensPerRequest: llm.tokensPerRequest,
    contextWindow: llm.contextWindow,
    maxOutputTokens: llm.maxOutputTokens,
    structuredOutput: llm.structuredOutput,
    systemPrompt: llm.systemPrompt,
    examples: llm.examples,
    temperature: llm.temperature,
    seed: llm.seed,
    tokenizer: llm.tokenizer,
    pricePerMillionTokens: llm.pricePerMillionTokens,
    queueSettings: llm.queue,
  };
}

/** DEEPL_SERVER_URL must be an http(s) URL; anything else is a config error naming the variable. */
function checkServerUrl(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TilmashError('config', `DEEPL_SERVER_URL=${JSON.stringify(value)}: not an http(s) URL. Fix: set it to a server URL such as https://api.deepl.com, or unset it to use DeepL's own.`);
  }
}

/** The project's name for shared-account resources: package.json `name`, else the folder's name; a slug. */
function projectName(rootDir: string): string {
  let name = path.basename(rootDir);
  try {
    const declared = (JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { name?: unknown }).name;
    if (typeof declared === 'string' && declared.trim() !== '') name = declared;
  } catch {
    // no package.json: the folder's name
  }
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default';
}
