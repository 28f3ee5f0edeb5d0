import { ProviderError } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadline, timeout } from './timeout.js';

describe('timeout() and deadline()', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts the call through its signal and rejects with a timeout ProviderError', async () => {
    let seen: AbortSignal | undefined;
    const policy = timeout(1_000, { provider: 'openai' });
    const fired: number[] = [];
    policy.onTimeout(({ ms }) => fired.push(ms));
    const promise = policy.execute(({ signal }) => {
      seen = signal;
      return new Promise<string>(() => undefined); // ignores its signal: the policy must not hang
    });
    const settled = expect(promise).rejects.toSatisfy(
      (e) =>
        ProviderError.isInstance(e) &&
        e.kind === 'timeout' &&
        e.provider === 'openai' &&
        e.isRetryable,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(seen?.aborted).toBe(true);
    expect(fired).toEqual([1_000]);
  });

  it('clears its timer when the call finishes in time', async () => {
    await expect(timeout(1_000).execute(async () => 'fast')).resolves.toBe('fast');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a failure through unchanged when it is not the timeout', async () => {
    const error = new ProviderError({ kind: 'server', provider: 'p', message: 'boom' });
    await expect(timeout(1_000).execute(async () => Promise.reject(error))).rejects.toBe(error);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a caller abort as aborted, not timeout, at once', async () => {
    const controller = new AbortController();
    const promise = timeout(1_000).execute(() => new Promise(() => undefined), controller.signal);
    controller.abort();
    await expect(promise).rejects.toMatchObject({ kind: 'aborted' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('deadline(): one budget, the error says deadline', async () => {
    const promise = deadline(500).execute(() => new Promise(() => undefined));
    const settled = expect(promise).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('deadline of 500ms'),
    });
    await vi.advanceTimersByTimeAsync(500);
    await settled;
  });
});
