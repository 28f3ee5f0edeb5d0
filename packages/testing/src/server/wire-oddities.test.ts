import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '@modelmux/core/provider-utils';
import type { FakeProviderName, FakeProviders } from '../types.js';
import { goDuration } from './rate-limit-headers.js';
import { startFakeProviders } from './start-fake-providers.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const paths: Record<FakeProviderName, { chat: string; stream: string }> = {
  openai: { chat: '/v1/chat/completions', stream: '/v1/chat/completions' },
  groq: { chat: '/openai/v1/chat/completions', stream: '/openai/v1/chat/completions' },
  anthropic: { chat: '/v1/messages', stream: '/v1/messages' },
  google: {
    chat: '/v1beta/models/gemini-2.0-flash:generateContent',
    stream: '/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
  },
};

function body(provider: FakeProviderName, stream: boolean): Record<string, unknown> {
  const messages = [{ role: 'user', content: 'Tell me about volcanoes' }];
  if (provider === 'google')
    return { contents: [{ role: 'user', parts: [{ text: 'volcanoes' }] }] };
  if (provider === 'anthropic') return { model: 'claude-x', max_tokens: 50, messages, stream };
  return {
    model: 'gpt-x',
    messages,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  };
}

function call(provider: FakeProviderName, stream = false) {
  return fetch(`${fake.url}${paths[provider][stream ? 'stream' : 'chat']}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body(provider, stream)),
  });
}

/** The JSON payloads of an SSE body (`[DONE]` kept as a string). */
function events(text: string): unknown[] {
  return text
    .split('\n\n')
    .map((block) => /^data: (.*)$/m.exec(block)?.[1])
    .filter((d): d is string => d !== undefined)
    .map((d) => (d === '[DONE]' ? d : (JSON.parse(d) as unknown)));
}

describe('refusals', () => {
  it.each(['openai', 'groq'] as const)(
    '%s: message.refusal, content null, finish stop',
    async (p) => {
      fake.script(p, [{ refusal: "I can't help with that." }]);
      const json = (await (await call(p)).json()) as {
        choices: { message: Record<string, unknown>; finish_reason: string }[];
      };
      expect(json.choices[0]?.message).toMatchObject({
        content: null,
        refusal: "I can't help with that.",
      });
      expect(json.choices[0]?.finish_reason).toBe('stop');
    },
  );

  it.each(['openai', 'groq'] as const)(
    '%s stream: delta.refusal chunks, then finish stop',
    async (p) => {
      fake.script(p, [{ refusal: "I can't help with that request, sorry." }]);
      const chunks = events(await (await call(p, true)).text()) as {
        choices?: {
          delta?: { refusal?: string; content?: string };
          finish_reason?: string | null;
        }[];
      }[];
      const refusal = chunks.map((c) => c.choices?.[0]?.delta?.refusal ?? '').join('');
      expect(refusal).toBe("I can't help with that request, sorry.");
      expect(chunks.some((c) => c.choices?.[0]?.delta?.content)).toBe(false);
      expect(chunks.map((c) => c.choices?.[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    },
  );

  it('anthropic answers a refusal step with stop_reason refusal', async () => {
    fake.script('anthropic', [{ refusal: 'no' }]);
    expect(((await (await call('anthropic')).json()) as { stop_reason: string }).stop_reason).toBe(
      'refusal',
    );
  });
});

describe('no-usage', () => {
  it.each(['openai', 'groq'] as const)(
    '%s stream: finish reason and [DONE], no usage anywhere',
    async (p) => {
      fake.script(p, ['no-usage']);
      const text = await (await call(p, true)).text();
      const chunks = events(text);
      expect(chunks.at(-1)).toBe('[DONE]');
      expect(
        chunks.some(
          (c) =>
            typeof c === 'object' &&
            (c as { choices: { finish_reason: string | null }[] }).choices[0]?.finish_reason ===
              'stop',
        ),
      ).toBe(true);
      expect(text).not.toMatch(/"(?:prompt|completion)_tokens"/);
    },
  );

  it.each(['openai', 'groq', 'google'] as const)('%s: a whole body without usage', async (p) => {
    fake.script(p, ['no-usage']);
    const json = (await (await call(p)).json()) as Record<string, unknown>;
    expect(json).not.toHaveProperty('usage');
    expect(json).not.toHaveProperty('usageMetadata');
  });

  it('google stream: no usageMetadata, still a finish reason', async () => {
    fake.script('google', ['no-usage']);
    const text = await (await call('google', true)).text();
    expect(text).not.toContain('usageMetadata');
    expect(text).toContain('"finishReason":"STOP"');
  });
});

describe('odd 200s and error pages', () => {
  it.each([
    ['object', {}],
    ['array', []],
  ] as const)('emptyAnswer %s', async (kind, expected) => {
    fake.script('google', [{ emptyAnswer: kind }]);
    const res = await call('google');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expected);
  });

  it('emptyAnswer no-content: a candidate with no content, no finish reason, no promptFeedback', async () => {
    fake.script('google', [{ emptyAnswer: 'no-content' }]);
    const json = (await (await call('google')).json()) as Record<string, unknown>;
    expect(json['candidates']).toEqual([{ index: 0 }]);
    expect(json).not.toHaveProperty('promptFeedback');
  });

  it('emptyAnswer in a stream: one SSE event', async () => {
    fake.script('google', [{ emptyAnswer: 'object' }]);
    expect(events(await (await call('google', true)).text())).toEqual([{}]);
  });

  it.each([200, 502])('htmlPage %d: an HTML page with that status', async (status) => {
    fake.script('anthropic', [{ htmlPage: status }]);
    const res = await call('anthropic');
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('null-body: a 200 whose JSON is null', async () => {
    fake.script('openai', ['null-body']);
    const res = await call('openai');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('null');
  });

  it('raw: any status, type and body', async () => {
    fake.script('groq', [
      {
        raw: {
          status: 503,
          contentType: 'text/plain',
          body: 'upstream gone',
          headers: { 'x-extra': '1' },
        },
      },
    ]);
    const res = await call('groq');
    expect([res.status, res.headers.get('x-extra'), await res.text()]).toEqual([
      503,
      '1',
      'upstream gone',
    ]);
  });

  it.each(['openai', 'groq', 'anthropic', 'google'] as const)(
    '%s: an in-stream error of an unknown type',
    async (p) => {
      fake.script(p, [{ streamErrorAfter: 1, errorType: 'mystery_error', message: 'odd' }]);
      const text = await (await call(p, true)).text();
      expect(text).toContain('mystery_error');
      expect(text).toContain('odd');
    },
  );
});

describe('rate-limit headers in each vendor format, and request ids', () => {
  it('goDuration writes Go durations', () => {
    expect([goDuration(360_000), goDuration(1000), goDuration(20), goDuration(3_723_500)]).toEqual([
      '6m0s',
      '1s',
      '20ms',
      '1h2m3.5s',
    ]);
  });

  it.each(['openai', 'groq'] as const)(
    '%s: x-ratelimit-* by default, remaining requests counting down',
    async (p) => {
      const first = await call(p);
      const second = await call(p);
      expect(first.headers.get('x-ratelimit-limit-requests')).toBe('10000');
      expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('9999');
      expect(second.headers.get('x-ratelimit-remaining-requests')).toBe('9998');
      expect(first.headers.get('x-ratelimit-reset-requests')).toBe('6s');
      expect(first.headers.get('x-ratelimit-reset-tokens')).toBe('20ms');
      expect(first.headers.get('x-request-id')).toMatch(/^req_/);
    },
  );

  it('scripted low quota, read back by core parseRateLimitHeaders (also on a 429)', async () => {
    fake.rateLimit('openai', {
      remainingRequests: 1,
      remainingTokens: 150,
      resetRequestsMs: 360_000,
    });
    fake.script('openai', [{ status: 429 }]);
    const res = await call('openai');
    expect(res.status).toBe(429);
    const now = Date.now();
    const info = parseRateLimitHeaders('openai', res.headers, now);
    expect(info).toMatchObject({
      remainingRequests: 1,
      remainingTokens: 150,
      resetRequestsAt: now + 360_000,
    });
    fake.rateLimit('openai', undefined);
    expect((await call('openai')).headers.get('x-ratelimit-remaining-requests')).toBe('9998');
  });

  it('anthropic: anthropic-ratelimit-* with RFC 3339 resets, and request-id', async () => {
    fake.rateLimit('anthropic', {
      remainingRequests: 0,
      remainingTokens: 10,
      resetRequestsMs: 30_000,
    });
    const before = Date.now();
    const res = await call('anthropic');
    expect(res.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(res.headers.get('anthropic-ratelimit-requests-reset')).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    for (const unit of ['tokens', 'input-tokens', 'output-tokens'])
      expect(res.headers.get(`anthropic-ratelimit-${unit}-remaining`)).toBe('10');
    const info = parseRateLimitHeaders('anthropic', res.headers);
    expect(info?.remainingRequests).toBe(0);
    expect(info?.resetRequestsAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 29_000);
    expect(res.headers.get('request-id')).toBeTruthy();
  });

  it('google sends no rate-limit headers', async () => {
    const res = await call('google');
    expect([...res.headers.keys()].some((k) => k.includes('ratelimit'))).toBe(false);
  });
});
