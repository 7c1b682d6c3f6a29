/** Engine chains and `engine.llm` in the config: what is accepted, defaults, and clear errors. */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve-config.js';
import { selectEngines } from '../src/engine/select-engine.js';
import { TilmashError } from '../src/errors.js';
import { thrownBy } from './helpers/thrown.js';

const resolve = (config: unknown) => resolveConfig(config, '/project/pipeline.config.ts', 'pipeline.config.ts');
const configError = (config: unknown) => thrownBy(() => resolve(config), TilmashError, 'config').message;

describe('engine chains in the config', () => {
  it('accepts one engine or an ordered list per locale, and fills the llm defaults', () => {
    const config = resolve({ targets: { kk: { engine: ['llm'] }, en: { engine: ['deepl', 'llm'] }, zh: { engine: 'deepl' } }, engine: { llm: { model: 'gpt-4o-mini' } } });
    expect(config.targets.map((t) => [t.locale, t.engines])).toEqual([
      ['kk', ['llm']],
      ['en', ['deepl', 'llm']],
      ['zh', ['deepl']],
    ]);
    expect(config.targets[1]?.engine).toBe('deepl');
    expect(config.engine.fallbackOnQa).toBe(true);
    expect(config.engine.llm).toMatchObject({ model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', segmentsPerRequest: 40, tokensPerRequest: 3000, temperature: 0, seed: 7, structuredOutput: 'json_schema', timeoutMs: 120_000, queue: {} });
    expect(resolve({ engine: { name: ['deepl', 'llm'] } }).engine).toMatchObject({ name: 'deepl', names: ['deepl', 'llm'] });
    expect(resolve({}).engine).toMatchObject({ name: 'auto', names: ['auto'], llm: undefined });
  });

  it('refuses unknown, repeated or lone-only engines in a list, naming the option', () => {
    expect(configError({ targets: { en: { engine: 'gpt' } } })).toMatch(/`targets\.en\.engine` must be 'none', 'auto', 'deepl', 'llm', 'pseudo', or an ordered list/);
    expect(configError({ targets: { en: { engine: ['llm', 'llm'] } } })).toMatch(/each engine once/);
    expect(configError({ targets: { en: { engine: ['deepl', 'none'] } } })).toMatch(/stand alone/);
    expect(configError({ targets: { en: { engine: [] } } })).toMatch(/targets\.en\.engine/);
    expect(configError({ targets: { en: { engine: 'pseudo' } } })).toMatch(/pseudo-locales/);
    expect(configError({ engine: { name: 'pseudo' } })).toMatch(/`engine\.name`/);
    expect(configError({ engine: { fallbackOnQa: 'yes' } })).toMatch(/`engine\.fallbackOnQa` must be true or false/);
  });

  it('validates engine.llm options with their names; a key pasted into apiKeyEnv is never echoed', () => {
    expect(configError({ engine: { llm: { modle: 'x' } } })).toMatch(/unknown option `engine\.llm\.modle`\. Did you mean `engine\.llm\.model`\?/);
    expect(configError({ engine: { llm: { baseURL: 'localhost:11434' } } })).toMatch(/`engine\.llm\.baseURL` must be an http\(s\) URL/);
    expect(configError({ engine: { llm: { segmentsPerRequest: 0 } } })).toMatch(/`engine\.llm\.segmentsPerRequest` must be a whole number from 1 to 500/);
    expect(configError({ engine: { llm: { temperature: 3 } } })).toMatch(/temperature/);
    expect(configError({ engine: { llm: { pricePerMillionTokens: { input: 1 } } } })).toMatch(/pricePerMillionTokens/);
    expect(configError({ engine: { llm: { examples: [{ source: 'Да' }] } } })).toMatch(/engine\.llm\.examples/);
    const pasted = configError({ engine: { llm: { apiKeyEnv: 'sk-live-0123456789abcdef' } } });
    expect(pasted).toMatch(/the NAME of an environment variable/);
    expect(pasted).not.toContain('sk-live');
  });

  it('the llm engine needs a model from the config or OPENAI_MODEL; the base URL and key come from the environment too', () => {
    const config = resolve({ targets: { kk: { engine: 'llm' } } });
    expect(thrownBy(() => selectEngines(config, {}).enginesFor('kk'), TilmashError, 'config').message).toMatch(/engine\.llm\.model.*OPENAI_MODEL/);
    const engines = selectEngines(config, { OPENAI_MODEL: 'qwen2.5:14b', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    const [engine] = engines.enginesFor('kk');
    expect(engine?.id).toBe('llm:qwen2.5:14b');
    expect(engine?.limits).toMatchObject({ maxSegmentsPerRequest: 40, maxRequestTokens: 3000 });
    // Without a DeepL key, a deepl-then-llm chain is the LLM alone.
    const chain = selectEngines(resolve({ targets: { en: { engine: ['deepl', 'llm'] } }, engine: { llm: { model: 'gpt-4o-mini', concurrency: 1, requestsPerInterval: 2 } } }), {}).enginesFor('en');
    expect(chain.map((e) => e.id)).toEqual(['llm:gpt-4o-mini']);
    expect(chain[0]?.queueSettings).toEqual({ concurrency: 1, requestsPerInterval: 2, maxSkewMs: 100 });
  });
});
