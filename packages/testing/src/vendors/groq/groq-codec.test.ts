import Groq from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { weatherParameters } from '../../__fixtures__/weather.js';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeProviders } from '../../types.js';

let fake: FakeProviders;
let client: Groq;
const model = 'llama-3.3-70b-versatile';

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new Groq({ apiKey: 'gsk_testsecret123456', baseURL: fake.baseURL.groq, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('groq chat completions', () => {
  it('answers under /openai/v1 in the OpenAI format with x_groq', async () => {
    const res = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Explain photosynthesis briefly' }],
    });
    expect(res.object).toBe('chat.completion');
    expect(res.model).toBe(model);
    expect(res.choices[0]?.message.content).toBe(
      'Here is a short answer about explain photosynthesis briefly.',
    );
    expect(res.usage?.total_tokens).toBeGreaterThan(0);
    expect((res as unknown as { x_groq: { id: string } }).x_groq.id).toMatch(/^req_/);
    expect(fake.requests('groq')[0]?.path).toBe('/openai/v1/chat/completions');
    expect(fake.count('openai')).toBe(0);
  });

  it('streams with x_groq.usage on the final chunk', async () => {
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      messages: [{ role: 'user', content: 'Tell me about comets and asteroids' }],
    });
    let text = '';
    let finalUsage: { completion_tokens?: number } | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) finalUsage = chunk.x_groq?.usage ?? undefined;
    }
    expect(text).toBe('Here is a short answer about comets asteroids.');
    expect(finalUsage?.completion_tokens).toBeGreaterThan(0);
  });

  it('calls tools with schema-satisfying arguments', async () => {
    const res = await client.chat.completions.create({
      model,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Get the weather forecast for a city',
            parameters: weatherParameters as unknown as Record<string, unknown>,
          },
        },
      ],
      messages: [{ role: 'user', content: 'Weather in Dublin for 2 days please' }],
    });
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(JSON.parse(res.choices[0]?.message.tool_calls?.[0]?.function.arguments ?? '')).toEqual({
      city: 'Dublin',
      days: 2,
      unit: 'celsius',
    });
  });

  it('fails with the SDK error classes and a readable retry-after', async () => {
    fake.script('groq', [
      { error: 'rate_limit', retryAfter: 7 },
      'context-length',
      { status: 503 },
    ]);
    const limited = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Groq.RateLimitError);
    expect((limited as InstanceType<typeof Groq.RateLimitError>).headers?.get('retry-after')).toBe(
      '7',
    );
    const long = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(long).toBeInstanceOf(Groq.BadRequestError);
    expect((long as InstanceType<typeof Groq.BadRequestError>).error).toMatchObject({
      error: { code: 'context_length_exceeded' },
    });
    const down = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(Groq.InternalServerError);
  });

  it('lists models', async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toContain(model);
  });
});
