// Wire behaviours groq-sdk must survive, served as real HTTP responses through the `fetch`
// setting (the SDK's own parsing runs; only the transport is ours).
import { type StreamEvent } from '@modelmux/core';
import { collectEvents, providerFailure, streamFailure } from '@modelmux/testing';
import { describe, expect, it } from 'vitest';
import { createGroq } from './groq-provider.js';
import type { GroqSettings } from './groq-settings.js';

const hi = { messages: [{ role: 'user' as const, content: 'Hi' }] };
const base = {
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'llama-3.3-70b-versatile',
};

function chunk(
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
): string {
  return `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
}
const finishWithUsage = chunk({}, 'stop', {
  x_groq: { id: 'req_1', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
});
const done = 'data: [DONE]\n\n';
const rateLimitHeaders = {
  'x-ratelimit-limit-requests': '14400',
  'x-ratelimit-remaining-requests': '14370',
  'x-ratelimit-reset-requests': '2m59.56s',
  'x-ratelimit-limit-tokens': '18000',
  'x-ratelimit-remaining-tokens': '17997',
  'x-ratelimit-reset-tokens': '7.66s',
};

/** A provider whose HTTP responses are the given ones; `signals` collects each request's signal. */
function over(
  wire: { body: string; status?: number; headers?: Record<string, string> },
  settings: GroqSettings = {},
  signals: AbortSignal[] = [],
) {
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    signals.push(init?.signal ?? new AbortController().signal);
    const isStream = /"stream":true/.test(String(init?.body));
    return new Response(wire.body, {
      status: wire.status ?? 200,
      headers: {
        'content-type': isStream ? 'text/event-stream' : 'application/json',
        ...wire.headers,
      },
    });
  };
  return createGroq({
    apiKey: 'gsk_wireTest0123456789',
    baseURL: 'http://wire.invalid',
    fetch,
    ...settings,
  });
}

describe('groq streams on the wire', () => {
  it('takes usage from x_groq on the finish chunk, and the rate limits from the headers', async () => {
    const events = await collectEvents(
      over({
        body: chunk({ content: 'Hi' }) + finishWithUsage + done,
        headers: rateLimitHeaders,
      }).stream(hi),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      provider: 'groq',
      model: 'llama-3.3-70b-versatile',
      rateLimit: { limitRequests: 14400, remainingRequests: 14370, remainingTokens: 17997 },
    });
    // groq-sdk was not asked for usage: Groq sends it unasked.
  });

  it('also takes an OpenAI-style usage field', async () => {
    const events = await collectEvents(
      over({
        body:
          chunk({ content: 'Hi' }) +
          chunk({}, 'stop', {
            usage: { prompt_tokens: 4, completion_tokens: 1, total_tokens: 5 },
          }) +
          done,
      }).stream(hi),
    );
    expect(events.at(-1)).toMatchObject({ usage: { inputTokens: 4, outputTokens: 1 } });
  });

  it('throws kind network when the stream ends without a finish reason', async () => {
    const { error, events } = await streamFailure(
      over({ body: chunk({ content: 'Hel' }) }).stream(hi),
    );
    expect(error).toMatchObject({ kind: 'network', provider: 'groq' });
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });

  it('finishes a complete stream whose finish chunk carries no usage with estimated usage', async () => {
    const events = await collectEvents(
      over({ body: chunk({ content: 'Hi' }) + chunk({}, 'stop') + done }).stream(hi),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usageEstimated: true,
    });
  });

  it('maps an error sent inside the stream by its code, and an unknown type to server', async () => {
    const inStream = (error: Record<string, unknown>) =>
      streamFailure(
        over({ body: chunk({ content: 'Hel' }) + `data: ${JSON.stringify({ error })}\n\n` }).stream(
          hi,
        ),
      );
    const limited = await inStream({
      message: 'Slow down',
      type: 'tokens',
      code: 'rate_limit_exceeded',
    });
    expect(limited.error).toMatchObject({ kind: 'rate_limit', provider: 'groq' });
    const unknown = await inStream({ message: 'Odd', type: 'mystery_error' });
    expect(unknown.error).toMatchObject({ kind: 'server', isRetryable: true });
    expect(unknown.error.message).toBe(
      'groq/llama-3.3-70b-versatile server: Odd (sent in the stream)',
    );
  });

  it('aborts the request when the consumer returns early', async () => {
    const signals: AbortSignal[] = [];
    const iterator = over(
      { body: chunk({ content: 'a' }) + chunk({ content: 'b' }) + finishWithUsage },
      {},
      signals,
    ).stream(hi);
    expect(signals).toEqual([]);
    const first = await iterator.next();
    expect((first.value as StreamEvent).type).toBe('text-delta');
    await iterator.return(undefined);
    expect(signals[0]?.aborted).toBe(true);
  });
});

describe('groq generate on the wire', () => {
  const completion = JSON.stringify({
    ...base,
    object: 'chat.completion',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi' } }],
    usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
  });

  it('puts the rate limits on the result (resets from Groq’s durations)', async () => {
    const before = Date.now();
    const result = await over({ body: completion, headers: rateLimitHeaders }).generate(hi);
    expect(result.rateLimit).toMatchObject({ remainingRequests: 14370, limitTokens: 18000 });
    expect(result.rateLimit?.resetRequestsAt).toBeGreaterThanOrEqual(before + 179_560);
    expect(result.rateLimit?.resetTokensAt).toBeLessThan(before + 60_000);
    expect((await over({ body: completion }).generate(hi)).rateLimit).toBeUndefined();
  });

  it('maps a 200 whose body is null to a retryable server error', async () => {
    const error = await providerFailure(over({ body: 'null' }).generate(hi));
    expect(error).toMatchObject({ kind: 'server', isRetryable: true, provider: 'groq' });
  });

  it('names the request id of a failed call', async () => {
    const error = await providerFailure(
      over({
        status: 500,
        body: JSON.stringify({
          error: { message: 'Internal error', type: 'internal_server_error' },
        }),
        headers: { 'x-request-id': 'req_groq_42' },
      }).generate(hi),
    );
    expect(error).toMatchObject({ kind: 'server', status: 500, requestId: 'req_groq_42' });
    expect(error.message).toBe(
      'groq/llama-3.3-70b-versatile server (HTTP 500): Internal error [request req_groq_42]',
    );
  });
});
