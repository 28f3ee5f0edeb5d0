import { collectStream, ProviderError, redactSecrets, type Provider } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { placeholderApiKey } from './groq-chat-model.js';
import { createGroq } from './groq-provider.js';
import { groqBaseURL, type GroqSettings } from './groq-settings.js';

const apiKey = 'gsk_adapterTest0123456789abcdef';
const weather = {
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: z.object({ city: z.string() }),
};
const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const create = (settings: GroqSettings = {}) =>
  createGroq({ apiKey, baseURL: fake.baseURL.groq, ...settings });
const sent = () => fake.requests('groq');
const lastBody = () => sent().at(-1)?.body as Record<string, unknown>;

/** A fetch that sends Groq's own URL to the fake and notes each request's authorization header. */
function redirectingFetch(seen: string[]): typeof fetch {
  return (input, init) => {
    seen.push(new Headers(init?.headers).get('authorization') ?? '');
    return fetch(String(input).replace(groqBaseURL, fake.baseURL.groq), init);
  };
}

describe('the request groq-sdk sends', () => {
  it('maps a system prompt and image parts to POST /openai/v1/chat/completions', async () => {
    await create().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            {
              type: 'image',
              source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
          ],
        },
      ],
    });
    const [request] = sent();
    expect(request).toMatchObject({ method: 'POST', path: '/openai/v1/chat/completions' });
    expect(request?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(request?.body).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
      stream: false,
    });
  });

  it('sends tools, a named tool choice, and the limit as max_completion_tokens', async () => {
    await create({ temperature: 0.1 }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [weather],
      toolChoice: { name: 'get_weather' },
      maxTokens: 30,
    });
    expect(lastBody()).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.1,
      max_completion_tokens: 30,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather of a city',
            parameters: weatherSchema,
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      stream: false,
    });
  });

  it('sends the assistant tool call and the tool result back in the round trip', async () => {
    const provider = create();
    const question = {
      messages: [{ role: 'user' as const, content: 'Weather in Paris? Use get_weather.' }],
      tools: [weather],
    };
    const first = await provider.generate(question);
    const call = first.toolCalls[0];
    expect(call).toMatchObject({ name: 'get_weather', args: { city: expect.any(String) } });
    if (!call) return;
    const second = await provider.generate({
      ...question,
      messages: [
        ...question.messages,
        { role: 'assistant', content: '', toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: call.id, result: 'rainy, 9C' },
      ],
    });
    expect((lastBody()['messages'] as unknown[]).slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call.id,
            type: 'function',
            function: { name: 'get_weather', arguments: JSON.stringify(call.args) },
          },
        ],
      },
      { role: 'tool', tool_call_id: call.id, content: 'rainy, 9C' },
    ]);
    expect(second.text).toMatch(/rainy|9C/);
  });

  it('uses JSON mode with the schema in a system message, and validates the answer', async () => {
    fake.script('groq', [{ reply: { text: '{"city":"Paris","population":2100000}' } }]);
    const schema = z.object({ city: z.string(), population: z.number() });
    const result = await create().generate({
      messages: [{ role: 'user', content: 'Paris?' }],
      responseFormat: { type: 'json', schema },
    });
    expect(lastBody()['response_format']).toEqual({ type: 'json_object' });
    const [system] = lastBody()['messages'] as { role: string; content: string }[];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('"population":{"type":"number"}');
    expect(result.object).toEqual({ city: 'Paris', population: 2100000 });
  });

  it('streams without stream_options and reads usage from x_groq', async () => {
    const result = await collectStream(
      create().stream({ messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(lastBody()['stream']).toBe(true);
    expect(lastBody()).not.toHaveProperty('stream_options');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it('merges providerOptions.groq, then the instance name’s, into the body', async () => {
    await create({ name: 'groq-fast' }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
      providerOptions: {
        groq: { seed: 1, service_tier: 'auto' },
        'groq-fast': { service_tier: 'flex' },
        openai: { store: true },
      },
    });
    expect(lastBody()).toMatchObject({ seed: 1, service_tier: 'flex' });
    expect(lastBody()).not.toHaveProperty('store');
  });
});

describe('keys, availability and capabilities', () => {
  it('falls back to GROQ_API_KEY for Groq itself and registers it for redaction', async () => {
    const envKey = 'groq-env-key-no-shape-771';
    const seen: string[] = [];
    const provider = createGroq({ env: { GROQ_API_KEY: envKey }, fetch: redirectingFetch(seen) });
    expect(provider.isAvailable()).toBe(true);
    await provider.generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(seen).toEqual([`Bearer ${envKey}`]);
    expect(redactSecrets(envKey)).toBe('[REDACTED]');
  });

  it('never sends the env key to a custom endpoint', async () => {
    const seen: string[] = [];
    const provider = createGroq({
      baseURL: fake.baseURL.groq,
      env: { GROQ_API_KEY: 'gsk_realKeyMustStayHome123' },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return fetch(input, init);
      },
    });
    await provider.generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(seen).toEqual([`Bearer ${placeholderApiKey}`]);
  });

  it('without a key is unavailable and fails with kind auth before any call', async () => {
    const seen: string[] = [];
    const provider = createGroq({ env: {}, fetch: redirectingFetch(seen) });
    expect(provider.isAvailable()).toBe(false);
    const error = await provider
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('auth');
    expect(seen).toEqual([]);
  });

  it('has no embed method: Groq offers no embeddings', () => {
    const provider: Provider = create();
    expect(provider.embed).toBeUndefined();
    expect(provider.defaultEmbeddingModel).toBeUndefined();
  });

  it('checks health with GET /openai/v1/models', async () => {
    expect(await create().healthCheck()).toMatchObject({
      healthy: true,
      model: 'llama-3.3-70b-versatile',
    });
    expect(sent().at(-1)).toMatchObject({ method: 'GET', path: '/openai/v1/models' });
  });
});

describe('timeouts beyond the headers', () => {
  it('times out a body that stalls after the headers (kind timeout, not aborted)', async () => {
    const stallingFetch: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":"chatcmpl-1",'));
            init?.signal?.addEventListener(
              'abort',
              () => controller.error(new DOMException('This operation was aborted', 'AbortError')),
              { once: true },
            );
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    const provider = createGroq({
      apiKey,
      baseURL: 'http://127.0.0.1:9',
      timeoutMs: 80,
      fetch: stallingFetch,
    });
    const error = await provider
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('timeout');
  });
});
