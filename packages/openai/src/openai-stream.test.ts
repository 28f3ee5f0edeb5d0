// Wire behaviours the openai SDK must survive, served as real HTTP responses through the
// `fetch` setting (the SDK's own parsing runs; only the transport is ours): streams without
// usage, refusal deltas, odd 200 bodies, unknown in-stream errors, rate-limit and request-id headers.
import { InvalidRequestError, ProviderError, type StreamEvent } from '@modelmux/core';
import {
  collectEvents,
  providerFailure,
  startFakeProviders,
  streamFailure,
  type FakeProviders,
} from '@modelmux/testing';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider.js';
import type { OpenAISettings } from './openai-settings.js';

const apiKey = 'sk-wire-test-0123456789abcdef';
const hi = { messages: [{ role: 'user' as const, content: 'Hi' }] };

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}
const usage = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;
const done = 'data: [DONE]\n\n';
const rateLimitHeaders = {
  'x-ratelimit-limit-requests': '500',
  'x-ratelimit-remaining-requests': '499',
  'x-ratelimit-reset-requests': '120ms',
  'x-ratelimit-limit-tokens': '30000',
  'x-ratelimit-remaining-tokens': '29950',
  'x-ratelimit-reset-tokens': '6m0s',
};

/** What the wire answered and what it was sent. */
interface Wire {
  body: string | ReadableStream<Uint8Array> | ((signal: AbortSignal) => ReadableStream<Uint8Array>);
  status?: number;
  headers?: Record<string, string>;
}

/** A provider whose HTTP responses are `wire`'s, one per call; `signals` collects each request's signal. */
function over(wire: Wire, settings: OpenAISettings = {}, signals: AbortSignal[] = []) {
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const signal = init?.signal ?? new AbortController().signal;
    signals.push(signal);
    const isStream = /"stream":true/.test(String(init?.body));
    const body = typeof wire.body === 'function' ? wire.body(signal) : wire.body;
    return new Response(body, {
      status: wire.status ?? 200,
      headers: {
        'content-type': isStream ? 'text/event-stream' : 'application/json',
        ...wire.headers,
      },
    });
  };
  return createOpenAI({ apiKey, baseURL: 'http://wire.invalid/v1', fetch, ...settings });
}

/** A body that sends `first` and then stalls, erroring like fetch's body when the signal aborts. */
function stallingBody(first: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      signal.addEventListener(
        'abort',
        () => controller.error(new DOMException('This operation was aborted', 'AbortError')),
        { once: true },
      );
    },
  });
}

