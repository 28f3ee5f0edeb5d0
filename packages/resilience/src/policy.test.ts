import { ProviderError } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { circuitBreaker } from './circuit-breaker.js';
import { wrap } from './policy.js';
import { retry } from './retry.js';
import { deadline, timeout } from './timeout.js';

describe('wrap()', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('with no policy runs the function once', async () => {
    await expect(wrap().execute(async ({ attempt }) => attempt)).resolves.toBe(0);
  });

  it('runs retry(timeout(fn)): each try gets its own timeout and the attempt number reaches fn', async () => {
    const attempts: number[] = [];
    const signals: AbortSignal[] = [];
    const policy = wrap(
      retry({ maxRetries: 2, baseDelayMs: 100, random: () => 0 }),
      timeout(1_000),
    );
    const promise = policy.execute(({ signal, attempt }) => {
      attempts.push(attempt);
      signals.push(signal);
      if (attempt < 2) return new Promise<string>(() => undefined); // hangs: timed out, retried
      return Promise.resolve('third');
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts).toEqual([0, 1]);
    expect(signals[0]?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(promise).resolves.toBe('third');
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('deadline outermost stops retries: no call after the deadline, fails at once with timeout', async () => {
    let calls = 0;
    const policy = wrap(
      deadline(2_500),
      retry({ maxRetries: 10, baseDelayMs: 1_000, random: () => 0.999 }),
      timeout(1_000),
    );
    const promise = policy.execute(() => {
      calls++;
      return new Promise<string>(() => undefined);
    });
    const settled = expect(promise).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('deadline'),
    });
    await vi.advanceTimersByTimeAsync(2_500);
    await settled;
    const made = calls;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toBe(made);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('retry around a breaker stops retrying once the breaker opens', async () => {
    const breaker = circuitBreaker({
      name: 'p',
      volumeThreshold: 2,
      errorThresholdPercentage: 50,
      resetTimeout: 10_000,
    });
    let calls = 0;
    const promise = wrap(
      retry({
        maxRetries: 5,
        baseDelayMs: 1,
        random: () => 0,
        handles: { handles: (e) => ProviderError.isInstance(e) },
      }),
      breaker,
    ).execute(async () => {
      calls++;
      throw new ProviderError({ kind: 'server', provider: 'p', message: 'down' });
    });
    const settled = expect(promise).rejects.toSatisfy(
      (e) => (e as Error).name === 'ModelmuxCircuitOpenError',
    );
    await vi.runAllTimersAsync();
    await settled;
    expect(calls).toBe(2);
    breaker.dispose();
  });
});
