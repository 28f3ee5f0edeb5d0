import { REDACTED, type ChatRequest } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { geminiType } from './gemini-wire.js';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

const apiKey = 'AIzaSyUnitTestKey_0123456789abcdefghijk';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 11 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const sdks: GoogleSdk[] = ['genai', 'legacy'];
let sdk: GoogleSdk = 'genai';

function provider(settings: Parameters<typeof createGoogle>[0] = {}) {
  return createGoogle({ sdk, apiKey, baseURL: fake.baseURL.google, env: {}, ...settings });
}

function lastBody(): Record<string, unknown> {
  return fake.requests('google').at(-1)?.body as Record<string, unknown>;
}

const weather = {
  name: 'get_weather',
  description: 'Get the weather for a city',
  parameters: z.object({ city: z.string() }),
};

describe.each(sdks)('GoogleChatModel.generate (sdk: %s)', (which) => {
  beforeEach(() => {
    sdk = which;
  });
  it('sends generateContent with the key in x-goog-api-key (redacted) and system messages as systemInstruction', async () => {
    const result = await provider({ name: 'gemini' }).generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is the capital of France?' },
        { role: 'system', content: 'Answer in English.' },
      ],
    });
    const [request] = fake.requests('google');
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.headers['x-goog-api-key']).toBe(REDACTED);
    expect(JSON.stringify(request)).not.toContain(apiKey);
    // Nothing else goes on the wire (no SDK-only option such as automaticContinuation); the
    // legacy SDK adds an empty generationConfig and safetySettings of its own.
    const wire = ['contents', 'systemInstruction', 'generationConfig', 'safetySettings'];
    expect(Object.keys(request?.body as object).filter((key) => !wire.includes(key))).toEqual([]);
    expect(request?.body).toMatchObject({
      systemInstruction: { role: 'system', parts: [{ text: 'Be brief.\n\nAnswer in English.' }] },
      contents: [{ role: 'user', parts: [{ text: 'What is the capital of France?' }] }],
    });
    // The legacy SDK always sends `generationConfig: {}`; @google/genai leaves it out.
    expect(lastBody()['generationConfig'] ?? {}).toEqual({});
    expect(result.text.length).toBeGreaterThan(0);
    expect(result).toMatchObject({
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      finishReason: 'stop',
      toolCalls: [],
    });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('sends generationConfig from the request and settings, custom headers and providerOptions.google', async () => {
    await provider({ temperature: 0.2, maxTokens: 256, headers: { 'x-team': 'search' } }).generate({
      messages: [{ role: 'user', content: 'hi' }],
      topP: 0.8,
      stop: ['END'],
      providerOptions: {
        google: {
          generationConfig: { topK: 3 },
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        },
      },
    });
    expect(lastBody()['generationConfig']).toEqual({
      temperature: 0.2,
      maxOutputTokens: 256,
      topP: 0.8,
      stopSequences: ['END'],
      topK: 3,
    });
    expect(lastBody()['safetySettings']).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' },
    ]);
    expect(fake.requests('google').at(-1)?.headers['x-team']).toBe('search');
    await provider({ temperature: 0.2 }).generate({
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 1,
      maxTokens: 9,
      model: 'gemini-2.0-flash',
    });
    expect(fake.requests('google').at(-1)?.path).toBe(
      '/v1beta/models/gemini-2.0-flash:generateContent',
    );
    expect(lastBody()['generationConfig']).toEqual({ temperature: 1, maxOutputTokens: 9 });
  });

  it('sends base64 images inline and rejects a web URL before calling', async () => {
    await provider().generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe.' },
            {
              type: 'image',
              source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
          ],
        },
      ],
    });
    expect(lastBody()['contents']).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Describe.' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
    ]);
    fake.reset();
    await expect(
      provider().generate({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      }),
    ).rejects.toMatchObject({ name: 'ModelmuxInvalidRequestError', field: 'messages.0.content.0' });
    expect(fake.count('google')).toBe(0);
  });

  it('sends functionDeclarations with a Gemini schema and a named tool choice; returns the call with an id', async () => {
    const result = await provider().generate({
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weather],
      toolChoice: { name: 'get_weather' },
    });
    expect(lastBody()['tools']).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Get the weather for a city',
            parameters: {
              type: geminiType.OBJECT,
              properties: { city: { type: geminiType.STRING } },
              required: ['city'],
            },
          },
        ],
      },
    ]);
    expect(lastBody()['toolConfig']).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        args: { city: expect.any(String) },
        rawArgs: expect.any(String),
      },
    ]);
  });

  it('runs a tool round trip: functionCall in a model turn, functionResponse named from the earlier call', async () => {
    const first = await provider().generate({
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
      toolChoice: 'required',
    });
    expect(lastBody()['toolConfig']).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    const call = first.toolCalls[0];
    if (!call) throw new Error('expected a tool call');
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: call.id, result: 'sunny, 21C' },
    ];
    const second = await provider().generate({ messages, tools: [weather], toolChoice: 'auto' });
    expect(lastBody()['contents']).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      {
        role: 'model',
        parts: [
          ...(first.text ? [{ text: first.text }] : []),
          { functionCall: { name: 'get_weather', args: call.args } },
        ],
      },
      {
        role: 'function',
        parts: [{ functionResponse: { name: 'get_weather', response: { result: 'sunny, 21C' } } }],
      },
    ]);
    expect(lastBody()['toolConfig']).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(second.finishReason).toBe('stop');
    expect(second.text.length).toBeGreaterThan(0);
  });

  it('asks for JSON with a converted responseSchema and returns the parsed object', async () => {
    const schema = z.object({
      city: z.string().describe('City name'),
      population: z.number().int().default(0),
      tags: z.array(z.string()),
      note: z.string().nullable(),
    });
    const result = await provider().generate({
      messages: [{ role: 'user', content: 'Largest city of France?' }],
      responseFormat: { type: 'json', schema },
    });
    expect(lastBody()['generationConfig']).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'OBJECT',
        properties: {
          city: { type: 'STRING', description: 'City name' },
          population: { type: 'INTEGER' },
          tags: { type: 'ARRAY', items: { type: 'STRING' } },
          note: { type: 'STRING', nullable: true },
        },
        required: ['city', 'tags', 'note'],
      },
    });
    expect(result.finishReason).toBe('stop');
    expect(schema.parse(result.object)).toEqual(result.object);
  });

  it('reports cached and total input tokens from usageMetadata, priced with the cached rate', async () => {
    fake.script('google', [
      {
        reply: {
          text: 'ok',
          usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 800 },
        },
      },
    ]);
    const result = await provider().generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(result.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 10,
      totalTokens: 1010,
      cachedInputTokens: 800,
    });
    // gemini-2.5-flash: $0.3 input, $0.03 cached, $2.5 output per 1M tokens.
    expect(result.costUsd).toBeCloseTo((200 * 0.3 + 800 * 0.03 + 10 * 2.5) / 1e6, 12);
  });

  it('maps SAFETY to content-filter and MAX_TOKENS to length', async () => {
    fake.script('google', ['content-filter', { reply: { text: 'cut', finishReason: 'length' } }]);
    const filtered = await provider().generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(filtered).toMatchObject({ finishReason: 'content-filter', text: '' });
    expect(
      (await provider().generate({ messages: [{ role: 'user', content: 'hi' }] })).finishReason,
    ).toBe('length');
  });
});

