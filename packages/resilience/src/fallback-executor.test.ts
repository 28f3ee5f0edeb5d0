import {
  AllProvidersFailedError,
  InvalidRequestError,
  NoProviderAvailableError,
  ProviderError,
  registerSecret,
} from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask, outcome, scriptedProvider } from '@modelmux/testing';
import { type FallbackExecutor, createFallbackExecutor } from './fallback-executor.js';
import type { FallbackExecutorOptions } from './executor-options.js';
import { bannedPattern, minLength } from './validators.js';

describe('createFallbackExecutor: the error table', () => {
  let executor: FallbackExecutor;
  const make = (options: FallbackExecutorOptions = {}) => {
    executor = createFallbackExecutor({ random: () => 0, breaker: false, ...options });
    return executor;
  };

  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => {
    executor?.dispose();
    vi.useRealTimers();
  });

  it('answers from the first provider when it succeeds, and calls no other', async () => {
    const a = scriptedProvider('a');
    const b = scriptedProvider('b');
    const result = await make().generate([a, b], ask());
    expect(result.provider).toBe('a');
    expect([a.calls.length, b.calls.length]).toEqual([1, 0]);
    expect(a.calls[0]?.model).toBe('a-model');
  });

  describe.each(['rate_limit', 'quota_exceeded'] as const)('%s', (kind) => {
    it('no retry, next provider at once, cool-down for retryAfterMs; skipped until then, called again after', async () => {
      const a = scriptedProvider('a').script({ error: kind, status: 429, retryAfterMs: 2_000 });
      const b = scriptedProvider('b');
      const cooling: string[] = [];
      make().onCoolDown(({ provider, durationMs, kind: k, until }) =>
        cooling.push(`${provider}:${durationMs}:${k}:${until - Date.now()}`),
      );
      const result = await executor.generate([a, b], ask());
      expect(result.provider).toBe('b');
      expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
      expect(cooling).toEqual([`a:2000:${kind}:2000`]);
      expect(executor.status().find((s) => s.provider === 'a')).toMatchObject({
        coolingDownUntil: new Date(Date.now() + 2_000).toISOString(),
        coolDownRemainingMs: 2_000,
        coolDownKind: kind,
        usable: false,
      });

      await vi.advanceTimersByTimeAsync(1_999);
      expect((await executor.generate([a, b], ask())).provider).toBe('b');
      expect(a.calls.length).toBe(1); // just before the retry-after: no call

      await vi.advanceTimersByTimeAsync(1);
      expect((await executor.generate([a, b], ask())).provider).toBe('a');
      expect(a.calls.length).toBe(2); // just after: called again
    });

    it('without retry-after cools down for coolDownMs', async () => {
      const a = scriptedProvider('a').script({ error: kind });
      const b = scriptedProvider('b');
      make({ coolDownMs: 10_000 });
      await executor.generate([a, b], ask());
      await vi.advanceTimersByTimeAsync(9_999);
      await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(2);
    });
  });

  describe.each(['server', 'overloaded', 'timeout', 'network'] as const)('%s', (kind) => {
    it('fast failover: another candidate can serve, so no retry here and no backoff: the next answers at once', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: kind } });
      const b = scriptedProvider('b');
      const retries: number[] = [];
      const fallbacks: string[] = [];
      make({ maxRetries: 2, baseDelayMs: 100, random: () => 0.5 });
      executor.onRetry(({ delayMs }) => retries.push(delayMs));
      executor.onFallback(({ from, to, kind: k }) => fallbacks.push(`${from}>${to}:${k}`));
      const result = await executor.generate([a, b], ask());
      // Settled without advancing the fake clock: no backoff timer ran.
      expect(result.provider).toBe('b');
      expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
      expect(retries).toEqual([]);
      expect(fallbacks).toEqual([`a>b:${kind}`]);
      expect(vi.getTimerCount()).toBe(0);
      expect(executor.status().find((s) => s.provider === 'a')).toMatchObject({
        coolingDownUntil: undefined,
        unavailable: undefined,
        usable: true,
      });
    });

    it('alone (no other candidate): retries on the same provider up to maxRetries with backoff, then fails', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: kind } });
      make({ maxRetries: 2, baseDelayMs: 100, random: () => 0.5 });
      const pending = outcome(executor.generate([a], ask()));
      await vi.advanceTimersByTimeAsync(0);
      expect(a.calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(49);
      expect(a.calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(1); // 0.5 * 100
      expect(a.calls.length).toBe(2);
      await vi.advanceTimersByTimeAsync(99);
      expect(a.calls.length).toBe(2);
      await vi.advanceTimersByTimeAsync(1); // 0.5 * 200
      const { error } = await pending;
      expect(AllProvidersFailedError.isInstance(error)).toBe(true);
      expect((error as AllProvidersFailedError).attempts.map((f) => f.kind)).toEqual([
        kind,
        kind,
        kind,
      ]);
      expect(a.calls.length).toBe(3);
      expect(executor.status().find((s) => s.provider === 'a')).toMatchObject({
        coolingDownUntil: undefined,
        usable: true,
      });
    });

    it('the last usable candidate retries: the ones after it are skipped (cooling down), so backoff applies', async () => {
      const limited = scriptedProvider('limited').script({
        error: 'rate_limit',
        retryAfterMs: 60_000,
      });
      make({ baseDelayMs: 100, random: () => 0.5 });
      await outcome(executor.generate([limited], ask())); // limited now cools down for 60 s
      const a = scriptedProvider('a').script({ error: kind }, 'ok');
      const pending = executor.generate([a, limited], ask());
      await vi.advanceTimersByTimeAsync(49);
      expect(a.calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(1); // 0.5 * 100
      expect((await pending).provider).toBe('a');
      expect([a.calls.length, limited.calls.length]).toEqual([2, 1]);
    });

    it('alone, a later success on the same provider wins', async () => {
      const a = scriptedProvider('a').script({ error: kind }, 'ok');
      const pending = make().generate([a], ask());
      await vi.runAllTimersAsync();
      const result = await pending;
      expect(result.provider).toBe('a');
      expect(a.calls.length).toBe(2);
    });
  });

  it('a retryable error with a retry-after waits at least that long (alone); above maxRetryAfterMs it moves on and cools down', async () => {
    const a = scriptedProvider('a').script({ error: 'overloaded', retryAfterMs: 3_000 }, 'ok');
    const b = scriptedProvider('b');
    make({ baseDelayMs: 10 });
    const pending = executor.generate([a], ask());
    await vi.advanceTimersByTimeAsync(2_999);
    expect(a.calls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).provider).toBe('a');

    const c = scriptedProvider('c').script({ error: 'overloaded', retryAfterMs: 120_000 });
    const result = await executor.generate([c, b], ask());
    expect(result.provider).toBe('b');
    expect(c.calls.length).toBe(1);
    expect(executor.status().find((s) => s.provider === 'c')).toMatchObject({
      coolingDownUntil: new Date(Date.now() + 120_000).toISOString(),
      coolDownRemainingMs: 120_000,
    });
  });

  describe.each([
    ['auth', 401],
    ['permission', 403],
  ] as const)('%s', (kind, status) => {
    it('no retry, next at once, the provider is marked unavailable with the reason and skipped afterwards', async () => {
      registerSecret('super-secret-key-123');
      const a = scriptedProvider('a').script({
        error: kind,
        status,
        message: 'Incorrect API key provided: super-secret-key-123',
      });
      const b = scriptedProvider('b');
      expect((await make().generate([a, b], ask())).provider).toBe('b');
      expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
      const status_ = executor.status().find((s) => s.provider === 'a');
      expect(status_?.usable).toBe(false);
      expect(status_?.unavailable).toMatchObject({
        kind,
        reason: expect.stringContaining(`${kind} (HTTP ${status})`),
      });
      expect(JSON.stringify(executor.status())).not.toContain('super-secret-key-123');

      await vi.advanceTimersByTimeAsync(3_600_000);
      await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(1); // still skipped
      executor.reset('a');
      await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(2);
    });
  });

  it('not_found marks only that model: another model of the same provider is still tried', async () => {
    const a = scriptedProvider('a').script({ error: 'not_found', status: 404 });
    const b = scriptedProvider('b');
    make();
    expect((await executor.generate([{ provider: a, model: 'gone' }, b], ask())).provider).toBe(
      'b',
    );
    expect(executor.status().find((s) => s.provider === 'a')).toMatchObject({
      unavailable: undefined,
      unavailableModels: [{ model: 'gone', kind: 'not_found' }],
    });
    const result = await executor.generate(
      [
        { provider: a, model: 'gone' },
        { provider: a, model: 'there' },
      ],
      ask(),
    );
    expect(result.provider).toBe('a');
    expect(a.calls.map((c) => c.model)).toEqual(['gone', 'there']);
  });

  it('unavailableMs makes the mark expire', async () => {
    const a = scriptedProvider('a').script({ error: 'auth' });
    const b = scriptedProvider('b');
    make({ unavailableMs: 60_000 });
    await executor.generate([a, b], ask());
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await executor.generate([a, b], ask())).provider).toBe('a');
  });

  it('context_length: no retry, skips the next providers whose window does not fit, calls the first that fits', async () => {
    const small = scriptedProvider('small').script({ error: 'context_length', status: 400 });
    const smaller = scriptedProvider('smaller');
    const unknown = scriptedProvider('unknown-window');
    const windows: Record<string, number | undefined> = {
      'small-model': 8_000,
      'smaller-model': 4_000,
      'unknown-window-model': undefined,
    };
    make({ contextWindowOf: (_p, model) => windows[model], countTokens: () => 5_000 });
    const result = await executor.generate(
      [small, smaller, unknown],
      ask('long', { maxTokens: 1_000 }),
    );
    expect(result.provider).toBe('unknown-window');
    expect([small.calls.length, smaller.calls.length, unknown.calls.length]).toEqual([1, 0, 1]);
    expect(executor.status().find((s) => s.provider === 'small')).toMatchObject({
      usable: true,
      unavailable: undefined,
    });
  });

  it('context_length: uses the core catalogue and token counter by default', async () => {
    const a = scriptedProvider('a', { model: 'gpt-4o' }).script({ error: 'context_length' });
    const sameWindow = scriptedProvider('b', { model: 'gpt-4o-mini' });
    const bigger = scriptedProvider('c', { model: 'gpt-4.1' });
    const result = await make().generate([a, sameWindow, bigger], ask());
    expect(result.provider).toBe('c');
    expect([a.calls.length, sameWindow.calls.length, bigger.calls.length]).toEqual([1, 0, 1]);
  });

  describe('content_filter and quality', () => {
    it('a content_filter error moves on (no retry, no state)', async () => {
      const a = scriptedProvider('a').script({ error: 'content_filter' });
      const b = scriptedProvider('b');
      expect((await make().generate([a, b], ask())).provider).toBe('b');
      expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
      expect(executor.status().find((s) => s.provider === 'a')?.usable).toBe(true);
    });

    it("an answer with finishReason 'content-filter' counts as content_filter and moves on", async () => {
      const a = scriptedProvider('a').script({ text: '', finishReason: 'content-filter' });
      const b = scriptedProvider('b');
      const failures: string[] = [];
      make().onFailure(({ provider, kind }) => failures.push(`${provider}:${kind}`));
      expect((await executor.generate([a, b], ask())).provider).toBe('b');
      expect(failures).toEqual(['a:content_filter']);
    });

    it('with fallbackOn.contentFilter false: the filtered answer is returned, a filter error is thrown', async () => {
      const a = scriptedProvider('a').script(
        { text: 'partial', finishReason: 'content-filter' },
        { error: 'content_filter' },
      );
      const b = scriptedProvider('b');
      make({ fallbackOn: { contentFilter: false } });
      expect(await executor.generate([a, b], ask())).toMatchObject({
        provider: 'a',
        finishReason: 'content-filter',
      });
      await expect(executor.generate([a, b], ask())).rejects.toMatchObject({
        kind: 'content_filter',
        provider: 'a',
      });
      expect(b.calls.length).toBe(0);
    });

    it('a validator rejection counts as quality and moves on; a passing answer is returned', async () => {
      const a = scriptedProvider('a').script({ text: 'As an AI model I cannot' });
      const b = scriptedProvider('b').script({ text: 'ok' });
      const c = scriptedProvider('c').script({ text: 'Paris is the capital of France.' });
      make({ validators: [bannedPattern(/as an ai/i), minLength(10)] });
      const failures: string[] = [];
      executor.onFailure(({ provider, kind, error }) =>
        failures.push(`${provider}:${kind}:${error.message}`),
      );
      const result = await executor.generate([a, b, c], ask());
      expect(result.provider).toBe('c');
      expect([a.calls.length, b.calls.length, c.calls.length]).toEqual([1, 1, 1]);
      expect(failures).toEqual([
        expect.stringMatching(/^a:quality:Validator bannedPattern/),
        expect.stringMatching(/^b:quality:Validator minLength\(10\)/),
      ]);
    });

    it('an async validator is awaited', async () => {
      const a = scriptedProvider('a').script({ text: 'bad' });
      const b = scriptedProvider('b').script({ text: 'good' });
      make({
        validators: [
          {
            name: 'judge',
            validate: async (r) => (r.text === 'good' ? undefined : 'judge said no'),
          },
        ],
      });
      expect((await executor.generate([a, b], ask())).provider).toBe('b');
    });

    it('a quality error thrown by the adapter (structured output that does not parse) moves on', async () => {
      const a = scriptedProvider('a').script({
        error: 'quality',
        message: "The model's JSON does not match the schema",
      });
      const b = scriptedProvider('b');
      expect((await make().generate([a, b], ask())).provider).toBe('b');
      expect(a.calls.length).toBe(1);
    });

    it('with fallbackOn.quality false a rejection fails the request without trying others', async () => {
      const a = scriptedProvider('a').script({ text: 'x' });
      const b = scriptedProvider('b');
      make({ validators: [minLength(5)], fallbackOn: { quality: false } });
      await expect(executor.generate([a, b], ask())).rejects.toMatchObject({
        kind: 'quality',
        provider: 'a',
      });
      expect(b.calls.length).toBe(0);
    });
  });

  it('bad_request fails fast: the same error, no retry, no other provider, no state', async () => {
    const a = scriptedProvider('a').script({
      error: 'bad_request',
      status: 400,
      message: 'messages.0.content is invalid',
    });
    const b = scriptedProvider('b');
    const { error } = await outcome(make({ maxRetries: 3 }).generate([a, b], ask()));
    expect(
      ProviderError.isInstance(error) && error.kind === 'bad_request' && error.status === 400,
    ).toBe(true);
    expect([a.calls.length, b.calls.length]).toEqual([1, 0]);
    expect(executor.status().find((s) => s.provider === 'a')?.usable).toBe(true);
  });

  it('an adapter that cannot build the request: its InvalidRequestError, fail fast, breaker untouched', async () => {
    const invalid = new InvalidRequestError({
      field: 'messages.0.content',
      message: 'expected a string or a list of parts',
    });
    const a = scriptedProvider('a').script(
      { throws: invalid },
      { throws: invalid },
      { throws: invalid },
      { throws: invalid },
      { throws: invalid },
    );
    const b = scriptedProvider('b');
    make({ maxRetries: 3, breaker: { volumeThreshold: 2, errorThresholdPercentage: 50 } });
    for (let i = 0; i < 5; i++) {
      const { error } = await outcome(executor.generate([a, b], ask()));
      expect(error).toBe(invalid);
    }
    expect([a.calls.length, b.calls.length]).toEqual([5, 0]);
    const status = executor.status().find((s) => s.provider === 'a');
    expect(status?.usable).toBe(true);
    expect(status?.breaker).toBe('closed');
  });

  it('aborted by the caller: stops at once, no other provider, no further call later', async () => {
    const a = scriptedProvider('a').script('hang');
    const b = scriptedProvider('b');
    const controller = new AbortController();
    const pending = outcome(
      make({ maxRetries: 3 }).generate([a, b], ask('x', { signal: controller.signal })),
    );
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const { error } = await pending;
    expect(ProviderError.isInstance(error) && error.kind === 'aborted').toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect([a.calls.length, b.calls.length]).toEqual([1, 0]);
    expect(a.calls[0]?.signal?.aborted).toBe(true);
  });

  it('aborted by the caller even when the provider ignores its signal (never hangs)', async () => {
    const a = scriptedProvider('a').script('deaf');
    const controller = new AbortController();
    const pending = outcome(make().generate([a], ask('x', { signal: controller.signal })));
    controller.abort();
    expect(((await pending).error as ProviderError).kind).toBe('aborted');
  });

  it('an already-aborted signal makes no call', async () => {
    const a = scriptedProvider('a');
    await expect(
      make().generate([a], ask('x', { signal: AbortSignal.abort() })),
    ).rejects.toMatchObject({ kind: 'aborted' });
    expect(a.calls.length).toBe(0);
  });

  it('an unknown failure (a plain Error) moves on at once without retry, its message redacted', async () => {
    const a = scriptedProvider('a').script({
      throws: new Error('socket said sk-abcdefghijklmnop1234'),
    });
    const b = scriptedProvider('b').script(
      { error: 'server' },
      { error: 'server' },
      { error: 'server' },
    );
    const { error } = await outcome(make().generate([a, b], ask()));
    expect(AllProvidersFailedError.isInstance(error)).toBe(true);
    const attempts = (error as AllProvidersFailedError).attempts;
    expect(attempts[0]).toMatchObject({ provider: 'a', kind: 'unknown' });
    expect(attempts[0]?.message).not.toContain('sk-abcdefghijklmnop1234');
    expect(a.calls.length).toBe(1);
  });

  it('all fail: AllProvidersFailedError lists every attempt (provider, model, kind, status, latency, message) and skipped ones', async () => {
    const cooling = scriptedProvider('cooling').script({
      error: 'rate_limit',
      status: 429,
      retryAfterMs: 5_000,
    });
    make({ maxRetries: 1 });
    await outcome(executor.generate([cooling], ask()));
    const a = scriptedProvider('a').script(
      { delayMs: 40, then: { error: 'server', status: 500 } },
      { error: 'server', status: 502 },
    );
    const b = scriptedProvider('b').script({ error: 'auth', status: 401 });
    // b first, so that a is the last candidate left and its retry is listed too.
    const pending = outcome(executor.generate([cooling, b, a], ask()));
    await vi.advanceTimersByTimeAsync(100);
    const { error } = await pending;
    expect(AllProvidersFailedError.isInstance(error)).toBe(true);
    const attempts = (error as AllProvidersFailedError).attempts;
    expect(attempts.map((x) => [x.provider, x.model, x.kind, x.status])).toEqual([
      ['cooling', 'cooling-model', 'rate_limit', undefined],
      ['b', 'b-model', 'auth', 401],
      ['a', 'a-model', 'server', 500],
      ['a', 'a-model', 'server', 502],
    ]);
    expect(attempts[0]?.message).toMatch(/^skipped: cooling down/);
    expect(attempts[2]?.latencyMs).toBe(40);
    expect((error as Error).message).toContain('a/a-model: server (500) after 40ms');
  });

  it('every provider skipped: NoProviderAvailableError naming each reason, no call made', async () => {
    const down = scriptedProvider('down').script({ error: 'auth' });
    const limited = scriptedProvider('limited').script({ error: 'rate_limit' });
    const unconfigured = scriptedProvider('unconfigured', { available: false });
    make();
    await outcome(executor.generate([down], ask()));
    await outcome(executor.generate([limited], ask()));
    const { error } = await outcome(executor.generate([down, limited, unconfigured], ask()));
    expect(NoProviderAvailableError.isInstance(error)).toBe(true);
    expect((error as NoProviderAvailableError).excluded).toEqual([
      { provider: 'down', reason: expect.stringMatching(/^unavailable: auth/) },
      {
        provider: 'limited',
        reason: expect.stringMatching(/^cooling down for 30000ms more after rate_limit/),
      },
      { provider: 'unconfigured', reason: 'not configured (isAvailable() is false)' },
    ]);
    expect([down.calls.length, limited.calls.length, unconfigured.calls.length]).toEqual([1, 1, 0]);
  });

  it('an empty plan fails with NoProviderAvailableError', async () => {
    await expect(make().generate([], ask())).rejects.toSatisfy((e) =>
      NoProviderAvailableError.isInstance(e),
    );
  });

  describe('fallbackResponse', () => {
    const canned = {
      text: 'Sorry, try again later.',
      toolCalls: [],
      finishReason: 'other' as const,
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      provider: 'fallback',
      model: 'none',
      latencyMs: 0,
      costUsd: 0,
    };

    it('is returned instead of AllProvidersFailedError', async () => {
      const a = scriptedProvider('a').script({ error: 'network' });
      make({ maxRetries: 0, fallbackResponse: canned });
      expect(await executor.generate([a], ask())).toBe(canned);
    });

    it('a function gets the error and the request; also replaces NoProviderAvailableError', async () => {
      const seen: string[] = [];
      make({
        fallbackResponse: (error, request) => {
          const first = request.messages[0];
          seen.push(`${error.name}:${first?.role === 'user' ? String(first.content) : ''}`);
          return { ...canned, text: 'dynamic' };
        },
      });
      expect(
        (await executor.generate([scriptedProvider('u', { available: false })], ask('q'))).text,
      ).toBe('dynamic');
      expect(seen).toEqual(['ModelmuxNoProviderAvailableError:q']);
    });

    it('is not used for bad_request or a caller abort', async () => {
      make({ fallbackResponse: canned });
      await expect(
        executor.generate([scriptedProvider('a').script({ error: 'bad_request' })], ask()),
      ).rejects.toMatchObject({ kind: 'bad_request' });
      await expect(
        executor.generate([scriptedProvider('a')], ask('x', { signal: AbortSignal.abort() })),
      ).rejects.toMatchObject({ kind: 'aborted' });
    });
  });

  describe('embed', () => {
    it('skips providers without embed and falls back like generate (fast failover: no retry while b can serve)', async () => {
      const noEmbed = scriptedProvider('chat-only', { embeds: false });
      const a = scriptedProvider('a').script(
        { error: 'server' },
        { error: 'server' },
        { error: 'server' },
      );
      const b = scriptedProvider('b');
      const result = await make().embed([noEmbed, a, b], { input: ['x', 'y'] });
      expect(result.provider).toBe('b');
      expect(result.embeddings).toHaveLength(2);
      expect([noEmbed.calls.length, a.calls.length, b.calls.length]).toEqual([0, 1, 1]);
      expect(b.calls[0]?.model).toBe('b-embed');
    });
  });
});
