import type { AIMessageChunk } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { type FakeProviders, providersFor, useFakeFactories } from './__fixtures__/fakes.js';
import { ChatModelmux, modelmuxMetadataOf } from './index.js';

let fake: FakeProviders;
const make = useFakeFactories((f) => (fake = f));

async function collect(stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk[]> {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function joined(chunks: AIMessageChunk[]): AIMessageChunk {
  return chunks.reduce((all, chunk) => all.concat(chunk));
}

describe('ChatModelmux.stream', () => {
  test('text chunks, then a last chunk with usage_metadata and the routing metadata', async () => {
    const model = new ChatModelmux({ factory: make() });
    const tokens: string[] = [];
    const chunks = await collect(
      await model.stream('Explain retrieval augmented generation', {
        modelmux: { requestId: 'req-stream-1' },
        callbacks: [{ handleLLMNewToken: (token: string) => void tokens.push(token) }],
      }),
    );
    const texts = chunks.map((c) => c.content).filter((t) => t !== '');
    expect(texts.length).toBeGreaterThan(1);
    expect(tokens).toEqual(texts);
    expect(chunks.slice(0, -1).every((c) => c.usage_metadata === undefined)).toBe(true);
    const last = chunks.at(-1) as AIMessageChunk;
    expect(last.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(last.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(last.response_metadata).toMatchObject({
      finish_reason: 'stop',
      modelmux: {
        provider: 'openai',
        requestId: 'req-stream-1',
        strategy: 'manual',
        attempts: [{ provider: 'openai', ok: true }],
        cached: false,
      },
    });
    expect(fake.requests('openai')[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  test.each([
    ['500', { status: 500 }],
    ['429', { status: 429, retryAfter: 1 }],
  ])('falls back before the first chunk when the primary answers %s', async (_label, step) => {
    const model = new ChatModelmux({ factory: make() });
    fake.script('openai', [step]);
    const chunks = await collect(await model.stream('Explain RAG'));
    const answer = joined(chunks);
    expect(String(answer.content).length).toBeGreaterThan(0);
    expect(modelmuxMetadataOf(answer)).toMatchObject({
      provider: 'anthropic',
      attempts: [
        { provider: 'openai', ok: false, status: step.status },
        { provider: 'anthropic', ok: true },
      ],
    });
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 1]);
  });

  test('a failure after the first chunk ends the stream with a typed error, no fallback', async () => {
    const model = new ChatModelmux({ factory: make() });
    fake.script('openai', [{ streamErrorAfter: 3 }]);
    const chunks: AIMessageChunk[] = [];
    const reading = (async () => {
      for await (const chunk of await model.stream('Explain RAG')) chunks.push(chunk);
    })();
    await expect(reading).rejects.toMatchObject({ name: 'ModelmuxStreamInterruptedError' });
    expect(chunks.length).toBeGreaterThan(0);
    expect(fake.count('anthropic')).toBe(0);
  });

  test.each(['openai', 'anthropic', 'google', 'groq'] as const)(
    'a bound tool streams from %s as tool_call_chunks joining into exactly one tool call',
    async (vendor) => {
      const weather = tool(async ({ city }) => `sunny in ${city}`, {
        name: 'get_weather',
        description: 'The weather in a city',
        schema: z.object({ city: z.string() }),
      });
      const factory = make({
        providers: providersFor(fake, ['openai', 'anthropic', 'google', 'groq']),
      });
      const model = new ChatModelmux({ factory, model: vendor }).bindTools([weather]);
      fake.script(vendor, [
        { reply: { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] } },
      ]);
      const answer = joined(await collect(await model.stream('Weather in Paris?')));
      expect(answer.tool_calls).toEqual([
        expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } }),
      ]);
      expect(answer.response_metadata['finish_reason']).toBe('tool_calls');
      expect(fake.count(vendor)).toBe(1);
    },
  );

  test('abort via signal: the stream rejects, the fake sees the request closed early, no fallback', async () => {
    const model = new ChatModelmux({ factory: make() });
    fake.script('openai', [{ streamEventDelayMs: 50 }]);
    const controller = new AbortController();
    const stream = await model.stream('Write a long story', { signal: controller.signal });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) {
        seen.push(String(chunk.content));
        if (seen.length === 1) controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow(/abort/i);
    await vi.waitFor(() => expect(fake.requests('openai').at(-1)?.closedEarly).toBe(true));
    expect(fake.count('anthropic')).toBe(0);
  });

  test('a consumer that stops reading early closes the upstream request, no fallback', async () => {
    const model = new ChatModelmux({ factory: make() });
    fake.script('openai', [{ streamEventDelayMs: 50 }]);
    for await (const chunk of await model.stream('Write a long story')) {
      expect(String(chunk.content).length).toBeGreaterThan(0);
      break;
    }
    await vi.waitFor(() => expect(fake.requests('openai').at(-1)?.closedEarly).toBe(true));
    expect(fake.count('anthropic')).toBe(0);
  });

  test('abort via signal on invoke: rejects, the upstream request is closed early', async () => {
    const model = new ChatModelmux({ factory: make() });
    fake.script('openai', [{ delayMs: 5_000 }]);
    const controller = new AbortController();
    const answer = model.invoke('Hi', { signal: controller.signal });
    await vi.waitFor(() => expect(fake.count('openai')).toBe(1));
    controller.abort();
    await expect(answer).rejects.toThrow(/abort/i);
    await vi.waitFor(() => expect(fake.requests('openai').at(-1)?.closedEarly).toBe(true));
    expect(fake.count('anthropic')).toBe(0);
  });
});