describe.each(sdks)('GoogleChatModel.embed (sdk: %s)', (which) => {
  beforeEach(() => {
    sdk = which;
  });
  it('embeds with batchEmbedContents, outputDimensionality from dimensions', async () => {
    const result = await provider({ name: 'gemini' }).embed({
      input: ['the cat sat', 'a dog ran'],
      dimensions: 16,
    });
    const request = fake.requests('google').at(-1);
    expect(request?.path).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect(request?.body).toEqual({
      requests: [
        {
          content: { role: 'user', parts: [{ text: 'the cat sat' }] },
          outputDimensionality: 16,
          model: 'models/text-embedding-004',
        },
        {
          content: { role: 'user', parts: [{ text: 'a dog ran' }] },
          outputDimensionality: 16,
          model: 'models/text-embedding-004',
        },
      ],
    });
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings.every((v) => v.length === 16)).toBe(true);
    expect(result).toMatchObject({
      provider: 'gemini',
      model: 'text-embedding-004',
      usage: { inputTokens: 6 },
    });
  });

  it('uses settings.embeddingModel, and makes no call for no input', async () => {
    await provider({ embeddingModel: 'gemini-embedding-001' }).embed({ input: ['x'] });
    expect(fake.requests('google').at(-1)?.path).toBe(
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    );
    fake.reset();
    expect((await provider().embed({ input: [] })).embeddings).toEqual([]);
    expect(fake.count('google')).toBe(0);
  });
});

describe.each(sdks)('GoogleChatModel.healthCheck (sdk: %s)', (which) => {
  beforeEach(() => {
    sdk = which;
  });
  it('is healthy after a one-token call and unhealthy (not throwing) on an auth error', async () => {
    expect(await provider().healthCheck()).toMatchObject({
      healthy: true,
      model: 'gemini-2.5-flash',
    });
    expect(lastBody()['generationConfig']).toEqual({ maxOutputTokens: 1 });
    fake.script('google', [{ error: 'auth' }]);
    const health = await provider().healthCheck();
    expect(health.healthy).toBe(false);
    expect(health.error).toContain('API key not valid');
    expect(health.error).not.toContain(apiKey);
  });
});
