// Wire behaviours @anthropic-ai/sdk must survive, served as real HTTP responses through the
// `fetch` setting (the SDK's own parsing runs; only the transport is ours): rate-limit and
// request-id headers, 200 bodies that are not a message, unknown in-stream errors, and requests
// we cannot build.
import { InvalidRequestError, type StreamEvent } from '@modelmux/core';
import { collectEvents, providerFailure, streamFailure } from '@modelmux/testing';
import { describe, expect, it } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';
import type { AnthropicSettings } from './anthropic-settings.js';

const apiKey = 'sk-ant-api03-wire-test-key-0123456789';
const hi = { messages: [{ role: 'user' as const, content: 'Hi' }] };
const message = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 3, output_tokens: 1 },
};
const rateLimitHeaders = {
  'anthropic-ratelimit-requests-limit': '50',
  'anthropic-ratelimit-requests-remaining': '49',
  'anthropic-ratelimit-requests-reset': '2026-11-25T17:00:00Z',
  'anthropic-ratelimit-tokens-limit': '40000',
  'anthropic-ratelimit-tokens-remaining': '39000',
  'anthropic-ratelimit-tokens-reset': '2026-11-25T17:00:30Z',
};

function sse(events: [string, unknown][]): string {
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}
const start: [string, unknown] = [
  'message_start',
  { type: 'message_start', message: { ...message, content: [], stop_reason: null } },
];
const textBlock: [string, unknown][] = [
  [
    'content_block_start',
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  ],
  [
    'content_block_delta',
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
  ],
];

/** A provider whose HTTP responses are the given one; `urls` collects each request's URL. */
function over(
  wire: { body: string; status?: number; headers?: Record<string, string> },
  settings: AnthropicSettings = {},
  urls: string[] = [],
) {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    urls.push(String(input));
    const isStream = /"stream":true/.test(String(init?.body));
    return new Response(wire.body, {
      status: wire.status ?? 200,
      headers: {
        'content-type': isStream ? 'text/event-stream' : 'application/json',
        ...wire.headers,
      },
    });
  };
  return createAnthropic({ apiKey, baseURL: 'http://wire.invalid', env: {}, fetch, ...settings });
}

describe('anthropic on the wire', () => {
  it('puts the anthropic-ratelimit-* headers on the result, and none when they are absent', async () => {
    const limited = await over({
      body: JSON.stringify(message),
      headers: rateLimitHeaders,
    }).generate(hi);
    expect(limited.rateLimit).toEqual({
      limitRequests: 50,
      remainingRequests: 49,
      resetRequestsAt: Date.parse('2026-11-25T17:00:00Z'),
      limitTokens: 40000,
      remainingTokens: 39000,
      resetTokensAt: Date.parse('2026-11-25T17:00:30Z'),
    });
    const plain = await over({ body: JSON.stringify(message) }).generate(hi);
    expect('rateLimit' in plain).toBe(false);
  });

  it('puts the rate limits on the finish event of a stream', async () => {
    const body = sse([
      start,
      ...textBlock,
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      [
        'message_delta',
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
    const events = await collectEvents(over({ body, headers: rateLimitHeaders }).stream(hi));
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      rateLimit: { remainingRequests: 49, remainingTokens: 39000 },
    });
  });

  it('maps a 200 HTML page (a proxy’s) or a null body to a retryable server error, not network', async () => {
    for (const wire of [
      { body: '<html><body>Gateway error</body></html>', headers: { 'content-type': 'text/html' } },
      { body: 'null' },
    ]) {
      const error = await providerFailure(over(wire).generate(hi));
      expect(error).toMatchObject({ kind: 'server', isRetryable: true, provider: 'anthropic' });
      expect(error.message).toMatch(/^anthropic\/claude-haiku-4-5 server: the response was /);
    }
  });

  it('maps an in-stream error of a type it does not know to kind server, as the OpenAI-compatible adapters do', async () => {
    const body = sse([
      start,
      ...textBlock,
      ['error', { type: 'error', error: { type: 'mystery_error', message: 'Something odd' } }],
    ]);
    const { error, events } = await streamFailure(over({ body }).stream(hi));
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
    expect(error).toMatchObject({ kind: 'server', isRetryable: true, status: undefined });
    expect(error.message).toBe(
      'anthropic/claude-haiku-4-5 server: Something odd (sent in the stream)',
    );
  });

  it('names the request id and says the status once', async () => {
    const error = await providerFailure(
      over({
        status: 529,
        body: JSON.stringify({
          type: 'error',
          error: { type: 'overloaded_error', message: 'Overloaded' },
        }),
        headers: { 'request-id': 'req_011CabcXYZ' },
      }).generate(hi),
    );
    expect(error).toMatchObject({ kind: 'overloaded', status: 529, requestId: 'req_011CabcXYZ' });
    expect(error.message).toBe(
      'anthropic/claude-haiku-4-5 overloaded (HTTP 529): Overloaded [request req_011CabcXYZ]',
    );
  });

  it('redacts a gateway key passed in headers when the vendor echoes it', async () => {
    const gatewayKey = 'cf-aig-9f8e7d6c5b4a';
    const error = await providerFailure(
      over(
        {
          status: 401,
          body: JSON.stringify({
            type: 'error',
            error: { type: 'authentication_error', message: `bad gateway token ${gatewayKey}` },
          }),
        },
        { headers: { 'cf-aig-authorization': `Bearer ${gatewayKey}` } },
      ).generate(hi),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(gatewayKey);
  });

  it('rejects a request it cannot build as the caller’s bad_request naming the field, never network, with no call and nothing thrown synchronously', async () => {
    const urls: string[] = [];
    const provider = over({ body: JSON.stringify(message) }, {}, urls);
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const bad = [
      null,
      { messages: [{ role: 'user', content: 42 }] },
      { messages: [null] },
      { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      { messages: [{ role: 'wizard', content: 'Hi' }] },
      { ...hi, model: 123 },
      { ...hi, signal: { aborted: false } },
      { ...hi, providerOptions: { anthropic: circular } },
    ] as unknown as Parameters<typeof provider.generate>[0][];
    for (const request of bad) {
      let promise: Promise<unknown> = Promise.resolve();
      expect(() => {
        promise = provider.generate(request);
      }).not.toThrow();
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'bad_request', isRetryable: false });
      let stream: AsyncGenerator<StreamEvent> | undefined;
      expect(() => {
        stream = provider.stream(request as never);
      }).not.toThrow();
      await expect(stream?.next()).rejects.toSatisfy(InvalidRequestError.isInstance);
    }
    expect(urls).toEqual([]);
  });
});

describe('settings that cannot be sent', () => {
  it('rejects a key with a character not allowed in a header at creation (ConfigError), never a network failure later', () => {
    expect(() => createAnthropic({ apiKey: 'sk-ant-pasted\r\nkey-0123456789', env: {} })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'apiKey' })] }),
    );
  });
});
