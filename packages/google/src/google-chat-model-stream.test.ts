import { collectStream } from '@modelmux/core';
import {
  startFakeProviders,
  type FakeProviders,
  collectEvents,
  streamFailure,
} from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

const apiKey = 'AIzaSyStreamTestKey_0123456789abcdefgh';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 12 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());
afterEach(() => {
  vi.unstubAllGlobals();
});

const sdks: GoogleSdk[] = ['genai', 'legacy'];
let sdk: GoogleSdk = 'genai';

function provider(settings: Parameters<typeof createGoogle>[0] = {}) {
  return createGoogle({ sdk, apiKey, baseURL: fake.baseURL.google, env: {}, ...settings });
}

const question = {
  messages: [
    { role: 'user' as const, content: 'Tell me about the history of Paris in a few sentences.' },
  ],
};

/** The real global fetch, wrapped (the Gemini SDK takes no `fetch` option and calls the global one). */
function wrapFetch(
  wrap: (
    real: typeof fetch,
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ) => Promise<Response>,
): void {
  const real = globalThis.fetch;
  vi.stubGlobal('fetch', (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    wrap(real, input, init),
  );
}

describe.each(sdks)('GoogleChatModel.stream (sdk: %s)', (which) => {
  beforeEach(() => {
    sdk = which;
  });
  it('streams text deltas from streamGenerateContent?alt=sse and finishes with the last chunk usage', async () => {
    fake.script('google', [
      {
        reply: {
          text: 'Paris grew from a Gallic settlement into a capital.',
          usage: { inputTokens: 40, outputTokens: 12, cachedInputTokens: 30 },
        },
      },
    ]);
    const events = await collectEvents(provider({ name: 'gemini' }).stream(question));
    const request = fake.requests('google')[0];
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(request?.query).toEqual({ alt: 'sse' });
    const text = events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
    expect(text).toBe('Paris grew from a Gallic settlement into a capital.');
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 40, outputTokens: 12, totalTokens: 52, cachedInputTokens: 30 },
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      costUsd: expect.any(Number),
    });
  });

  it('streams a function call as a delta and a tool-call, finishing with tool-calls', async () => {
    const weather = {
      name: 'get_weather',
      description: 'Get the weather for a city',
      parameters: z.object({ city: z.string() }),
    };
    const result = await collectStream(
      provider().stream({
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [weather],
        toolChoice: 'required',
      }),
    );
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

  it('streams JSON output', async () => {
    const schema = z.object({ city: z.string() });
    const result = await collectStream(
      provider().stream({
        messages: [{ role: 'user', content: 'Largest city of France?' }],
        responseFormat: { type: 'json', schema },
      }),
    );
    expect(JSON.parse(result.text)).toEqual({ city: expect.any(String) });
    expect(fake.requests('google')[0]?.body).toMatchObject({
      generationConfig: { responseMimeType: 'application/json' },
    });
  });

  it('throws network when the connection is cut mid-stream', async () => {
    fake.script('google', [{ streamCutAfter: 2 }]);
    const { error, events } = await streamFailure(provider().stream(question));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(error).toMatchObject({ kind: 'network', isRetryable: true, provider: 'google' });
  });

  it('throws network when the stream ends cleanly without a finishReason', async () => {
    wrapFetch(async (real, input, init) => {
      const response = await real(input, init);
      const text = await response.text();
      const events = text.split('\n\n').filter(Boolean);
      return new Response(
        events
          .slice(0, -1)
          .map((e) => `${e}\n\n`)
          .join(''),
        { status: response.status, headers: response.headers },
      );
    });
    const { error, events } = await streamFailure(provider().stream(question));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(error).toMatchObject({
      kind: 'network',
      message: expect.stringContaining('finishReason'),
    });
  });

  it('throws the typed error of an { error } chunk', async () => {
    fake.script('google', [{ streamErrorAfter: 1, error: 'overloaded' }]);
    const { error } = await streamFailure(provider().stream(question));
    expect(error).toMatchObject({ kind: 'overloaded', status: 503, isRetryable: true });
  });

  it('throws server on a malformed chunk', async () => {
    fake.script('google', ['malformed']);
    expect((await streamFailure(provider().stream(question))).error).toMatchObject({
      kind: 'server',
    });
  });

  it('throws the HTTP error of a failed stream request', async () => {
    fake.script('google', [{ error: 'rate_limit', retryAfter: 2 }]);
    expect((await streamFailure(provider().stream(question))).error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2000,
    });
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
