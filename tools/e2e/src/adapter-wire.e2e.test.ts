// One rule for every adapter, on the fakes: the odd but real answers of issue 8 (refusals,
// streams without usage, 200 bodies that are not an answer, unknown in-stream error types) and
// the rate-limit headers of issue 9, through each official SDK.
import { createAnthropic } from '@modelmux/anthropic';
import { collectStream, InvalidRequestError, type Provider } from '@modelmux/core';
import { createGroq } from '@modelmux/groq';
import { createOpenAI } from '@modelmux/openai';
import {
  providerFailure,
  startFakeProviders,
  streamFailure,
  type FakeProviderName,
  type FakeProviders,
} from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Adapter {
  name: string;
  fake: FakeProviderName;
  create(fake: FakeProviders): Provider;
}

const adapters: Adapter[] = [
  {
    name: 'openai',
    fake: 'openai',
    create: (fake) =>
      createOpenAI({ apiKey: 'sk-wire-openai-0123456789', baseURL: fake.baseURL.openai }),
  },
  {
    name: 'groq',
    fake: 'groq',
    create: (fake) => createGroq({ apiKey: 'gsk_wireGroq0123456789', baseURL: fake.baseURL.groq }),
  },
  {
    name: 'anthropic',
    fake: 'anthropic',
    create: (fake) =>
      createAnthropic({
        apiKey: 'sk-ant-wire-0123456789',
        baseURL: fake.baseURL.anthropic,
        env: {},
      }),
  },
];

const question = { messages: [{ role: 'user' as const, content: 'Tell me about the sea.' }] };

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 9 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe.each(adapters)('$name on odd but real answers', ({ fake: vendor, create }) => {
  it('streams a refusal as generate reports it: the same text, finish content-filter', async () => {
    const refusal = 'I can’t help with that.';
    fake.script(vendor, [{ refusal }, { refusal }]);
    const generated = await create(fake).generate(question);
    const streamed = await collectStream(create(fake).stream(question));
    expect(streamed.finishReason).toBe('content-filter');
    expect(generated.finishReason).toBe('content-filter');
    expect(streamed.text).toBe(generated.text);
  });

  it('finishes a complete answer without usage as a success (estimated and marked so on the OpenAI wire)', async () => {
    fake.script(vendor, ['no-usage']);
    const streamed = await collectStream(create(fake).stream(question));
    expect(streamed.text.length).toBeGreaterThan(0);
    expect(streamed.finishReason).toBe('stop');
    if (vendor !== 'anthropic') {
      expect(streamed.usageEstimated).toBe(true);
      expect(streamed.usage.inputTokens).toBeGreaterThan(0);
      expect(streamed.usage.outputTokens).toBeGreaterThan(0);
    }
  });

  it.each([
    ['a 200 whose body is null', 'null-body' as const],
    ['a 200 HTML page', { htmlPage: 200 }],
  ])('maps %s to a retryable server error', async (_what, step) => {
    fake.script(vendor, [step]);
    const error = await providerFailure(create(fake).generate(question));
    expect(error).toMatchObject({ kind: 'server', isRetryable: true });
  });

  it('maps an in-stream error of a type no SDK knows to kind server', async () => {
    fake.script(vendor, [{ streamErrorAfter: 1, errorType: 'mystery_error', message: 'odd' }]);
    const { error } = await streamFailure(create(fake).stream(question));
    expect(error).toMatchObject({ kind: 'server', isRetryable: true });
  });

  it('reads the remaining quota from the rate-limit headers, on results and finish events', async () => {
    fake.rateLimit(vendor, { remainingRequests: 3, remainingTokens: 1200, resetRequestsMs: 6000 });
    const before = Date.now();
    const result = await create(fake).generate(question);
    expect(result.rateLimit).toMatchObject({ remainingRequests: 3, remainingTokens: 1200 });
    expect(result.rateLimit?.resetRequestsAt).toBeGreaterThanOrEqual(before + 5000);
    const streamed = await collectStream(create(fake).stream(question));
    expect(streamed.rateLimit?.remainingTokens).toBe(1200);
  });

  it('rejects a request it cannot build as the caller’s error, with no request sent', async () => {
    const bad = { messages: [{ role: 'user', content: 42 }] } as never;
    await expect(create(fake).generate(bad)).rejects.toSatisfy(InvalidRequestError.isInstance);
    expect(fake.count(vendor)).toBe(0);
  });
});
