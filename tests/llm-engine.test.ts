/**
 * The LLM adapter against the loopback fake OpenAI-compatible server: the wire format (model,
 * deterministic settings, structured output, no streaming, no key for a local server), the prompt
 * (languages, context, glossary terms in the batch, few-shot), answer validation (each fault is a
 * retryable bad response, or a refusal that is not retried), token counts and estimates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmEngine, type LlmEngineOptions } from '../src/engine/llm/llm-engine.js';
import { languageProblem } from '../src/engine/llm/llm-answer.js';
import { languageBrief } from '../src/engine/llm/llm-languages.js';
import { createTokenCounter, tokenizerForModel } from '../src/engine/llm/llm-tokens.js';
import { EngineError, type TranslationRequest } from '../src/engine/translation-engine.js';
import { fakeTranslation, startFakeOpenAi, type FakeOpenAi, type FakeOpenAiOptions, type OpenAiFault } from './helpers/fake-openai-server.js';
import { rejectedBy } from './helpers/thrown.js';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const KEY = 'sk-test-llm-secret-0123456789';

async function server(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const s = await startFakeOpenAi(options);
  servers.push(s);
  return s;
}

const engineOn = (fake: FakeOpenAi, extra: Partial<LlmEngineOptions> = {}) =>
  createLlmEngine({
    baseURL: fake.baseURL,
    model: 'gpt-4o-mini',
    timeoutMs: 2000,
    segmentsPerRequest: 40,
    tokensPerRequest: 3000,
    contextWindow: 16384,
    maxOutputTokens: 4096,
    structuredOutput: 'json_schema',
    temperature: 0,
    seed: 7,
    ...extra,
  });

const kk = (segments: TranslationRequest['segments'], extra: Partial<TranslationRequest> = {}): TranslationRequest => ({ sourceLanguage: 'RU', targetLanguage: 'KK', targetLocale: 'kk', segments, ...extra });
const SENTENCES = ['Президент посетил Астану.', 'Встреча прошла в Сиане.', 'Стороны подписали соглашение.'];
const paragraph = (i: number) => SENTENCES.filter((_, j) => j !== i).join(' ');

describe('the llm adapter on the fake server', () => {
  it('sends one deterministic, structured, non-streaming request per batch and returns the answers in order', async () => {
    const fake = await server();
    const engine = engineOn(fake);
    const request = kk(SENTENCES.map((text, i) => ({ text, context: paragraph(i) })));
    const result = await engine.translate(request, {});
    expect(result.map((r) => r.text)).toEqual(SENTENCES.map((s) => fakeTranslation(s, 'Kazakh')));
    expect(result.every((r) => r.billedCharacters === 0)).toBe(true);
    expect(fake.completions).toHaveLength(1);
    const sent = fake.completions[0];
    expect(sent?.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, seed: 7, stream: false, response_format: { type: 'json_schema' } });
    expect(sent?.body.max_tokens).toBeGreaterThan(0);
    expect(sent?.target).toBe('Kazakh');
    const system = sent?.body.messages?.[0]?.content ?? '';
    expect(system).toMatch(/Translate Russian into Kazakh\./);
    expect(system).toMatch(/Cyrillic/);
    // No key: a local server gets no Authorization header at all.
    expect(sent?.headers.authorization).toBeUndefined();
    // The sentences' context is the same paragraph: nothing of it is sent twice.
    expect(JSON.parse(sent?.body.messages?.at(-1)?.content ?? '{}')).toEqual({ segments: SENTENCES.map((text, i) => ({ id: String(i + 1), text })) });
    // The built-in Kazakh example travels as a user/assistant pair.
    expect(sent?.body.messages?.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(engine.tokenUsage().get('kk')).toEqual({ ...fake.usage(), requests: 1, estimated: false });
  });

  it('sends context that is not in the batch once, and the glossary terms that occur in the batch', async () => {
    const fake = await server();
    const engine = engineOn(fake, { examples: [] });
    const glossaryId = await engine.prepareGlossary?.('RU', 'KK', [['Сиань', 'Сиань'], ['Токаев', 'Тоқаев'], ['Синьхуа', 'Синьхуа']], {});
    await engine.translate(kk([{ text: SENTENCES[1] as string, context: paragraph(1) }, { text: 'Токаева встретили.', context: 'Кнопка на главной странице' }, { text: 'Токаев сказал.', context: paragraph(1) }], { glossaryId: glossaryId as string }), {});
    const payload = JSON.parse(fake.completions[0]?.body.messages?.at(-1)?.content ?? '{}') as { contexts: string[]; terms: Record<string, string>; segments: Array<{ context?: number }> };
    expect(payload.contexts).toEqual([paragraph(1), 'Кнопка на главной странице']);
    expect(payload.segments.map((s) => s.context)).toEqual([0, 1, 0]);
    // Only terms found in the batch (Сиане → Сиань inflected, Токаев), never Синьхуа.
    expect(payload.terms).toEqual({ Сиань: 'Сиань', Токаев: 'Тоқаев' });
    expect(fake.completions[0]?.body.messages?.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('sends the key as a Bearer token; a refused key is an auth refusal, never retried, and never named', async () => {
    const fake = await server({ apiKey: KEY });
    await expect(engineOn(fake, { apiKey: KEY }).translate(kk([{ text: 'Привет, мир.' }]), {})).resolves.toHaveLength(1);
    expect(fake.completions[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    const error = await rejectedBy(engineOn(fake, { apiKey: 'sk-wrong' }).translate(kk([{ text: 'Привет, мир.' }]), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: false, reason: 'auth', status: 401 });
    expect(error.message).not.toContain('sk-wrong');
  });

  const badAnswers: Array<[OpenAiFault['kind'], RegExp, string]> = [
    ['malformed-json', /not JSON/, 'kk'],
    ['missing-id', /left out id 2/, 'kk'],
    ['extra-id', /"x99", which was not asked/, 'kk'],
    ['untranslated', /Russian source left untranslated/, 'kk'],
    ['wrong-script', /wrong script for Kazakh/, 'kk'],
    ['wrong-script', /Russian \(Cyrillic\) text where Simplified Chinese was asked/, 'zh'],
    ['untranslated', /Russian source left untranslated/, 'en'],
  ];
  for (const [kind, message, locale] of badAnswers) {
    it(`a ${kind} answer for ${locale} is a retryable bad response`, async () => {
      const fake = await server();
      fake.inject({ kind } as OpenAiFault);
      const code = { kk: 'KK', zh: 'ZH-HANS', en: 'EN-US' }[locale] as string;
      const request = { ...kk([{ text: 'Президент посетил Астану вчера вечером.' }, { text: 'Встреча прошла в Сиане.' }]), targetLanguage: code, targetLocale: locale };
      const error = await rejectedBy(engineOn(fake).translate(request, {}), EngineError);
      expect(error.options).toMatchObject({ retryable: true, reason: 'bad-response' });
      expect(error.message).toMatch(message);
      // The same request answered well the next time.
      await expect(engineOn(fake).translate(request, {})).resolves.toHaveLength(2);
    });
  }

  it('maps statuses: 429 with retry-after, 5xx retryable; quota and a missing model not; a hang times out', async () => {
    const fake = await server();
    const engine = engineOn(fake, { timeoutMs: 300 });
    const request = kk([{ text: 'Привет, мир.' }]);
    const cases: Array<[OpenAiFault, Record<string, unknown>]> = [
      [{ kind: 'status', status: 429, retryAfterSeconds: 2 }, { retryable: true, reason: 'rate-limit', status: 429, retryAfterMs: 2000 }],
      [{ kind: 'status', status: 500 }, { retryable: true, reason: 'server', status: 500 }],
      [{ kind: 'status', status: 503 }, { retryable: true, reason: 'server', status: 503 }],
      [{ kind: 'status', status: 429, code: 'insufficient_quota' }, { retryable: false, reason: 'quota', status: 429 }],
      [{ kind: 'status', status: 402 }, { retryable: false, reason: 'quota', status: 402 }],
      [{ kind: 'status', status: 400 }, { retryable: false, reason: 'bad-request', status: 400 }],
      [{ kind: 'hang' }, { retryable: true, reason: 'timeout' }],
      [{ kind: 'truncated' }, { retryable: false, reason: 'bad-response' }],
    ];
    for (const [fault, expected] of cases) {
      fake.inject(fault);
      const error = await rejectedBy(engine.translate(request, {}), EngineError);
      expect(error.options, JSON.stringify(fault)).toMatchObject(expected);
    }
    const missing = await rejectedBy(engineOn(fake, { model: 'no-such-model' }).translate(request, {}), EngineError);
    expect(missing.options).toMatchObject({ retryable: false, reason: 'bad-request', status: 404 });
    expect(missing.message).toMatch(/engine\.llm\.model/);
    // One request per call: the SDK never retries by itself.
    expect(fake.completions).toHaveLength(cases.length + 1);
  });

  it('a server without structured output: one retryable refusal, then JSON asked for in the prompt alone', async () => {
    const fake = await server({ rejectJsonSchema: true });
    const engine = engineOn(fake);
    const error = await rejectedBy(engine.translate(kk([{ text: 'Привет, мир.' }]), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: true, reason: 'bad-response' });
    await expect(engine.translate(kk([{ text: 'Привет, мир.' }]), {})).resolves.toHaveLength(1);
    expect(fake.completions.map((c) => c.body.response_format?.type ?? 'none')).toEqual(['json_schema', 'none']);
  });

  it('counts tokens itself when the server sends no usage (marked estimated), and estimates a request before sending', async () => {
    const fake = await server({ omitUsage: true });
    const engine = engineOn(fake);
    const request = kk(SENTENCES.map((text) => ({ text })));
    const estimate = engine.estimateTokens?.(request, []);
    await engine.translate(request, {});
    const real = fake.completions[0]?.usage;
    // Same tokenizer (o200k_base for gpt-4o-mini); the batch's JSON is counted from its parts, on the safe side.
    expect(estimate?.promptTokens).toBeGreaterThanOrEqual(real?.prompt_tokens ?? Infinity);
    expect(estimate?.promptTokens).toBeLessThanOrEqual((real?.prompt_tokens ?? 0) * 1.06);
    expect(estimate?.completionTokens).toBeGreaterThan((real?.completion_tokens ?? 0) * 0.5);
    expect(estimate?.completionTokens).toBeLessThan((real?.completion_tokens ?? 0) * 2);
    // Its own counts: the prompt as estimated, the answer counted exactly (the same tokenizer as the server's).
    expect(engine.tokenUsage().get('kk')).toEqual({ promptTokens: estimate?.promptTokens, completionTokens: real?.completion_tokens, requests: 1, estimated: true });
  });

  it('refuses a batch that leaves the context window no room for the answer, before sending', async () => {
    const fake = await server();
    const error = await rejectedBy(engineOn(fake, { contextWindow: 600, maxOutputTokens: 100 }).translate(kk(SENTENCES.map((text) => ({ text: text.repeat(8) }))), {}), EngineError);
    expect(error.options).toMatchObject({ retryable: false, reason: 'bad-request' });
    expect(error.message).toMatch(/tokensPerRequest/);
    expect(fake.completions).toEqual([]);
  });
});

describe('answer checks and token counting', () => {
  it('tells a translation from Russian left as it is, per target script', () => {
    expect(languageProblem('Встреча прошла в Сиане.', 'Кездесу Сианьда өтті.', languageBrief('KK'))).toBe('');
    expect(languageProblem('Встреча прошла в Сиане.', 'Встреча прошла в Сиане.', languageBrief('KK'))).toMatch(/untranslated/);
    expect(languageProblem('Сиань', 'Сиань', languageBrief('KK'))).toBe(''); // a name may stay as it is
    expect(languageProblem('Встреча прошла в Сиане.', 'Kezdesu Sianda otti.', languageBrief('KK'))).toMatch(/wrong script/);
    expect(languageProblem('Встреча прошла в Сиане.', '会议在西安举行。', languageBrief('ZH-HANS'))).toBe('');
    expect(languageProblem('Встреча прошла в Сиане.', 'Meeting in Xi’an.', languageBrief('ZH-HANS'))).toMatch(/wrong script/);
    expect(languageProblem('Встреча <x id="1"/> прошла.', 'The meeting <x id="1"/> took place.', languageBrief('EN-US'))).toBe('');
    expect(languageProblem('Компания iPhone и Samsung', 'iPhone 和 Samsung 公司', languageBrief('ZH-HANS'))).toBe(''); // Latin names copied from the source
    const russianKk = 'Президент Республики Казахстан провел переговоры с председателем правительства.';
    expect(languageProblem(russianKk, `${russianKk} Итоги`, languageBrief('KK'))).toMatch(/no Kazakh letter/);
  });

  it('picks the tokenizer by model family; other models are estimated', () => {
    expect(tokenizerForModel('gpt-4o-mini')).toBe('o200k_base');
    expect(tokenizerForModel('openai/gpt-4.1')).toBe('o200k_base');
    expect(tokenizerForModel('gpt-4-turbo')).toBe('cl100k_base');
    expect(tokenizerForModel('qwen2.5:14b')).toBe('estimate');
    const real = createTokenCounter('o200k_base').count('Президент посетил Астану. 您有三条新消息。');
    const estimate = createTokenCounter('estimate').count('Президент посетил Астану. 您有三条新消息。');
    expect(real).toBeGreaterThan(5);
    expect(estimate).toBeGreaterThanOrEqual(real); // on the safe side
  });
});
