// The resilience layer end to end: the real @modelmux/openai and @modelmux/anthropic adapters
// (official SDKs) against the fake vendor servers. What reaches the wire is counted at the fake
// (`fake.count`), and aborts are proven server-side: the fake marks a request `closedEarly`
// when its connection closed before the answer was complete.
import { createAnthropic } from '@modelmux/anthropic';
import {
  AllProvidersFailedError,
  type ChatRequest,
  InvalidRequestError,
  type Provider,
  ProviderError,
  type StreamEvent,
  StreamInterruptedError,
} from '@modelmux/core';
import { createOpenAI } from '@modelmux/openai';
import {
  type FallbackExecutor,
  type FallbackExecutorOptions,
  bannedPattern,
  createFallbackExecutor,
} from '@modelmux/resilience';
import { type FakeProviders, startFakeProviders, outcome } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const question: ChatRequest = {
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
};

async function drain(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ text: string; error?: unknown }> {
  let text = '';
  try {
    for await (const event of stream) if (event.type === 'text-delta') text += event.text;
    return { text };
  } catch (error) {
    return { text, error };
  }
}

describe('resilience end to end (real adapters, fake vendors)', () => {
  let fake: FakeProviders;
  let openai: Provider;
  let anthropic: Provider;
  let executor: FallbackExecutor;
  const make = (options: FallbackExecutorOptions = {}) =>
    (executor = createFallbackExecutor({ baseDelayMs: 1, maxDelayMs: 5, ...options }));
  const lastOpenAIRequest = () => fake.requests('openai').at(-1);

  beforeAll(async () => {
    fake = await startFakeProviders();
    openai = createOpenAI({
      apiKey: 'sk-e2e-resilience-openai-0123456789',
      baseURL: fake.baseURL.openai,
      // Pinned: the context-length case relies on this model's catalogue window (128k).
      model: 'gpt-4o-mini',
    });
    anthropic = createAnthropic({
      apiKey: 'sk-ant-e2e-resilience-0123456789',
      baseURL: fake.baseURL.anthropic,
      model: 'claude-haiku-4-5',
      env: {},
    });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
  });
  afterEach(() => executor?.dispose());

  it('a malformed request (a signal that is not an AbortSignal) is rejected at entry: no call, no unhandled rejection', async () => {
    make();
    const bad = { ...question, signal: { aborted: false } as unknown as AbortSignal };
    const generated = await outcome(executor.generate([openai, anthropic], bad));
    expect(InvalidRequestError.isInstance(generated.error)).toBe(true);
    expect((generated.error as InvalidRequestError).field).toBe('signal');
    const streamed = await drain(executor.stream([openai, anthropic], bad));
    expect(InvalidRequestError.isInstance(streamed.error)).toBe(true);
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([0, 0]);
    expect(executor.status().every((s) => s.breaker === 'closed')).toBe(true);
  });

  it('accepts a plain prompt string', async () => {
    const result = await make().generate([openai, anthropic], 'What is the capital of France?');
    expect(result.provider).toBe('openai');
    expect(lastOpenAIRequest()?.body).toMatchObject({
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
    });
  });

  it('answers from the first provider when it is healthy', async () => {
    const result = await make().generate([openai, anthropic], question);
    expect(result.provider).toBe('openai');
    expect(result.text).toMatch(/Paris|capital|France/i);
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 0]);
  });

  it('a 429 with retry-after: falls back at once; no request to openai before the retry-after has passed, one after', async () => {
    let clock = 1_700_000_000_000;
    make({ now: () => clock });
    fake.script('openai', [{ error: 'rate_limit', retryAfterMs: 2_000 }]);
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 1]);
    expect(executor.status().find((s) => s.provider === 'openai')).toMatchObject({
      coolingDownUntil: new Date(clock + 2_000).toISOString(),
      coolDownRemainingMs: 2_000,
      coolDownKind: 'rate_limit',
    });

    clock += 1_999;
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(1);
    clock += 1;
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('openai');
    expect(fake.count('openai')).toBe(2);
  });

  it('fast failover: primary answers 500, fallback healthy: one request each, no backoff, no retry', async () => {
    fake.script('openai', [{ status: 500 }]);
    const retries: number[] = [];
    const fallbacks: string[] = [];
    // A backoff here would take 10 s: the request settling at all proves none was slept.
    make({ maxRetries: 2, baseDelayMs: 20_000, maxDelayMs: 20_000, random: () => 0.5 });
    executor.onRetry(({ attempt }) => retries.push(attempt));
    executor.onFallback(({ from, to, kind }) => fallbacks.push(`${from}>${to}:${kind}`));
    const result = await executor.generate([openai, anthropic], question);
    expect(result.provider).toBe('anthropic');
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 1]);
    expect(retries).toEqual([]);
    expect(fallbacks).toEqual(['openai>anthropic:server']);
  });

  it('server errors are retried with backoff on the last provider left, and it then answers', async () => {
    fake.script('openai', [{ status: 500 }, { status: 502 }]);
    const retries: number[] = [];
    make({ maxRetries: 2 }).onRetry(({ attempt }) => retries.push(attempt));
    expect((await executor.generate([openai], question)).provider).toBe('openai');
    expect(fake.count('openai')).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('an open breaker sends zero requests to the dead provider until its half-open probe, which closes it', async () => {
    fake.script(
      'openai',
      Array.from({ length: 3 }, () => ({ status: 500 })),
    );
    make({
      maxRetries: 0,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeout: 300 },
    });
    for (let i = 0; i < 3; i++)
      expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(3);
    expect(executor.status().find((s) => s.provider === 'openai')?.breaker).toBe('open');

    for (let i = 0; i < 5; i++)
      expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(3); // nothing reached the dead provider

    await vi.waitFor(
      () =>
        expect(executor.status().find((s) => s.provider === 'openai')?.breaker).toBe('half-open'),
      { timeout: 2_000, interval: 20 },
    );
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('openai');
    expect(fake.count('openai')).toBe(4);
    expect(executor.status().find((s) => s.provider === 'openai')?.breaker).toBe('closed');
  });

  it('bad requests and context-length errors do not open the breaker', async () => {
    fake.script('openai', [
      ...Array.from({ length: 4 }, () => ({ error: 'bad_request' as const })),
      ...Array.from({ length: 4 }, () => 'context-length' as const),
    ]);
    make({
      maxRetries: 0,
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 10, resetTimeout: 60_000 },
    });
    for (let i = 0; i < 4; i++)
      expect(
        ((await outcome(executor.generate([openai, anthropic], question))).error as ProviderError)
          .kind,
      ).toBe('bad_request');
    for (let i = 0; i < 4; i++)
      expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(8);
    expect(fake.count('anthropic')).toBe(4); // only the context-length ones fell back: a bad request fails fast
    expect(executor.status().find((s) => s.provider === 'openai')?.breaker).toBe('closed');
  });

  it('auth: the provider is marked unavailable with the reason and skipped afterwards', async () => {
    fake.script('openai', [{ error: 'auth' }]);
    make();
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(1);
    const status = executor.status().find((s) => s.provider === 'openai');
    expect(status?.unavailable).toMatchObject({
      kind: 'auth',
      reason: expect.stringContaining('HTTP 401'),
    });
    expect(JSON.stringify(status)).not.toContain('sk-e2e-resilience-openai-0123456789');
  });

  it('content filter and a validator rejection move on to the next provider', async () => {
    fake.script('openai', [
      'content-filter',
      { reply: { text: 'As an AI, I cannot answer that.' } },
    ]);
    make({ validators: [bannedPattern(/as an ai/i)] });
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect((await executor.generate([openai, anthropic], question)).provider).toBe('anthropic');
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([2, 2]);
  });

  it('the deadline aborts a hung call (its connection closes at the fake) and fails at once, never hangs', async () => {
    fake.script('openai', ['hang']);
    make({ deadlineMs: 300 });
    const started = Date.now();
    const { error } = await outcome(executor.generate([openai, anthropic], question));
    const elapsed = Date.now() - started;
    expect(AllProvidersFailedError.isInstance(error)).toBe(true);
    expect(
      (error as AllProvidersFailedError).attempts.map((a) => `${a.provider}:${a.kind}`),
    ).toEqual(['openai:timeout']);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3_000);
    expect(fake.count('openai')).toBe(1);
    expect(fake.count('anthropic')).toBe(0); // nothing new starts after the deadline
    await vi.waitFor(() => expect(lastOpenAIRequest()?.closedEarly).toBe(true), {
      timeout: 1_000,
      interval: 10,
    });
  });

  it('the per-attempt timeout aborts the call at the fake and falls back', async () => {
    fake.script('openai', [{ delayMs: 5_000 }]);
    make({ timeoutMs: 200, maxRetries: 0 });
    const result = await executor.generate([openai, anthropic], question);
    expect(result.provider).toBe('anthropic');
    await vi.waitFor(() => expect(fake.requests('openai')[0]?.closedEarly).toBe(true), {
      timeout: 1_000,
      interval: 10,
    });
  });

  it('a caller abort stops at once: the call is aborted at the fake and no other provider is called', async () => {
    fake.script('openai', ['hang']);
    const controller = new AbortController();
    const pending = outcome(
      make().generate([openai, anthropic], { ...question, signal: controller.signal }),
    );
    await vi.waitFor(() => expect(fake.count('openai')).toBe(1), { timeout: 1_000, interval: 5 });
    expect(lastOpenAIRequest()?.closedEarly).toBe(false);
    controller.abort();
    expect(((await pending).error as ProviderError).kind).toBe('aborted');
    await vi.waitFor(() => expect(lastOpenAIRequest()?.closedEarly).toBe(true), {
      timeout: 1_000,
      interval: 10,
    });
    expect(fake.count('anthropic')).toBe(0);
  });

  it('hedging: the faster provider wins and the slower request is aborted at the fake', async () => {
    fake.script('openai', [{ delayMs: 3_000 }]);
    make({ hedge: { delayMs: 100 } });
    const failures: string[] = [];
    executor.onFailure(({ provider, kind, hedgeLost }) =>
      failures.push(`${provider}:${kind}:${hedgeLost}`),
    );
    const result = await executor.generate([openai, anthropic], question);
    expect(result.provider).toBe('anthropic');
    await vi.waitFor(() => expect(lastOpenAIRequest()?.closedEarly).toBe(true), {
      timeout: 1_000,
      interval: 10,
    });
    await vi.waitFor(() => expect(failures).toEqual(['openai:aborted:true']), {
      timeout: 1_000,
      interval: 10,
    });
  });

  it('all fail: AllProvidersFailedError lists each attempt with the vendor status; or the fallbackResponse', async () => {
    fake.script('openai', [{ status: 500 }]);
    fake.script('anthropic', [{ error: 'overloaded' }]);
    const { error } = await outcome(
      make({ maxRetries: 0 }).generate([openai, anthropic], question),
    );
    expect(
      (error as AllProvidersFailedError).attempts.map((a) => [
        a.provider,
        a.model,
        a.kind,
        a.status,
      ]),
    ).toEqual([
      ['openai', 'gpt-4o-mini', 'server', 500],
      ['anthropic', 'claude-haiku-4-5', 'overloaded', 529],
    ]);

    fake.script('openai', [{ status: 500 }]);
    fake.script('anthropic', [{ status: 500 }]);
    executor.dispose();
    const canned = {
      text: 'Please try again later.',
      toolCalls: [],
      finishReason: 'other' as const,
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      provider: 'fallback',
      model: 'none',
      latencyMs: 0,
      costUsd: 0,
    };
    expect(
      await make({ maxRetries: 0, fallbackResponse: canned }).generate(
        [openai, anthropic],
        question,
      ),
    ).toBe(canned);
  });

  describe('streams', () => {
    it('fall back before the first event: the caller sees one answer, from the second provider', async () => {
      fake.script('openai', [{ status: 500 }]);
      const { text, error } = await drain(
        make({ maxRetries: 0 }).stream([openai, anthropic], question),
      );
      expect(error).toBeUndefined();
      expect(text.length).toBeGreaterThan(0);
      expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 1]);
    });

    it('after the first event a cut stream ends with StreamInterruptedError carrying the partial text; no fallback', async () => {
      fake.script('openai', [{ streamCutAfter: 3 }]);
      const { text, error } = await drain(make().stream([openai, anthropic], question));
      expect(StreamInterruptedError.isInstance(error)).toBe(true);
      expect((error as StreamInterruptedError).partialText).toBe(text);
      expect((error as StreamInterruptedError).provider).toBe('openai');
      expect(fake.count('anthropic')).toBe(0);
    });

    it('breaking out of the loop aborts the underlying request', async () => {
      const signals: (AbortSignal | undefined)[] = [];
      // A user provider delegating to the real adapter, to see the signal it is handed.
      const watched: Provider = {
        ...openai,
        name: 'openai',
        stream: (request) => (signals.push(request.signal), openai.stream(request)),
        generate: (r) => openai.generate(r),
        isAvailable: () => true,
      };
      for await (const event of make().stream([watched], question))
        if (event.type === 'text-delta') break;
      expect(signals).toHaveLength(1);
      expect(signals[0]?.aborted).toBe(true);
    });
  });
});
