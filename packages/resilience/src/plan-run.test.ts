import { AllProvidersFailedError, CircuitOpenError, ProviderError } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask, outcome, scriptedProvider } from '@modelmux/testing';
import type { FallbackExecutorOptions } from './executor-options.js';
import { type FallbackExecutor, createFallbackExecutor } from './fallback-executor.js';

describe('fallback executor: time, breakers, hedging, events', () => {
  let executor: FallbackExecutor;
  const make = (options: FallbackExecutorOptions = {}) => {
    executor = createFallbackExecutor({ random: () => 0, breaker: false, ...options });
    return executor;
  };

  beforeEach(() => vi.useFakeTimers({ now: 2_000_000 }));
  afterEach(() => {
    executor?.dispose();
    vi.useRealTimers();
  });

  describe('per-attempt timeout', () => {
    it('aborts the call through its signal, counts as timeout, falls back at once', async () => {
      const a = scriptedProvider('a', { defaultStep: 'hang' });
      const b = scriptedProvider('b');
      make({ timeoutMs: 1_000, maxRetries: 1 });
      const pending = executor.generate([a, b], ask());
      await vi.advanceTimersByTimeAsync(999);
      expect(a.calls[0]?.signal?.aborted).toBe(false);
      expect(b.calls.length).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(a.calls[0]?.signal?.aborted).toBe(true);
      expect((await pending).provider).toBe('b');
      expect([a.calls.length, b.calls.length]).toEqual([1, 1]); // b can serve: no retry on a
      expect(a.abortedCount()).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('alone, a timed-out call is retried (each try gets the full timeout)', async () => {
      const a = scriptedProvider('a', { defaultStep: 'hang' });
      make({ timeoutMs: 1_000, maxRetries: 1 });
      const pending = outcome(executor.generate([a], ask()));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(a.calls.length).toBe(2); // retried at once (random 0)
      await vi.advanceTimersByTimeAsync(999);
      expect(a.calls[1]?.signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const { error } = await pending;
      expect((error as AllProvidersFailedError).attempts.map((x) => x.kind)).toEqual([
        'timeout',
        'timeout',
      ]);
      expect(a.abortedCount()).toBe(2);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('also when the provider ignores its signal (never hangs)', async () => {
      const a = scriptedProvider('a', { defaultStep: 'deaf' });
      make({ timeoutMs: 500, maxRetries: 0 });
      const pending = outcome(executor.generate([a], ask()));
      await vi.advanceTimersByTimeAsync(500);
      const { error } = await pending;
      expect((error as AllProvidersFailedError).attempts.map((x) => x.kind)).toEqual(['timeout']);
    });
  });

  describe('deadline', () => {
    it('one budget across fallbacks and retries: the in-flight call is aborted, nothing new starts, fails at once', async () => {
      const x = scriptedProvider('x', { defaultStep: { delayMs: 400, then: { error: 'auth' } } });
      const a = scriptedProvider('a').script(
        { delayMs: 400, then: { error: 'server' } },
        { delayMs: 400, then: { error: 'server' } },
        'hang',
      );
      make({ deadlineMs: 2_000, maxRetries: 2, baseDelayMs: 100, random: () => 0.5 });
      const failures: string[] = [];
      executor.onFailure(({ provider, kind }) => failures.push(`${provider}:${kind}`));
      const pending = outcome(executor.generate([x, a], ask()));
      // x: 400, then a (the last candidate, so it retries): 400 + 50 + 400 + 100 = 1350ms; its
      // third try hangs until the deadline at 2000ms
      await vi.advanceTimersByTimeAsync(1_999);
      expect([x.calls.length, a.calls.length]).toEqual([1, 3]);
      expect(a.calls[2]?.signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const { error } = await pending;
      expect(a.calls[2]?.signal?.aborted).toBe(true);
      expect(AllProvidersFailedError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/^The request's 2000ms deadline passed/);
      expect(
        (error as AllProvidersFailedError).attempts.map((f) => `${f.provider}:${f.kind}`),
      ).toEqual(['x:auth', 'a:server', 'a:server', 'a:timeout']);
      expect(failures.at(-1)).toBe('a:timeout');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(a.calls.length).toBe(3);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('a backoff that would end after the deadline is not slept: the request fails at once', async () => {
      const a = scriptedProvider('a').script({ error: 'overloaded', retryAfterMs: 5_000 });
      make({ deadlineMs: 3_000 });
      const { error } = await outcome(executor.generate([a], ask()));
      expect(AllProvidersFailedError.isInstance(error)).toBe(true);
      expect(a.calls.length).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('a backoff that would end after the deadline is skipped: the next provider is tried at once', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'server' } });
      const b = scriptedProvider('b', { defaultStep: { delayMs: 900, then: { error: 'server' } } });
      make({ deadlineMs: 1_000, maxRetries: 3, baseDelayMs: 400, random: () => 0.999 });
      const pending = outcome(executor.generate([b, a], ask()));
      await vi.advanceTimersByTimeAsync(1_000);
      const { error } = await pending;
      expect(AllProvidersFailedError.isInstance(error)).toBe(true);
      expect(b.calls.length).toBe(1);
      expect(a.calls.length).toBe(1); // b failed at 900: a 399ms backoff would pass the deadline, so a at once (and a's retry likewise)
      expect((a.calls[0]?.at ?? 0) - (b.calls[0]?.at ?? 0)).toBe(900);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(a.calls.length).toBe(1);
    });

    it('a caller abort during a backoff wait stops at once and leaves no timer', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'server' } });
      const controller = new AbortController();
      make({ maxRetries: 3, baseDelayMs: 10_000, random: () => 0.5 });
      const pending = outcome(executor.generate([a], ask('x', { signal: controller.signal })));
      await vi.advanceTimersByTimeAsync(100);
      expect(vi.getTimerCount()).toBe(1);
      controller.abort();
      const { error } = await pending;
      expect(error).toMatchObject({ kind: 'aborted', provider: 'a' });
      expect(vi.getTimerCount()).toBe(0);
      expect(a.calls.length).toBe(1);
    });

    it('a per-call deadline overrides the executor one; a deadline cut does not count toward the breaker', async () => {
      const a = scriptedProvider('a', { defaultStep: 'hang' });
      make({ deadlineMs: 60_000, breaker: { volumeThreshold: 1, errorThresholdPercentage: 1 } });
      const pending = outcome(executor.generate([a], ask(), { deadlineMs: 100 }));
      await vi.advanceTimersByTimeAsync(100);
      expect(AllProvidersFailedError.isInstance((await pending).error)).toBe(true);
      expect(executor.status()[0]?.breaker).toBe('closed');
    });
  });

  describe('circuit breaker per provider', () => {
    const breakerOptions = {
      volumeThreshold: 3,
      errorThresholdPercentage: 50,
      resetTimeout: 10_000,
      rollingCountTimeout: 60_000,
      rollingCountBuckets: 6,
    };

    it('opens after health failures; then zero calls to the dead provider until the half-open probe; closes on success', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'server', status: 500 } });
      const b = scriptedProvider('b');
      make({ maxRetries: 0, breaker: breakerOptions });
      const events: string[] = [];
      executor.onBreak(({ provider, kind }) => events.push(`break:${provider}:${kind}`));
      executor.onHalfOpen(({ provider }) => events.push(`halfOpen:${provider}`));
      executor.onReset(({ provider }) => events.push(`reset:${provider}`));

      for (let i = 0; i < 3; i++) await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(3);
      expect(events).toEqual(['break:a:server']);
      expect(executor.status().find((s) => s.provider === 'a')).toMatchObject({
        breaker: 'open',
        breakerRetryAfterMs: 10_000,
        usable: false,
      });

      for (let i = 0; i < 5; i++)
        expect((await executor.generate([a, b], ask())).provider).toBe('b');
      await vi.advanceTimersByTimeAsync(9_999);
      await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(3); // nothing reached the dead provider

      await vi.advanceTimersByTimeAsync(1);
      expect(events.at(-1)).toBe('halfOpen:a');
      a.script('ok');
      expect((await executor.generate([a, b], ask())).provider).toBe('a');
      expect(a.calls.length).toBe(4);
      expect(events).toEqual(['break:a:server', 'halfOpen:a', 'reset:a']);
      expect(executor.status().find((s) => s.provider === 'a')?.breaker).toBe('closed');
    });

    it('an open breaker is listed as skipped in the final error, with a CircuitOpenError', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'timeout' } });
      make({ maxRetries: 0, breaker: breakerOptions });
      for (let i = 0; i < 3; i++) await outcome(executor.generate([a], ask()));
      const b = scriptedProvider('b').script({ error: 'server' });
      const { error } = await outcome(executor.generate([a, b], ask()));
      const attempts = (error as AllProvidersFailedError).attempts;
      expect(attempts[0]).toMatchObject({
        provider: 'a',
        kind: 'timeout',
        latencyMs: 0,
        message: expect.stringMatching(/^skipped: circuit breaker open/),
      });
      expect(CircuitOpenError.isInstance(attempts[0]?.error)).toBe(true);
      expect(attempts[1]).toMatchObject({ provider: 'b', kind: 'server' });
    });

    it('the breaker stops retries on a provider once it opens (alone: the failure that opened it is reported)', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'overloaded', status: 503 } });
      make({ maxRetries: 10, breaker: breakerOptions });
      const { error } = await outcome(executor.generate([a], ask()));
      expect(a.calls.length).toBe(3);
      expect((error as AllProvidersFailedError).attempts.map((f) => [f.kind, f.status])).toEqual([
        ['overloaded', 503],
        ['overloaded', 503],
        ['overloaded', 503],
      ]);
      expect(executor.status()[0]?.breaker).toBe('open');
    });

    it('fast failover still counts each failure toward the breaker: three requests open it', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'server' } });
      const b = scriptedProvider('b');
      make({ maxRetries: 10, breaker: breakerOptions });
      for (let i = 0; i < 3; i++)
        expect((await executor.generate([a, b], ask())).provider).toBe('b');
      expect([a.calls.length, b.calls.length]).toEqual([3, 3]);
      expect(executor.status().find((s) => s.provider === 'a')?.breaker).toBe('open');
      await executor.generate([a, b], ask());
      expect(a.calls.length).toBe(3);
    });

    it.each([
      'bad_request',
      'content_filter',
      'context_length',
      'quality',
      'auth',
      'permission',
      'not_found',
    ] as const)('%s failures do not open it', async (kind) => {
      const a = scriptedProvider('a', { defaultStep: { error: kind } });
      make({ maxRetries: 0, breaker: breakerOptions });
      for (let i = 0; i < 6; i++) {
        executor.reset();
        await outcome(executor.generate([a], ask()));
      }
      expect(a.calls.length).toBe(6);
      expect(executor.status().find((s) => s.provider === 'a')?.breaker).toBe('closed');
    });

    it('caller aborts do not open it', async () => {
      const a = scriptedProvider('a', { defaultStep: 'hang' });
      make({ breaker: breakerOptions });
      for (let i = 0; i < 5; i++) {
        const controller = new AbortController();
        const pending = outcome(executor.generate([a], ask('x', { signal: controller.signal })));
        controller.abort();
        await pending;
      }
      expect(executor.status()[0]?.breaker).toBe('closed');
      expect(a.calls.length).toBe(5);
    });

    it('rate limits count toward it (and cool down)', async () => {
      const a = scriptedProvider('a', { defaultStep: { error: 'rate_limit', retryAfterMs: 1 } });
      const b = scriptedProvider('b');
      make({ breaker: breakerOptions });
      for (let i = 0; i < 3; i++) {
        await executor.generate([a, b], ask());
        await vi.advanceTimersByTimeAsync(1);
      }
      expect(executor.status().find((s) => s.provider === 'a')?.breaker).toBe('open');
    });
  });

  describe('hedging', () => {
    it('starts the next provider after the delay; the faster wins, the other is aborted and reported as hedge-lost', async () => {
      const slow = scriptedProvider('slow').script({ delayMs: 5_000 });
      const fast = scriptedProvider('fast').script({ delayMs: 100 });
      const third = scriptedProvider('third');
      make({ hedge: { delayMs: 300 } });
      const events: string[] = [];
      executor.onAttempt(({ provider, hedge }) => events.push(`attempt:${provider}:${hedge}`));
      executor.onSuccess(({ provider, durationMs }) =>
        events.push(`success:${provider}:${durationMs}`),
      );
      executor.onFailure(({ provider, kind, hedgeLost }) =>
        events.push(`failure:${provider}:${kind}:${hedgeLost}`),
      );
      const pending = executor.generate([slow, fast, third], ask());
      await vi.advanceTimersByTimeAsync(299);
      expect(fast.calls.length).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(fast.calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(100);
      const result = await pending;
      expect(result.provider).toBe('fast');
      expect(slow.calls[0]?.signal?.aborted).toBe(true);
      expect(third.calls.length).toBe(0);
      expect(events).toEqual([
        'attempt:slow:false',
        'attempt:fast:true',
        'success:fast:100',
        'failure:slow:aborted:true',
      ]);
      expect(executor.status().find((s) => s.provider === 'slow')).toMatchObject({
        usable: true,
        breaker: 'disabled',
      });
      expect(vi.getTimerCount()).toBe(0);
    });

    it('no hedge when the first answers before the delay', async () => {
      const a = scriptedProvider('a').script({ delayMs: 200 });
      const b = scriptedProvider('b');
      make({ hedge: { delayMs: 300 } });
      const pending = executor.generate([a, b], ask());
      await vi.advanceTimersByTimeAsync(200);
      expect((await pending).provider).toBe('a');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(b.calls.length).toBe(0);
    });

    it('the first still wins if it answers first after the hedge started; the hedge is aborted', async () => {
      const a = scriptedProvider('a').script({ delayMs: 400 });
      const b = scriptedProvider('b').script({ delayMs: 1_000 });
      make({ hedge: { delayMs: 300 } });
      const pending = executor.generate([a, b], ask());
      await vi.advanceTimersByTimeAsync(400);
      expect((await pending).provider).toBe('a');
      expect(b.calls[0]?.signal?.aborted).toBe(true);
    });

    it('a hedge that fails leaves the first running, and the first wins', async () => {
      const a = scriptedProvider('a').script({ delayMs: 1_000 });
      const b = scriptedProvider('b').script(
        { error: 'server' },
        { error: 'server' },
        { error: 'server' },
      );
      const c = scriptedProvider('c').script({ delayMs: 5_000 });
      make({ hedge: { delayMs: 100 } });
      const pending = executor.generate([a, b, c], ask());
      await vi.advanceTimersByTimeAsync(100); // b hedges, fails once (a is running: no retry); c starts in its place
      expect([b.calls.length, c.calls.length]).toEqual([1, 1]);
      await vi.advanceTimersByTimeAsync(900);
      expect((await pending).provider).toBe('a');
      expect(c.calls[0]?.signal?.aborted).toBe(true);
    });

    it('bad_request from a hedge stops the run and aborts the first; a failed lane is replaced at once', async () => {
      const a = scriptedProvider('a').script({ delayMs: 1_000 });
      const b = scriptedProvider('b').script({ error: 'bad_request' });
      make({ hedge: { delayMs: 100 } });
      const { error } = await (async () => {
        const pending = outcome(executor.generate([a, b], ask()));
        await vi.advanceTimersByTimeAsync(100);
        return pending;
      })();
      // bad_request stops the run even from the hedge: every provider would reject it
      expect((error as ProviderError).kind).toBe('bad_request');
      expect(a.calls[0]?.signal?.aborted).toBe(true);

      const c = scriptedProvider('c').script({ delayMs: 500 });
      const d = scriptedProvider('d').script(
        { error: 'server' },
        { error: 'server' },
        { error: 'server' },
      );
      const e = scriptedProvider('e').script({ delayMs: 50 });
      const pending = executor.generate([c, d, e], ask());
      await vi.advanceTimersByTimeAsync(100); // d starts, fails 3 times at once, e starts as the fallback
      await vi.advanceTimersByTimeAsync(50);
      expect((await pending).provider).toBe('e');
      expect(c.calls[0]?.signal?.aborted).toBe(true);
    });

    it("with 'p95' the delay follows the provider's observed latency", async () => {
      const a = scriptedProvider('a', { defaultStep: { delayMs: 200 } });
      const b = scriptedProvider('b');
      make({ hedge: { delayMs: 'p95', minSamples: 5, initialDelayMs: 50 } });
      // before enough samples: the initial delay
      const first = executor.generate([a, b], ask());
      await vi.advanceTimersByTimeAsync(50);
      expect((await first).provider).toBe('b');
      for (let i = 0; i < 5; i++) {
        const warm = executor.generate([a], ask());
        await vi.advanceTimersByTimeAsync(200);
        await warm;
      }
      const hedged = executor.generate([a, b], ask());
      await vi.advanceTimersByTimeAsync(199);
      expect(b.calls.length).toBe(1); // p95 = 200: not yet hedged
      await vi.advanceTimersByTimeAsync(1);
      expect((await hedged).provider).toBe('a');
      expect(b.calls.length).toBe(1);
    });
  });

  describe('events', () => {
    it('fire with the right payloads for a retry (alone), a cool-down, a skip, a fallback and a success', async () => {
      const a = scriptedProvider('a').script(
        { delayMs: 30, then: { error: 'server', status: 503 } },
        { error: 'rate_limit', status: 429, retryAfterMs: 7_000 },
      );
      const c = scriptedProvider('c').script({ error: 'server', status: 500 });
      const rateLimit = { remainingRequests: 41, limitRequests: 50 };
      const b = scriptedProvider('b').script({ delayMs: 20, then: { text: 'hi', rateLimit } });
      make({ maxRetries: 2, baseDelayMs: 100, random: () => 0.5 });
      const log: unknown[] = [];
      executor.onAttempt((e) => log.push(['attempt', e]));
      executor.onSkip((e) => log.push(['skip', e]));
      executor.onRetry((e) => log.push(['retry', { ...e, error: e.error.kind }]));
      executor.onFallback((e) => log.push(['fallback', e]));
      executor.onCoolDown((e) => log.push(['coolDown', e]));
      executor.onSuccess((e) => log.push(['success', e]));
      executor.onFailure((e) => log.push(['failure', { ...e, error: e.error.kind }]));
      const start = Date.now();
      // a alone: its server error is retried after a backoff; the retry hits a rate limit.
      const first = outcome(executor.generate([a], ask()));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(AllProvidersFailedError.isInstance((await first).error)).toBe(true);
      const failure = (provider: string, attempt: number, kind: string, status: number, ms = 0) => [
        'failure',
        {
          operation: 'generate',
          provider,
          model: `${provider}-model`,
          durationMs: ms,
          attempt,
          kind,
          status,
          error: kind,
          hedgeLost: false,
        },
      ];
      const attempt = (provider: string, n: number) => [
        'attempt',
        { operation: 'generate', provider, model: `${provider}-model`, attempt: n, hedge: false },
      ];
      expect(log).toEqual([
        attempt('a', 0),
        failure('a', 0, 'server', 503, 30),
        [
          'retry',
          {
            operation: 'generate',
            provider: 'a',
            model: 'a-model',
            attempt: 1,
            delayMs: 50,
            kind: 'server',
            error: 'server',
          },
        ],
        attempt('a', 1),
        [
          'coolDown',
          {
            provider: 'a',
            until: start + 30 + 50 + 7_000,
            durationMs: 7_000,
            kind: 'rate_limit',
            retryAfterMs: 7_000,
          },
        ],
        failure('a', 1, 'rate_limit', 429),
      ]);
      // Then [a, c, b] while a cools down: a is skipped, c fails, b (can serve) answers at once.
      log.length = 0;
      const pending = executor.generate([a, c, b], ask());
      await vi.advanceTimersByTimeAsync(20);
      await pending;
      expect(log).toEqual([
        [
          'skip',
          {
            operation: 'generate',
            provider: 'a',
            model: 'a-model',
            cause: 'cool-down',
            kind: 'rate_limit',
            reason: expect.stringMatching(/^cooling down for \d+ms more after rate_limit/),
          },
        ],
        attempt('c', 0),
        failure('c', 0, 'server', 500),
        [
          'fallback',
          {
            operation: 'generate',
            from: 'c',
            fromModel: 'c-model',
            to: 'b',
            toModel: 'b-model',
            kind: 'server',
          },
        ],
        attempt('b', 0),
        [
          'success',
          {
            operation: 'generate',
            provider: 'b',
            model: 'b-model',
            durationMs: 20,
            attempt: 0,
            usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
            costUsd: 0.001,
            rateLimit,
          },
        ],
      ]);
    });

    it('a disposed listener hears nothing, and a throwing listener does not break the request', async () => {
      make();
      const heard: string[] = [];
      const subscription = executor.onSuccess(() => heard.push('x'));
      executor.onAttempt(() => {
        throw new Error('listener bug');
      });
      subscription.dispose();
      expect((await executor.generate([scriptedProvider('a')], ask())).provider).toBe('a');
      expect(heard).toEqual([]);
    });
  });
});
