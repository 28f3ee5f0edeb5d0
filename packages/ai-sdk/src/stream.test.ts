// streamText through the real `ai` 6: consumed as a UI would (the UI message stream response
// read to the end), the stream parts, an abort mid-stream and a fallback before the first token.
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { streamText, tool } from 'ai';
import { z } from 'zod';
import { describe, expect, test, vi } from 'vitest';
import { providersFor, useFakes } from './__fixtures__/fakes.js';
import { createModelmux } from './index.js';

const { fake, make } = useFakes();

/** The `data:` events of a UI message stream response, parsed. */
async function uiEvents(response: Response): Promise<{ type: string; [k: string]: unknown }[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as { type: string });
}

describe('streamText', () => {
  test('a UI reads the whole answer; finish carries usage and how it was routed', async () => {
    const factory = make({
      primaryProvider: 'openai',
      providers: providersFor(fake(), ['openai', 'anthropic']),
    });
    const result = streamText({
      model: createModelmux(factory)('auto'),
      prompt: 'What is retrieval augmented generation?',
      providerOptions: { modelmux: { requestId: 'req-ui' } },
    });
    const response = result.toUIMessageStreamResponse({
      messageMetadata: ({ part }) =>
        part.type === 'finish-step' ? { modelmux: part.providerMetadata?.['modelmux'] } : undefined,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = await uiEvents(response);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('start');
    expect(types).toContain('text-start');
    expect(types.filter((t) => t === 'text-delta').length).toBeGreaterThan(1);
    expect(types).toContain('finish-step');
    expect(types.at(-1)).toBe('finish');
    const text = events
      .filter((e) => e.type === 'text-delta')
      .map((e) => e['delta'])
      .join('');
    expect(text).toBe(await result.text);
    expect(events.find((e) => e.type === 'message-metadata')).toMatchObject({
      messageMetadata: { modelmux: { provider: 'openai', requestId: 'req-ui' } },
    });
    expect(await result.usage).toMatchObject({
      inputTokens: expect.any(Number),
      outputTokens: expect.any(Number),
    });
    expect((await result.response).modelId).toBe(factory.getProviderInfo('openai').model);
    expect((await result.providerMetadata)?.['modelmux']).toMatchObject({
      provider: 'openai',
      requestId: 'req-ui',
      attempts: [{ provider: 'openai', ok: true }],
      cached: false,
    });
    expect(fake().requests('openai')[0]?.body).toMatchObject({ stream: true });
  });

  test('stream parts: stream-start, text start/delta/end, tool input start/delta/end, tool-call, finish', async () => {
    const factory = make({ providers: providersFor(fake(), ['anthropic']) });
    const result = streamText({
      model: createModelmux(factory)('anthropic'),
      prompt: 'What is the weather in Paris?',
      tools: {
        weather: tool({
          description: 'The weather in a city',
          inputSchema: z.object({ city: z.string() }),
        }),
      },
      includeRawChunks: false,
    });
    const parts: { type: string; [k: string]: unknown }[] = [];
    for await (const part of result.fullStream) parts.push(part);
    const types = parts.map((p) => p.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'start',
        'start-step',
        'tool-input-start',
        'tool-input-delta',
        'tool-input-end',
        'tool-call',
        'finish-step',
        'finish',
      ]),
    );
    expect(types.indexOf('tool-input-start')).toBeLessThan(types.indexOf('tool-input-end'));
    expect(types.indexOf('tool-input-end')).toBeLessThan(types.indexOf('tool-call'));
    const call = parts.find((p) => p.type === 'tool-call');
    expect(call).toMatchObject({ toolName: 'weather', input: { city: 'Paris' } });
    expect(await result.finishReason).toBe('tool-calls');
  });

  test('the model streams the v3 parts in order (read from doStream)', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    const model = createModelmux(factory)('auto');
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'What is RAG?' }] }],
      topK: 3,
    });
    const parts: LanguageModelV3StreamPart[] = [];
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      parts.push(next.value);
    const types = parts.map((p) => p.type);
    const deltas = types.filter((t) => t === 'text-delta').length;
    expect(deltas).toBeGreaterThan(1);
    expect(types).toEqual([
      'stream-start',
      'text-start',
      ...Array<string>(deltas).fill('text-delta'),
      'text-end',
      'response-metadata',
      'finish',
    ]);
    expect(parts[0]).toMatchObject({ warnings: [{ type: 'unsupported', feature: 'topK' }] });
    expect(parts.at(-2)).toMatchObject({ modelId: factory.getProviderInfo('openai').model });
    expect(parts.at(-1)).toMatchObject({
      finishReason: { unified: 'stop' },
      usage: { inputTokens: { total: expect.any(Number), noCache: expect.any(Number) } },
      providerMetadata: { modelmux: { provider: 'openai', cached: false } },
    });
  });

  test('an abort mid-stream closes the request at the fake', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    fake().script('openai', [{ streamEventDelayMs: 50 }]);
    const controller = new AbortController();
    const result = streamText({
      model: createModelmux(factory)('openai'),
      prompt: 'Tell me a long story about retrieval.',
      abortSignal: controller.signal,
    });
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const part of result.fullStream) {
        seen.push(part.type);
        if (part.type === 'text-delta') controller.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(seen).toContain('text-delta');
    // The AI SDK ends an aborted stream with its `abort` part (no throw, no error part).
    expect(error).toBeUndefined();
    expect(seen.at(-1)).toBe('abort');
    expect(seen).not.toContain('error');
    await vi.waitFor(() => expect(fake().requests('openai')[0]?.closedEarly).toBe(true));
    expect(fake().count('openai')).toBe(1);
  });

  test('a failure after the first token is an error part, then finish with reason error', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake(), ['openai', 'anthropic']),
    });
    fake().script('openai', [{ streamErrorAfter: 4 }]);
    const result = streamText({
      model: createModelmux(factory)('auto'),
      prompt: 'Explain RAG.',
      onError: () => undefined,
    });
    const parts: { type: string; [k: string]: unknown }[] = [];
    for await (const part of result.fullStream) parts.push(part);
    const error = parts.find((p) => p.type === 'error');
    expect(error?.['error']).toMatchObject({
      name: 'AI_APICallError',
      isRetryable: false,
      data: { name: 'ModelmuxStreamInterruptedError' },
    });
    expect(parts.find((p) => p.type === 'finish-step')).toMatchObject({ finishReason: 'error' });
    // Committed to openai at its first token: no fallback after it.
    expect(fake().count('anthropic')).toBe(0);
    expect(fake().count('openai')).toBe(1);
  });

  test('cancelling the stream (a UI going away) closes the request at the fake', async () => {
    const factory = make({ providers: providersFor(fake(), ['anthropic']) });
    fake().script('anthropic', [{ streamEventDelayMs: 50 }]);
    const { stream } = await createModelmux(factory)('auto').doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'A long story, please.' }] }],
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(() => expect(fake().requests('anthropic')[0]?.closedEarly).toBe(true));
  });

  test('a primary failing before the first token falls back; counts at the fake', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      routingStrategy: 'manual',
      maxRetries: 0,
      providers: providersFor(fake(), ['openai', 'anthropic']),
    });
    fake().script('openai', [{ status: 500 }, { status: 429, retryAfter: 1 }]);
    const modelmux = createModelmux(factory);
    for (const expected of ['server', 'rate_limit']) {
      const result = streamText({ model: modelmux('auto'), prompt: 'Explain RAG briefly.' });
      const text = await result.text;
      expect(text.length).toBeGreaterThan(0);
      expect((await result.providerMetadata)?.['modelmux']).toMatchObject({
        provider: 'anthropic',
        attempts: [
          { provider: 'openai', ok: false, kind: expected },
          { provider: 'anthropic', ok: true },
        ],
      });
      expect((await result.response).modelId).toBe(factory.getProviderInfo('anthropic').model);
    }
    expect(fake().count('openai')).toBe(2);
    expect(fake().count('anthropic')).toBe(2);
  });
});
