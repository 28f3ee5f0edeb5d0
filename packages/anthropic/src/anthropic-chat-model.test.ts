import { REDACTED, collectStream, type ChatRequest } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAnthropic } from './anthropic-provider.js';

const apiKey = 'sk-ant-api03-unit-test-key-0123456789';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 1 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function provider(settings: Parameters<typeof createAnthropic>[0] = {}) {
  return createAnthropic({
    apiKey,
    baseURL: fake.baseURL.anthropic,
    model: 'claude-haiku-4-5',
    env: {},
    ...settings,
  });
}

function lastBody(): Record<string, unknown> {
  return fake.requests('anthropic').at(-1)?.body as Record<string, unknown>;
}

const weather = {
  name: 'get_weather',
  description: 'Get the weather for a city',
  parameters: z.object({ city: z.string() }),
};

describe('AnthropicChatModel.generate', () => {
  it('sends POST /v1/messages with the key as a redacted bearer, the joined system and a default max_tokens', async () => {
    const result = await provider({ name: 'anthropic-eu' }).generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is the capital of France?' },
        { role: 'system', content: 'Answer in English.' },
      ],
    });
    const [request] = fake.requests('anthropic');
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['authorization']).toBe(`Bearer ${REDACTED}`);
    expect(request?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/); // the SDK's API version
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
    expect(request?.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 8192,
      system: 'Be brief.\n\nAnswer in English.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What is the capital of France?' }] },
      ],
    });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result).toMatchObject({
      provider: 'anthropic-eu',
      model: 'claude-haiku-4-5',
      finishReason: 'stop',
      toolCalls: [],
    });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe(result.usage.inputTokens + result.usage.outputTokens);
    expect(result.costUsd).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('takes max_tokens from the request, then the settings, and 4096 for a model the catalogue does not know', async () => {
    await provider({ maxTokens: 300 }).generate({
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 50,
    });
    expect(lastBody()['max_tokens']).toBe(50);
    await provider({ maxTokens: 300 }).generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(lastBody()['max_tokens']).toBe(300);
    await provider({ model: 'claude-unknown-9' }).generate({
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(lastBody()['max_tokens']).toBe(4096);
    await provider({ model: 'claude-3-5-haiku-latest' }).generate({
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(lastBody()['max_tokens']).toBe(8192);
  });

  it('sends temperature, top_p, stop sequences, settings headers and providerOptions.anthropic', async () => {
    await provider({ temperature: 0.3, headers: { 'x-team': 'search' } }).generate({
      messages: [{ role: 'user', content: 'hi' }],
      topP: 0.9,
      stop: ['END'],
      providerOptions: { anthropic: { top_k: 5 }, openai: { seed: 1 } },
    });
    expect(lastBody()).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['END'],
      top_k: 5,
    });
    expect(lastBody()['seed']).toBeUndefined();
    expect(fake.requests('anthropic').at(-1)?.headers['x-team']).toBe('search');
  });

  it('sends images as base64 and url sources', async () => {
    await provider().generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe both.' },
            {
              type: 'image',
              source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(lastBody()['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe both.' },
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
          },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('sends tools with input_schema and a named tool choice, and returns the tool call', async () => {
    const result = await provider().generate({
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weather],
      toolChoice: { name: 'get_weather' },
    });
    expect(lastBody()['tools']).toEqual([
      {
        name: 'get_weather',
        description: 'Get the weather for a city',
        input_schema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    ]);
    expect(lastBody()['tool_choice']).toEqual({ type: 'tool', name: 'get_weather' });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolCalls[0]).toMatchObject({
      name: 'get_weather',
      args: { city: expect.any(String) },
    });
    expect(JSON.parse(result.toolCalls[0]?.rawArgs ?? '')).toEqual(result.toolCalls[0]?.args);
    expect(result.toolCalls[0]?.id).toMatch(/^toolu_/);
  });

  it('runs a tool round trip: tool_use and tool_result blocks, same-role turns merged', async () => {
    const first = await provider().generate({
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
      toolChoice: 'required',
    });
    expect(lastBody()['tool_choice']).toEqual({ type: 'any' });
    const call = first.toolCalls[0];
    if (!call) throw new Error('expected a tool call');
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: call.id, result: { tempC: 21, sky: 'sunny' } },
      { role: 'user', content: 'Is that warm?' },
    ];
    const second = await provider().generate({ messages, tools: [weather] });
    const body = lastBody();
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          ...(first.text ? [{ type: 'text', text: first.text }] : []),
          { type: 'tool_use', id: call.id, name: 'get_weather', input: call.args },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: call.id, content: '{"tempC":21,"sky":"sunny"}' },
          { type: 'text', text: 'Is that warm?' },
        ],
      },
    ]);
    expect(second.finishReason).toBe('stop');
    expect(second.text.length).toBeGreaterThan(0);
  });

  it("sends toolChoice 'none' as {type:'none'} with the tools still listed", async () => {
    const result = await provider().generate({
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
      toolChoice: 'none',
    });
    expect(lastBody()['tool_choice']).toEqual({ type: 'none' });
    expect(lastBody()['tools']).toHaveLength(1);
    expect(result.toolCalls).toEqual([]);
  });

  it('gets structured output through a forced tool: object parsed, finishReason stop, no tool calls', async () => {
    const schema = z.object({ city: z.string(), population: z.number() });
    const result = await provider().generate({
      messages: [{ role: 'user', content: 'The largest city of France?' }],
      responseFormat: { type: 'json', schema },
    });
    expect(lastBody()['tools']).toEqual([
      {
        name: 'json_output',
        description: 'Answer with JSON matching this schema.',
        input_schema: {
          type: 'object',
          properties: { city: { type: 'string' }, population: { type: 'number' } },
          required: ['city', 'population'],
        },
      },
    ]);
    expect(lastBody()['tool_choice']).toEqual({ type: 'tool', name: 'json_output' });
    expect(result.finishReason).toBe('stop');
    expect(result.toolCalls).toEqual([]);
    expect(schema.parse(result.object)).toEqual(result.object);
    expect(JSON.parse(result.text)).toEqual(result.object);
  });

  it('normalises usage: cache reads added to inputTokens and reported as cachedInputTokens', async () => {
    fake.script('anthropic', [
      {
        reply: {
          text: 'ok',
          usage: { inputTokens: 1200, outputTokens: 10, cachedInputTokens: 1000 },
        },
      },
    ]);
    const result = await provider().generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect((result.raw as { usage: { input_tokens: number } }).usage.input_tokens).toBe(200);
    expect(result.usage).toEqual({
      inputTokens: 1200,
      outputTokens: 10,
      totalTokens: 1210,
      cachedInputTokens: 1000,
      cacheWriteInputTokens: 0,
    });
    // claude-haiku-4-5: $1 input, $0.1 cached input, $5 output per 1M tokens.
    expect(result.costUsd).toBeCloseTo((200 * 1 + 1000 * 0.1 + 10 * 5) / 1e6, 12);
  });

  it('prices cache writes apart: 5-minute at 1.25×, 1-hour at 2× input (cache_creation split on the wire)', async () => {
    const reply = {
      text: 'ok',
      usage: {
        inputTokens: 101_000,
        outputTokens: 1_000,
        cachedInputTokens: 50_000,
        cacheWriteInputTokens: 50_000,
        cacheWrite1hInputTokens: 20_000,
      },
    };
    fake.script('anthropic', [{ reply }, { reply }]);
    const result = await provider().generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect((result.raw as { usage: Record<string, unknown> }).usage).toMatchObject({
      input_tokens: 1_000,
      cache_read_input_tokens: 50_000,
      cache_creation_input_tokens: 50_000,
      cache_creation: { ephemeral_5m_input_tokens: 30_000, ephemeral_1h_input_tokens: 20_000 },
    });
    expect(result.usage).toMatchObject({
      inputTokens: 101_000,
      cachedInputTokens: 50_000,
      cacheWriteInputTokens: 50_000,
      cacheWrite1hInputTokens: 20_000,
    });
    // claude-haiku-4-5 ($1 in): 1k × $1 + 50k × $0.10 + 30k × $1.25 + 20k × $2 + 1k × $5 (per 1M)
    expect(result.costUsd).toBe(0.0885);
    const streamed = await collectStream(
      provider().stream({ messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(streamed.costUsd).toBe(result.costUsd);
    expect(streamed.usage).toEqual(result.usage);
  });

  it('maps a refusal to content-filter and max_tokens to length', async () => {
    fake.script('anthropic', [
      'content-filter',
      { reply: { text: 'cut', finishReason: 'length' } },
    ]);
    expect(
      (await provider().generate({ messages: [{ role: 'user', content: 'hi' }] })).finishReason,
    ).toBe('content-filter');
    expect(
      (await provider().generate({ messages: [{ role: 'user', content: 'hi' }] })).finishReason,
    ).toBe('length');
  });

  it('rejects an unusable image URL before calling', async () => {
    await expect(
      provider().generate({
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { kind: 'url', url: 'file:///etc/passwd' } }],
          },
        ],
      }),
    ).rejects.toMatchObject({ name: 'ModelmuxInvalidRequestError' });
    expect(fake.count('anthropic')).toBe(0);
  });
});

describe('AnthropicChatModel.healthCheck / embed', () => {
  it('reports healthy after a one-token call', async () => {
    const health = await provider().healthCheck();
    expect(health).toMatchObject({ healthy: true, model: 'claude-haiku-4-5' });
    expect(lastBody()['max_tokens']).toBe(1);
  });

  it('reports unhealthy without throwing, with a redacted error', async () => {
    fake.script('anthropic', [{ error: 'auth', message: `invalid key ${apiKey}` }]);
    const health = await provider().healthCheck();
    expect(health.healthy).toBe(false);
    expect(health.error).toContain('auth');
    expect(health.error).not.toContain(apiKey);
  });

  it('has no embed method: Anthropic offers no embeddings', () => {
    expect((provider() as { embed?: unknown }).embed).toBeUndefined();
  });
});
