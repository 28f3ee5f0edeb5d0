import { collectStream, ProviderError, redactSecrets } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAI } from './openai-provider.js';
import { openAIBaseURL, type OpenAISettings } from './openai-settings.js';
import { placeholderApiKey } from './openai-chat-model.js';

const apiKey = 'sk-adapter-test-0123456789abcdef';
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

const create = (settings: OpenAISettings = {}) =>
  createOpenAI({ apiKey, baseURL: fake.baseURL.openai, ...settings });
const sent = () => fake.requests('openai');
const lastBody = () => sent().at(-1)?.body as Record<string, unknown>;

/** A fetch that sends OpenAI's own URL to the fake and notes each request's authorization header. */
function redirectingFetch(seen: string[]): typeof fetch {
  return (input, init) => {
    seen.push(new Headers(init?.headers).get('authorization') ?? '');
    return fetch(String(input).replace(openAIBaseURL, fake.baseURL.openai), init);
  };
}

describe('the request the openai SDK sends', () => {
  it('maps a system prompt and image parts (url and base64) to POST /v1/chat/completions', async () => {
    await create().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these images?' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
            {
              type: 'image',
              source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
          ],
        },
      ],
    });
    const [request] = sent();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these images?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
      stream: false,
    });
  });

  it('sends tools as function tools with the tool choice, stop and top_p', async () => {
    await create().generate({
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [weather],
      toolChoice: 'required',
      stop: ['END'],
      topP: 0.5,
    });
    expect(lastBody()).toEqual({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      top_p: 0.5,
      stop: ['END'],
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
      tool_choice: 'required',
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
        { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: call.id, result: { tempC: 21 } },
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
      { role: 'tool', tool_call_id: call.id, content: '{"tempC":21}' },
    ]);
    expect(second.text).toContain('21');
  });

  it('asks for a strict json_schema for a zod object and returns the validated object', async () => {
    const schema = z.object({ city: z.string(), population: z.number() });
    const result = await create().generate({
      messages: [{ role: 'user', content: 'Paris?' }],
      responseFormat: { type: 'json', name: 'city', schema },
    });
    expect(lastBody()['response_format']).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'city',
        strict: true,
        schema: {
          type: 'object',
          properties: { city: { type: 'string' }, population: { type: 'number' } },
          required: ['city', 'population'],
          additionalProperties: false,
        },
      },
    });
    expect(schema.parse(result.object)).toEqual(result.object);
  });

  it('streams with stream_options.include_usage', async () => {
    await collectStream(create().stream({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('merges providerOptions.openai, then the instance name’s, into the body', async () => {
    await create({ name: 'ollama' }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
      providerOptions: { openai: { seed: 7, user: 'u1' }, ollama: { seed: 8 }, groq: { x: 1 } },
    });
    expect(lastBody()).toMatchObject({ seed: 8, user: 'u1' });
    expect(lastBody()).not.toHaveProperty('x');
  });

  it('sends settings defaults and custom headers', async () => {
    await create({ temperature: 0.2, maxTokens: 64, headers: { 'x-team': 'search' } }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(lastBody()).toMatchObject({ temperature: 0.2, max_tokens: 64 });
    expect(sent().at(-1)?.headers['x-team']).toBe('search');
  });
});

describe('the max tokens field', () => {
  it('is max_tokens for a custom endpoint (what compatible servers understand)', async () => {
    await create().generate({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 10 });
    expect(lastBody()).toMatchObject({ max_tokens: 10 });
    expect(lastBody()).not.toHaveProperty('max_completion_tokens');
  });

  it('is max_completion_tokens for OpenAI itself, or when chosen', async () => {
    const seen: string[] = [];
    await createOpenAI({ apiKey, fetch: redirectingFetch(seen) }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
      maxTokens: 10,
    });
    expect(lastBody()).toMatchObject({ max_completion_tokens: 10 });
    expect(lastBody()).not.toHaveProperty('max_tokens');
    await create({ maxTokensField: 'max_completion_tokens' }).generate({
      messages: [{ role: 'user', content: 'Hi' }],
      maxTokens: 11,
    });
    expect(lastBody()).toMatchObject({ max_completion_tokens: 11 });
  });
});

describe('keys and availability', () => {
  it('falls back to OPENAI_API_KEY for OpenAI itself and registers it for redaction', async () => {
    const envKey = 'env-key-without-known-shape-991';
    const seen: string[] = [];
    const provider = createOpenAI({
      env: { OPENAI_API_KEY: envKey },
      fetch: redirectingFetch(seen),
    });
    expect(provider.isAvailable()).toBe(true);
    await provider.generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(seen).toEqual([`Bearer ${envKey}`]);
    expect(redactSecrets(`key ${envKey}`)).toBe('key [REDACTED]');
  });

  it('never sends the env key to a custom endpoint: a placeholder instead', async () => {
    const seen: string[] = [];
    const provider = createOpenAI({
      name: 'ollama',
      baseURL: fake.baseURL.openai,
      env: { OPENAI_API_KEY: 'sk-real-key-must-stay-home-123' },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return fetch(input, init);
      },
    });
    expect(provider.isAvailable()).toBe(true);
    await provider.generate({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(seen).toEqual([`Bearer ${placeholderApiKey}`]);
  });

  it('without a key for OpenAI itself is unavailable and fails with kind auth before any call', async () => {
    const seen: string[] = [];
    const provider = createOpenAI({ env: {}, fetch: redirectingFetch(seen) });
    expect(provider.isAvailable()).toBe(false);
    const error = await provider
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('auth');
    expect(seen).toEqual([]);
    expect(await provider.healthCheck()).toMatchObject({
      healthy: false,
      error: expect.stringContaining('OPENAI_API_KEY'),
    });
  });
});

describe('embeddings and health', () => {
  it('embeds through POST /v1/embeddings with float encoding and dimensions', async () => {
    const result = await create().embed({ input: ['one', 'two'], dimensions: 32 });
    expect(sent().at(-1)).toMatchObject({
      path: '/v1/embeddings',
      body: {
        model: 'text-embedding-3-small',
        input: ['one', 'two'],
        encoding_format: 'float',
        dimensions: 32,
      },
    });
    expect(result.embeddings.map((e) => e.length)).toEqual([32, 32]);
    expect(result).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small' });
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('checks health with GET /v1/models', async () => {
    expect(await create().healthCheck()).toMatchObject({ healthy: true, model: 'gpt-4.1-mini' });
    expect(sent().at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  });
});

describe('timeouts beyond the headers', () => {
  /** A fetch whose response starts (headers) and then never finishes its body. */
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

  it('times out a body that stalls after the headers (kind timeout, not aborted)', async () => {
    const provider = createOpenAI({
      apiKey,
      baseURL: 'http://127.0.0.1:9/v1',
      timeoutMs: 80,
      fetch: stallingFetch,
    });
    // The body stalls for ever: only our 80 ms timer can end it before the test's own timeout.
    const error = await provider
      .generate({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('timeout');
  });

  it("reports the caller's abort during the body as kind aborted", async () => {
    const provider = createOpenAI({
      apiKey,
      baseURL: 'http://127.0.0.1:9/v1',
      timeoutMs: 5_000,
      fetch: stallingFetch,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await provider
      .generate({ messages: [{ role: 'user', content: 'Hi' }], signal: controller.signal })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('aborted');
  });
});