describe('openai streams on the wire', () => {
  it('yields text, then a finish with usage and the rate limits of the response headers', async () => {
    const before = Date.now();
    const events = await collectEvents(
      over({
        body: chunk({ content: 'Hi' }) + chunk({}, 'stop') + usage + done,
        headers: rateLimitHeaders,
      }).stream(hi),
    );
    expect(events[0]).toEqual({ type: 'text-delta', text: 'Hi' });
    expect(events[1]).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      provider: 'openai',
      model: 'gpt-4o-mini',
      rateLimit: { limitRequests: 500, remainingRequests: 499, remainingTokens: 29950 },
    });
    const finish = events[1] as { rateLimit: { resetTokensAt: number }; usageEstimated?: boolean };
    expect(finish.usageEstimated).toBeUndefined();
    expect(finish.rateLimit.resetTokensAt).toBeGreaterThanOrEqual(before + 360_000);
  });

  it('finishes a complete stream without usage (a server ignoring include_usage) with estimated usage', async () => {
    const events = await collectEvents(
      over({ body: chunk({ content: 'Hello there' }) + chunk({}, 'stop') + done }).stream(hi),
    );
    const finish = events.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop', usageEstimated: true });
    const { usage: estimated } = finish as { usage: { inputTokens: number; outputTokens: number } };
    expect(estimated.inputTokens).toBeGreaterThan(0);
    expect(estimated.outputTokens).toBeGreaterThan(0);
  });

  it('throws kind network (truncated) when the stream ends without a finish reason', async () => {
    const { error, events } = await streamFailure(
      over({ body: chunk({ content: 'Hel' }) }).stream(hi),
    );
    expect(error).toMatchObject({ kind: 'network', provider: 'openai' });
    expect(error.message).toContain('without a finish reason');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });

  it('streams a refusal as its text and finishes with content-filter, as generate does', async () => {
    const refusal = "I'm sorry, I can't help with that.";
    const streamed = await collectEvents(
      over({
        body:
          chunk({ role: 'assistant', content: null, refusal: '' }) +
          chunk({ refusal: "I'm sorry, " }) +
          chunk({ refusal: "I can't help with that." }) +
          chunk({}, 'stop') +
          usage +
          done,
      }).stream(hi),
    );
    const generated = await over({
      body: JSON.stringify({
        id: 'c',
        object: 'chat.completion',
        created: 0,
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: null, refusal },
          },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      }),
    }).generate(hi);
    const text = streamed.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
    expect(text).toBe(refusal);
    expect(generated.text).toBe(refusal);
    expect(streamed.at(-1)).toMatchObject({ finishReason: 'content-filter' });
    expect(generated.finishReason).toBe('content-filter');
  });

  it('throws kind server for JSON that is not a chunk', async () => {
    const { error } = await streamFailure(
      over({ body: `data: {"unexpected":true}\n\n` }).stream(hi),
    );
    expect(error.kind).toBe('server');
    expect(error.message).toContain('malformed');
  });

  it('maps an in-stream error of a type it does not know to kind server (the rule of every adapter)', async () => {
    const { error, events } = await streamFailure(
      over({
        body:
          chunk({ content: 'Hel' }) +
          `data: ${JSON.stringify({ error: { type: 'mystery_error', message: 'Something odd' } })}\n\n`,
      }).stream(hi),
    );
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
    expect(error).toMatchObject({ kind: 'server', isRetryable: true, status: undefined });
    expect(error.message).toBe('openai/gpt-4.1-mini server: Something odd (sent in the stream)');
  });

  it('aborts the request when the consumer returns early, and starts nothing before next()', async () => {
    const signals: AbortSignal[] = [];
    const iterator = over(
      { body: chunk({ content: 'a' }) + chunk({ content: 'b' }) + chunk({}, 'stop') + usage },
      {},
      signals,
    ).stream(hi);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signals).toEqual([]);
    await iterator.next();
    expect(signals[0]?.aborted).toBe(false);
    await iterator.return(undefined);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('throws kind timeout when no chunk comes for timeoutMs (an idle timeout)', async () => {
    const provider = over(
      { body: (signal) => stallingBody(chunk({ content: 'Hel' }), signal) },
      { timeoutMs: 60 },
    );
    // The body stalls for ever: only our 60 ms idle timer can end it (kind timeout, not
    // aborted) before the test's own timeout, so no wall-clock bound is needed.
    const { error, events } = await streamFailure(provider.stream(hi));
    expect(error.kind).toBe('timeout');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });
});

describe('openai generate on the wire', () => {
  it('puts the rate limits of the response headers on the result, and none when they are absent', async () => {
    const body = JSON.stringify({
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi' } }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
    const limited = await over({ body, headers: rateLimitHeaders }).generate(hi);
    expect(limited.rateLimit).toMatchObject({
      limitRequests: 500,
      remainingRequests: 499,
      limitTokens: 30000,
      remainingTokens: 29950,
    });
    const plain = await over({ body }).generate(hi);
    expect(plain.rateLimit).toBeUndefined();
    expect('rateLimit' in plain).toBe(false);
  });

  it('maps a 200 whose body is null, or an HTML page, to a retryable server error', async () => {
    for (const wire of [
      { body: 'null' },
      { body: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } },
    ]) {
      const error = await providerFailure(over(wire).generate(hi));
      expect(error).toMatchObject({ kind: 'server', isRetryable: true, provider: 'openai' });
      expect(error.message).toMatch(/^openai\/gpt-4\.1-mini server: the response was /);
    }
  });

  it('names the vendor request id and says the status once', async () => {
    const error = await providerFailure(
      over({
        status: 429,
        body: JSON.stringify({
          error: {
            message: 'Rate limit reached for requests',
            type: 'requests',
            code: 'rate_limit_exceeded',
          },
        }),
        headers: { 'x-request-id': 'req_abc123', 'retry-after-ms': '250' },
      }).generate(hi),
    );
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 250 });
    expect((error as ProviderError & { requestId?: string }).requestId).toBe('req_abc123');
    expect(error.message).toBe(
      'openai/gpt-4.1-mini rate_limit (HTTP 429): Rate limit reached for requests [rate_limit_exceeded] [request req_abc123]',
    );
  });

  it('redacts a secret passed in the headers setting when the vendor echoes it', async () => {
    const gatewayKey = 'gw-live-7f3a9c2e1b';
    const error = await providerFailure(
      over(
        {
          status: 401,
          body: JSON.stringify({ error: { message: `Invalid gateway key ${gatewayKey}` } }),
        },
        { headers: { 'x-gateway-api-key': gatewayKey } },
      ).generate(hi),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(gatewayKey);
    expect(error.message).toContain('[REDACTED]');
    // What console.error prints: the cause chain (the SDK error and its body) too.
    expect(inspect(error, { depth: 10 })).not.toContain(gatewayKey);
  });
});

