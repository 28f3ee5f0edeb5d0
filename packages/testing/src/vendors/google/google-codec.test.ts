import {
  FunctionCallingMode,
  GoogleGenerativeAI,
  GoogleGenerativeAIResponseError,
  SchemaType,
  type FunctionDeclaration,
} from '@google/generative-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cosine } from '../../__fixtures__/weather.js';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeProviders } from '../../types.js';

let fake: FakeProviders;
const genAI = new GoogleGenerativeAI('AIzaSyTEST-secret-0000000000000000');
const weather: FunctionDeclaration = {
  name: 'get_weather',
  description: 'Get the weather forecast for a city',
  parameters: {
    type: SchemaType.OBJECT,
    properties: { city: { type: SchemaType.STRING }, days: { type: SchemaType.INTEGER } },
    required: ['city', 'days'],
  },
};
const model = (
  params: Omit<Parameters<typeof genAI.getGenerativeModel>[0], 'model'> = {},
  name = 'gemini-2.0-flash',
) => genAI.getGenerativeModel({ model: name, ...params }, { baseUrl: fake.url, timeout: 5000 });

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('gemini generateContent', () => {
  it('answers with candidates, finishReason STOP, usageMetadata and the model version', async () => {
    const { response } = await model({
      systemInstruction: 'Honey never spoils. Glass is made from sand.',
    }).generateContent('What is glass made from?');
    expect(response.text()).toBe('Glass is made from sand.');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.candidates?.[0]?.content.role).toBe('model');
    const usage = response.usageMetadata;
    expect(usage?.promptTokenCount).toBeGreaterThan(5);
    expect(usage?.totalTokenCount).toBe(
      (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0),
    );
    const recorded = fake.requests('google')[0];
    expect(recorded?.path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect((recorded?.body as { systemInstruction?: unknown }).systemInstruction).toBeDefined();
  });

  it('streams partial responses over ?alt=sse with the finish reason and usage in the last', async () => {
    const result = await model().generateContentStream(
      'Write about mountains rivers forests and lakes',
    );
    const texts: string[] = [];
    for await (const chunk of result.stream) texts.push(chunk.text());
    const response = await result.response;
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe(
      'Here is a short answer about write mountains rivers forests lakes.',
    );
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    expect(fake.requests('google')[0]?.query).toEqual({ alt: 'sse' });
  });

  it('calls a function with args from the prompt, forced by mode ANY, and not with mode NONE', async () => {
    const asked = await model({ tools: [{ functionDeclarations: [weather] }] }).generateContent(
      'What is the weather in Zurich over 6 days?',
    );
    expect(asked.response.functionCalls()).toEqual([
      { name: 'get_weather', args: { city: 'Zurich', days: 6 } },
    ]);
    expect(asked.response.candidates?.[0]?.finishReason).toBe('STOP');
    const forced = await model({
      tools: [{ functionDeclarations: [weather] }],
      toolConfig: {
        functionCallingConfig: {
          mode: FunctionCallingMode.ANY,
          allowedFunctionNames: ['get_weather'],
        },
      },
    }).generateContent('hi');
    expect(forced.response.functionCalls()?.[0]?.name).toBe('get_weather');
    const none = await model({
      tools: [{ functionDeclarations: [weather] }],
      toolConfig: { functionCallingConfig: { mode: FunctionCallingMode.NONE } },
    }).generateContent('weather in Zurich');
    expect(none.response.functionCalls()).toBeUndefined();
  });

  it('answers with the function response after one', async () => {
    const chat = model({ tools: [{ functionDeclarations: [weather] }] }).startChat({
      history: [
        { role: 'user', parts: [{ text: 'Weather in Quito?' }] },
        {
          role: 'model',
          parts: [{ functionCall: { name: 'get_weather', args: { city: 'Quito', days: 1 } } }],
        },
      ],
    });
    const res = await chat.sendMessage([
      { functionResponse: { name: 'get_weather', response: { forecast: 'rain' } } },
    ]);
    expect(res.response.text()).toBe('Based on the tool result: {"forecast":"rain"}');
  });

  it('answers JSON satisfying an upper-case OpenAPI responseSchema', async () => {
    const { response } = await model({
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: SchemaType.OBJECT,
          properties: {
            title: { type: SchemaType.STRING },
            pages: { type: SchemaType.INTEGER },
            genres: { type: SchemaType.ARRAY, items: { type: SchemaType.STRING } },
          },
          required: ['title'],
        },
      },
    }).generateContent('A book called "Dune" with 412 pages');
    expect(JSON.parse(response.text())).toEqual({ title: 'Dune', pages: 412, genres: ['genres'] });
  });

  it('ends with MAX_TOKENS, and SAFETY for a content-filter step (the SDK refuses text())', async () => {
    const short = await model({ generationConfig: { maxOutputTokens: 1 } }).generateContent(
      'Explain photosynthesis in plants',
    );
    expect(short.response.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    fake.script('google', ['content-filter']);
    const blocked = await model().generateContent('hello');
    expect(blocked.response.candidates?.[0]?.finishReason).toBe('SAFETY');
    expect(() => blocked.response.text()).toThrow(GoogleGenerativeAIResponseError);
  });

  it('reports cachedContentTokenCount when scripted', async () => {
    fake.script('google', [
      {
        reply: { text: 'ok', usage: { inputTokens: 100, cachedInputTokens: 60, outputTokens: 1 } },
      },
    ]);
    const { response } = await model().generateContent('hello');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 100,
      cachedContentTokenCount: 60,
      candidatesTokenCount: 1,
      totalTokenCount: 101,
    });
  });
});

describe('gemini embeddings', () => {
  it('embeds one text and a batch, honouring outputDimensionality', async () => {
    const embedder = model({}, 'text-embedding-004');
    const one = await embedder.embedContent('the quick brown fox');
    expect(one.embedding.values).toHaveLength(768);
    const batch = await embedder.batchEmbedContents({
      requests: ['the quick brown fox', 'the quick brown fox jumps', 'interest rates rose'].map(
        (text) => ({ content: { role: 'user', parts: [{ text }] }, outputDimensionality: 128 }),
      ),
    });
    const [a, b, c] = batch.embeddings.map((e) => e.values);
    expect(a).toHaveLength(128);
    expect(cosine(a as number[], b as number[])).toBeGreaterThan(
      cosine(a as number[], c as number[]),
    );
    expect(fake.requests('google').map((r) => r.path)).toEqual([
      '/v1beta/models/text-embedding-004:embedContent',
      '/v1beta/models/text-embedding-004:batchEmbedContents',
    ]);
  });
});
