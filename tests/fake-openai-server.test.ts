/** The fake OpenAI-compatible server speaks the wire format the official SDK expects (tests rely on it). */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from './helpers/fake-openai-server.js';

const servers: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('the fake OpenAI-compatible server', () => {
  it('lists its models and answers a chat completion with usage, as the SDK parses them', async () => {
    const fake = await startFakeOpenAi({ apiKey: 'sk-fake', models: ['gpt-4o-mini', 'qwen2.5:14b'] });
    servers.push(fake);
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'sk-fake', maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o-mini', 'qwen2.5:14b']);
    const completion = await client.chat.completions.create({
      model: 'qwen2.5:14b',
      messages: [
        { role: 'system', content: 'Translate Russian into Kazakh.' },
        { role: 'user', content: JSON.stringify({ segments: [{ id: '1', text: 'Сохранить <x id="1"/>' }] }) },
      ],
      stream: false,
    });
    expect(completion.object).toBe('chat.completion');
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ translations: [{ id: '1', text: 'Қаз: Сохрәнить <x id="1"/>' }] });
    expect(completion.usage?.prompt_tokens).toBe(fake.usage().promptTokens);
    expect(completion.usage?.total_tokens).toBe(fake.usage().promptTokens + fake.usage().completionTokens);
    // A wrong key, an unknown model and streaming are refused with OpenAI's error body.
    await expect(new OpenAI({ baseURL: fake.baseURL, apiKey: 'sk-other', maxRetries: 0 }).chat.completions.create({ model: 'gpt-4o-mini', messages: [] })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(client.chat.completions.create({ model: 'gpt-5', messages: [] })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [], stream: true })).rejects.toMatchObject({ status: 400 });
  });

  it('enforces its rate limit with 429 and retry-after', async () => {
    const fake = await startFakeOpenAi({ rateLimit: { requests: 2, perMs: 60_000, retryAfterSeconds: 3 } });
    servers.push(fake);
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'x', maxRetries: 0 });
    const ask = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '{"segments":[]}' }] });
    await ask();
    await ask();
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('3');
    expect(fake.completions.map((c) => c.status)).toEqual([200, 200, 429]);
  });
});