describe('requests openai cannot take', () => {
  it('rejects providerOptions.openai.n > 1 naming the field, before any call', async () => {
    const signals: AbortSignal[] = [];
    const provider = over({ body: 'null' }, {}, signals);
    const request = { ...hi, providerOptions: { openai: { n: 2 } } };
    await expect(provider.generate(request)).rejects.toSatisfy(
      (error) =>
        InvalidRequestError.isInstance(error) && error.field === 'providerOptions.openai.n',
    );
    const { error } = await streamFailure(provider.stream(request)).catch((e: unknown) => ({
      error: e,
    }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(signals).toEqual([]);
  });

  it('rejects a malformed request as the caller’s error (bad_request naming the field), never network, and throws nothing synchronously', async () => {
    const signals: AbortSignal[] = [];
    const provider = over({ body: 'null' }, {}, signals);
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const bad = [
      null,
      { messages: [{ role: 'user', content: 42 }] },
      { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      { messages: [{ role: 'wizard', content: 'Hi' }] },
      { ...hi, model: 123 },
      { ...hi, signal: { aborted: false } },
      { ...hi, providerOptions: { openai: circular } },
    ] as unknown as Parameters<typeof provider.generate>[0][];
    for (const request of bad) {
      let promise: Promise<unknown> = Promise.resolve();
      expect(() => {
        promise = provider.generate(request);
      }).not.toThrow();
      const error = (await promise.then(
        () => undefined,
        (e: unknown) => e,
      )) as { kind?: string; field?: string };
      expect(error?.kind).toBe('bad_request');
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(error?.field).toMatch(/^(input|messages|model|signal|providerOptions)/);
      let stream: AsyncGenerator<StreamEvent> | undefined;
      expect(() => {
        stream = provider.stream(request as never);
      }).not.toThrow();
      await expect(stream?.next()).rejects.toSatisfy(InvalidRequestError.isInstance);
    }
    expect(signals).toEqual([]);
  });

  it('rejects an embed request with a signal that is not an AbortSignal, typed', async () => {
    const provider = over({ body: 'null' });
    await expect(provider.embed({ input: ['a'], signal: {} as AbortSignal })).rejects.toSatisfy(
      (error) => InvalidRequestError.isInstance(error) && error.field === 'signal',
    );
  });
});

describe('a caller abort after the first event', () => {
  let fake: FakeProviders;
  beforeAll(async () => {
    fake = await startFakeProviders();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('throws kind aborted instead of ending quietly (the SDK swallows the abort)', async () => {
    const controller = new AbortController();
    const provider = createOpenAI({ apiKey, baseURL: fake.baseURL.openai });
    const stream = provider.stream({
      messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
      signal: controller.signal,
    });
    const events: StreamEvent[] = [];
    const { error } = await streamFailure(
      (async function* () {
        for await (const event of stream) {
          events.push(event);
          controller.abort();
          yield event;
        }
      })(),
    );
    expect(error.kind).toBe('aborted');
    expect(events.some((e) => e.type === 'finish')).toBe(false);
  });
});

describe('settings that cannot be sent', () => {
  it('rejects a key or a header value with a character not allowed in a header at creation, naming it', () => {
    expect(() => createOpenAI({ apiKey: 'sk-pasted\nwith-a-newline-0123' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'apiKey' })] }),
    );
    expect(() =>
      createOpenAI({ apiKey, headers: { 'x-team': 'caf\u00e9 \u201cquoted\u201d' } }),
    ).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'headers.x-team' })] }),
    );
  });
});
