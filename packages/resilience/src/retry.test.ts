import { ProviderError } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleKinds } from './error-filter.js';
import { retry } from './retry.js';

const failure = (
  kind: ProviderError['kind'],
  extra: Partial<{ retryAfterMs: number; isRetryable: boolean }> = {},
) => new ProviderError({ kind, provider: 'p', message: kind, ...extra });

describe('retry()', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries a retryable error with backoff and returns the later success', async () => {
    const policy = retry({ maxRetries: 2, baseDelayMs: 100, random: () => 0.5 });
    const attempts: number[] = [];
    const promise = policy.execute(async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt < 2) throw failure('server');
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(attempts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1); // first retry after 0.5 * 100
    expect(attempts).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(100); // second after 0.5 * 200
    await expect(promise).resolves.toBe('ok');
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('gives up after maxRetries and rethrows the last error', async () => {
    const policy = retry({ maxRetries: 2, baseDelayMs: 10, random: () => 0 });
    const giveUps: string[] = [];
    policy.onGiveUp(({ reason, attempts }) => giveUps.push(`${reason}:${attempts}`));
    let calls = 0;
    const promise = policy.execute(async () => {
      calls++;
      throw failure('overloaded');
    });
    const settled = expect(promise).rejects.toMatchObject({ kind: 'overloaded' });
    await vi.runAllTimersAsync();
    await settled;
    expect(calls).toBe(3);
    expect(giveUps).toEqual(['max-retries:3']);
  });

  it('does not retry errors it does not handle (bad_request, auth, not retryable)', async () => {
    for (const error of [
      failure('bad_request'),
      failure('auth'),
      failure('server', { isRetryable: false }),
      new Error('plain'),
    ]) {
      let calls = 0;
      await expect(
        retry().execute(async () => {
          calls++;
          throw error;
        }),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('never retries an abort, even when the filter handles everything', async () => {
    let calls = 0;
    const abortError = Object.assign(new Error('aborted'), { name: 'AbortError' });
    await expect(
      retry({ handles: { handles: () => true } }).execute(async () => {
        calls++;
        throw abortError;
      }),
    ).rejects.toBe(abortError);
    await expect(
      retry({ handles: { handles: () => true } }).execute(async () => {
        calls++;
        throw failure('aborted');
      }),
    ).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toBe(2);
  });

  it('uses the error filter given in `handles`', async () => {
    let calls = 0;
    const promise = retry({
      handles: handleKinds('quality'),
      baseDelayMs: 1,
      random: () => 0,
    }).execute(async () => {
      calls++;
      if (calls === 1) throw failure('quality');
      return 'second';
    });
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toBe('second');
  });

  it('waits at least retryAfterMs: no call just before it, a call just after', async () => {
    const times: number[] = [];
    const start = Date.now();
    const promise = retry({ baseDelayMs: 10, random: () => 0.99 }).execute(async () => {
      times.push(Date.now() - start);
      if (times.length === 1) throw failure('rate_limit', { retryAfterMs: 2_000 });
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toBe('ok');
    expect(times).toEqual([0, 2_000]);
  });

  it('gives up at once when retryAfterMs is above maxRetryAfterMs (no sleep)', async () => {
    const reasons: string[] = [];
    const policy = retry({ maxRetryAfterMs: 5_000 });
    policy.onGiveUp(({ reason }) => reasons.push(reason));
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls++;
        throw failure('rate_limit', { retryAfterMs: 60_000 });
      }),
    ).rejects.toMatchObject({ kind: 'rate_limit', retryAfterMs: 60_000 });
    expect(calls).toBe(1);
    expect(reasons).toEqual(['retry-after-too-long']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('emits onRetry with the attempt number and delay, and stops emitting once disposed', async () => {
    const policy = retry({ maxRetries: 3, baseDelayMs: 100, random: () => 0.5 });
    const seen: string[] = [];
    const subscription = policy.onRetry(({ attempt, delayMs, error }) =>
      seen.push(`${attempt}:${delayMs}:${(error as ProviderError).kind}`),
    );
    let calls = 0;
    const promise = policy.execute(async () => {
      calls++;
      if (calls === 2) subscription.dispose();
      if (calls < 4) throw failure('network');
      return calls;
    });
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toBe(4);
    expect(seen).toEqual(['1:50:network']);
  });

  it('cancels the wait when the signal aborts: rejects at once as aborted, no timer left, no further call', async () => {
    const controller = new AbortController();
    let calls = 0;
    const promise = retry({ baseDelayMs: 10_000, random: () => 0.9 }).execute(async () => {
      calls++;
      throw failure('server');
    }, controller.signal);
    const settled = expect(promise).rejects.toMatchObject({ kind: 'aborted', provider: 'p' });
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await settled;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });

  it('does not call at all when the signal is already aborted', async () => {
    const fn = vi.fn(async () => 'x');
    await expect(retry().execute(fn, AbortSignal.abort())).rejects.toMatchObject({
      kind: 'aborted',
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('passes the signal it was given to the function', async () => {
    const controller = new AbortController();
    await retry().execute(
      async ({ signal }) => expect(signal).toBe(controller.signal),
      controller.signal,
    );
  });
});
