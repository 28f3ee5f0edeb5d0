import { collectStream } from '@modelmux/core';
import {
  startFakeProviders,
  type FakeProviders,
  collectEvents,
  streamFailure,
} from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAnthropic } from './anthropic-provider.js';

const apiKey = 'sk-ant-api03-stream-test-key-0123456789';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 2 });
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

const question = {
  messages: [
    { role: 'user' as const, content: 'Tell me about the history of Paris in a few sentences.' },
  ],
};
const weather = {
  name: 'get_weather',
  description: 'Get the weather for a city',
  parameters: z.object({ city: z.string() }),
};

describe('AnthropicChatModel.stream', () => {
  it('streams text deltas and ends with finish (input usage from message_start, output from message_delta)', async () => {
    fake.script('anthropic', [
      {
        reply: {
          text: 'Paris grew from a Gallic settlement into a capital.',
          usage: { inputTokens: 40, outputTokens: 12, cachedInputTokens: 30 },
        },
      },
    ]);
    const events = await collectEvents(provider({ name: 'claude' }).stream(question));
    expect(fake.requests('anthropic')[0]?.body).toMatchObject({
      stream: true,
      model: 'claude-haiku-4-5',
      max_tokens: 8192,
    });
    const deltas = events.filter((e) => e.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((e) => (e.type === 'text-delta' ? e.text : '')).join('')).toBe(
      'Paris grew from a Gallic settlement into a capital.',
    );
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: {
        inputTokens: 40,
        outputTokens: 12,
        totalTokens: 52,
        cachedInputTokens: 30,
        cacheWriteInputTokens: 0,
      },
      provider: 'claude',
      model: 'claude-haiku-4-5',
      costUsd: expect.any(Number),
      // The fake sends anthropic-ratelimit-* headers, as Anthropic does.
      rateLimit: expect.objectContaining({ limitRequests: 10000, remainingRequests: 9999 }),
    });
  });

  it('streams a tool call: deltas with id and name, then the whole call, finish tool-calls', async () => {
    const events = await collectEvents(
      provider().stream({
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [weather],
        toolChoice: 'required',
      }),
    );
    const first = events.find((e) => e.type === 'tool-call-delta');
    expect(first).toMatchObject({
      type: 'tool-call-delta',
      index: 0,
      name: 'get_weather',
      id: expect.stringMatching(/^toolu_/),
    });
    const args = events
      .flatMap((e) => (e.type === 'tool-call-delta' ? [e.argsDelta] : []))
      .join('');
    const call = events.find((e) => e.type === 'tool-call');
    expect(call).toMatchObject({
      type: 'tool-call',
      toolCall: { name: 'get_weather', rawArgs: args, args: JSON.parse(args) },
    });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('streams structured output as text and finishes with stop', async () => {
    const result = await collectStream(
      provider().stream({
        messages: [{ role: 'user', content: 'Largest city of France?' }],
        responseFormat: { type: 'json', schema: z.object({ city: z.string() }) },
      }),
    );
    expect(result.finishReason).toBe('stop');
    expect(result.toolCalls).toEqual([]);
    expect(JSON.parse(result.text)).toEqual({ city: expect.any(String) });
  });

  it('throws network when the connection is cut mid-stream, after the first events', async () => {
    fake.script('anthropic', [{ streamCutAfter: 4 }]);
    const { error, events } = await streamFailure(provider().stream(question));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(error).toMatchObject({ kind: 'network', provider: 'anthropic', isRetryable: true });
  });

  it('throws network when the stream ends cleanly but without message_stop', async () => {
    // A transport that passes the fake's real stream on, minus its last event, and then ends normally.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const text = await response.text();
      return new Response(text.slice(0, text.indexOf('event: message_stop')), {
        status: response.status,
        headers: response.headers,
      });
    };
    const { error, events } = await streamFailure(provider({ fetch }).stream(question));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    expect(error).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('message_stop'),
    });
  });

  it('throws the typed error of an event: error (overloaded_error)', async () => {
    fake.script('anthropic', [{ streamErrorAfter: 3, error: 'overloaded' }]);
    const { error } = await streamFailure(provider().stream(question));
    expect(error).toMatchObject({
      kind: 'overloaded',
      isRetryable: true,
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
  });

  it('throws server on a malformed event', async () => {
    fake.script('anthropic', ['malformed']);
    const { error } = await streamFailure(provider().stream(question));
    expect(error).toMatchObject({ kind: 'server' });
  });

  it('throws the HTTP error of a failed stream request (429 with retry-after)', async () => {
    fake.script('anthropic', [{ error: 'rate_limit', retryAfter: 4 }]);
    const { error, events } = await streamFailure(provider().stream(question));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 4000 });
  });

  it("reports the caller's abort mid-stream as aborted", async () => {
    const controller = new AbortController();
    const stream = provider().stream({ ...question, signal: controller.signal });
    const { error } = await streamFailure(
      (async function* () {
        for await (const event of stream) {
          yield event;
          controller.abort();
        }
      })(),
    );
    expect(error).toMatchObject({ kind: 'aborted', isRetryable: false });
  });
});
