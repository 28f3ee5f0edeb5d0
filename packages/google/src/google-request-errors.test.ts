import { InvalidRequestError, type ChatRequest } from '@modelmux/core';
import { startFakeProviders, type FakeProviders, providerFailure } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

const apiKey = 'AIzaSyRequestErrorsKey_0123456789abcdef';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 14 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());
afterEach(() => {
  vi.unstubAllGlobals();
});

async function invalid(promise: Promise<unknown>): Promise<InvalidRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!InvalidRequestError.isInstance(error))
    throw new Error(`expected an InvalidRequestError, got ${String(error)}`);
  return error;
}

/** Serves the fake's answer, but with its body replaced (what a proxy or a bad day can return). */
function replaceBody(body: string): void {
  const real = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await real(input, init);
    await response.text();
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
  });
}

const circular: Record<string, unknown> = { name: 'loop' };
circular['self'] = circular;

describe.each(['genai', 'legacy'] as GoogleSdk[])('requests we cannot build (sdk: %s)', (sdk) => {
  const provider = () =>
    createGoogle({ sdk, apiKey, baseURL: fake.baseURL.google, env: {}, timeoutMs: 5_000 });

  it('rejects generate(null) and embed(null) without throwing synchronously; stream(null) throws on next()', async () => {
    const google = provider();
    let generated: Promise<unknown> | undefined;
    expect(() => {
      generated = google.generate(null as unknown as ChatRequest);
    }).not.toThrow();
    expect((await invalid(generated as Promise<unknown>)).name).toBe('ModelmuxInvalidRequestError');
    let streamed: AsyncGenerator<unknown> | undefined;
    expect(() => {
      streamed = google.stream(null as unknown as ChatRequest);
    }).not.toThrow();
    await invalid((streamed as AsyncGenerator<unknown>).next());
    expect((await invalid(google.embed(null as never))).field).toBe('request');
    expect((await invalid(google.embed({ input: 'x' as never }))).field).toBe('input');
    expect(fake.count('google')).toBe(0);
  });

  it.each([
    ['a null part', { messages: [{ role: 'user', content: [null] }] }, /^messages\.0\.content\.0/],
    [
      'an image without a source',
      { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      /^messages\.0\.content\.0/,
    ],
    [
      'a circular providerOptions.google',
      { messages: [{ role: 'user', content: 'hi' }], providerOptions: { google: circular } },
      /^providerOptions/,
    ],
    [
      'a recursive tool schema',
      {
        messages: [{ role: 'user', content: 'hi' }],
        tools: [
          {
            name: 'tree',
            parameters: {
              type: 'object',
              properties: { child: { $ref: '#' } },
            },
          },
        ],
      },
      /^tools\.0\.parameters/,
    ],
    ['a non-string model', { messages: [{ role: 'user', content: 'hi' }], model: 42 }, /^model$/],
    [
      'a signal that is not an AbortSignal',
      { messages: [{ role: 'user', content: 'hi' }], signal: 'stop' },
      /^signal$/,
    ],
  ])(
    'rejects %s as the caller’s InvalidRequestError naming the field, sending nothing',
    async (_name, request, field) => {
      const error = await invalid(provider().generate(request as unknown as ChatRequest));
      expect(error.field).toMatch(field);
      const streamed = await invalid(
        provider()
          .stream(request as unknown as ChatRequest)
          .next(),
      );
      expect(streamed.field).toMatch(field);
      expect(fake.count('google')).toBe(0);
    },
  );

  it('rejects a circular tool result as the caller’s error, not a network failure', async () => {
    const error = await provider()
      .generate({
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'c1', name: 'get_weather', args: {}, rawArgs: '{}' }],
          },
          { role: 'tool', toolCallId: 'c1', result: circular },
        ],
      })
      .catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(fake.count('google')).toBe(0);
  });
});

describe.each(['genai', 'legacy'] as GoogleSdk[])('a 200 with nothing in it (sdk: %s)', (sdk) => {
  const provider = () => createGoogle({ sdk, apiKey, baseURL: fake.baseURL.google, env: {} });
  const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };

  it.each([
    ['{}', '{}'],
    ['[]', '[]'],
    ['a candidate with no content and no finishReason', '{"candidates":[{"index":0}]}'],
    ['empty candidates', '{"candidates":[],"usageMetadata":{"promptTokenCount":3}}'],
  ])('is a retryable server error: %s', async (_name, body) => {
    replaceBody(body);
    const error = await providerFailure(provider().generate(hi));
    expect(error).toMatchObject({ kind: 'server', isRetryable: true, provider: 'google' });
    expect(fake.count('google')).toBe(1);
  });

  it('keeps a blocked prompt (promptFeedback.blockReason) a content-filter result', async () => {
    replaceBody(
      '{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3}}',
    );
    expect(await provider().generate(hi)).toMatchObject({
      finishReason: 'content-filter',
      text: '',
    });
  });
});
