import { CircuitOpenError, type ErrorKind, ProviderError } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CircuitBreakerPolicy, circuitBreaker } from './circuit-breaker.js';

const error = (kind: ErrorKind) => new ProviderError({ kind, provider: 'p', message: kind });

describe('circuitBreaker()', () => {
  let breaker: CircuitBreakerPolicy;
  let events: string[];
  let calls: number;

  const fail = (kind: ErrorKind) =>
    breaker.execute(async () => {
      calls++;
      throw error(kind);
    });
  const succeed = () =>
    breaker.execute(async () => {
      calls++;
      return 'ok';
    });

  beforeEach(() => {
    vi.useFakeTimers(); // before the breaker exists, so its reset timer is a fake one
    breaker = circuitBreaker({
      name: 'openai',
      volumeThreshold: 4,
      errorThresholdPercentage: 50,
      rollingCountTimeout: 10_000,
      rollingCountBuckets: 10,
      resetTimeout: 5_000,
    });
    events = [];
    calls = 0;
    breaker.onBreak(({ name, resetTimeoutMs, kind }) =>
      events.push(`break:${name}:${resetTimeoutMs}:${kind}`),
    );
    breaker.onHalfOpen(({ name }) => events.push(`halfOpen:${name}`));
    breaker.onReset(({ name }) => events.push(`reset:${name}`));
  });
  afterEach(() => {
    breaker.dispose();
    vi.useRealTimers();
  });

  it('stays closed below the minimum volume, then opens over the error percentage', async () => {
    for (let i = 0; i < 3; i++)
      await expect(fail('server')).rejects.toMatchObject({ kind: 'server' });
    expect(breaker.state).toBe('closed');
    await expect(fail('timeout')).rejects.toMatchObject({ kind: 'timeout' });
    expect(breaker.state).toBe('open');
    expect(events).toEqual(['break:openai:5000:timeout']);
  });

  it('does not open when the failures are at or under the percentage', async () => {
    await succeed();
    await succeed();
    await expect(fail('server')).rejects.toThrow();
    await expect(fail('server')).rejects.toThrow(); // 2 of 4 = 50%, not over
    expect(breaker.state).toBe('closed');
  });

  it('while open rejects at once with CircuitOpenError without calling, and says when it will probe', async () => {
    for (let i = 0; i < 4; i++) await fail('network').catch(() => undefined);
    calls = 0;
    await vi.advanceTimersByTimeAsync(1_000);
    const rejected = await succeed().catch((e: unknown) => e);
    expect(CircuitOpenError.isInstance(rejected)).toBe(true);
    expect((rejected as CircuitOpenError).provider).toBe('openai');
    expect((rejected as CircuitOpenError).retryAfterMs).toBe(4_000);
    expect(calls).toBe(0);
    expect(breaker.retryAfterMs()).toBe(4_000);
  });

  it('half-opens after resetTimeout, lets exactly one probe through, and closes on its success', async () => {
    for (let i = 0; i < 4; i++) await fail('overloaded').catch(() => undefined);
    calls = 0;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(breaker.state).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allowsCall()).toBe(true);

    let release: (value: string) => void = () => undefined;
    const probe = breaker.execute(() => {
      calls++;
      return new Promise<string>((resolve) => (release = resolve));
    });
    expect(breaker.allowsCall()).toBe(false); // the probe holds the only slot
    await expect(succeed()).rejects.toSatisfy((e) => CircuitOpenError.isInstance(e));
    expect(calls).toBe(1);
    release('probe ok');
    await expect(probe).resolves.toBe('probe ok');
    expect(breaker.state).toBe('closed');
    expect(events).toEqual(['break:openai:5000:overloaded', 'halfOpen:openai', 'reset:openai']);
  });

  it('re-opens when the probe fails, and waits another resetTimeout', async () => {
    for (let i = 0; i < 4; i++) await fail('server').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(fail('server')).rejects.toMatchObject({ kind: 'server' });
    expect(breaker.state).toBe('open');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(breaker.state).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(breaker.state).toBe('half-open');
  });

  it('a probe that is aborted re-opens (it proved nothing); one that got a bad_request answer closes', async () => {
    for (let i = 0; i < 4; i++) await fail('server').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(fail('aborted')).rejects.toMatchObject({ kind: 'aborted' });
    expect(breaker.state).toBe('open');
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(fail('bad_request')).rejects.toMatchObject({ kind: 'bad_request' });
    expect(breaker.state).toBe('closed');
  });

  it('closes with a fresh window: one failure after closing does not re-open it', async () => {
    for (let i = 0; i < 4; i++) await fail('server').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    await succeed();
    expect(breaker.state).toBe('closed');
    await expect(fail('server')).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it.each<ErrorKind>([
    'bad_request',
    'content_filter',
    'context_length',
    'quality',
    'aborted',
    'auth',
    'permission',
    'not_found',
  ])('does not count %s failures', async (kind) => {
    for (let i = 0; i < 10; i++) await expect(fail(kind)).rejects.toMatchObject({ kind });
    expect(breaker.state).toBe('closed');
    expect(events).toEqual([]);
  });

  it.each<ErrorKind>(['server', 'overloaded', 'timeout', 'network', 'rate_limit'])(
    'counts %s failures',
    async (kind) => {
      for (let i = 0; i < 4; i++) await fail(kind).catch(() => undefined);
      expect(breaker.state).toBe('open');
    },
  );

  it('forgets failures that left the rolling window', async () => {
    await fail('server').catch(() => undefined);
    await fail('server').catch(() => undefined);
    await fail('server').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10_000); // the whole window rotates out
    await succeed();
    await succeed();
    await succeed();
    await fail('server').catch(() => undefined); // 1 of 4 in the window
    expect(breaker.state).toBe('closed');
  });

  it('holds no timer while closed, and none after dispose', async () => {
    expect(vi.getTimerCount()).toBe(0);
    for (let i = 0; i < 4; i++) await fail('server').catch(() => undefined);
    expect(vi.getTimerCount()).toBe(1); // opossum's reset timer
    breaker.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts only what `handles` says when given', async () => {
    const custom = circuitBreaker({
      name: 'x',
      volumeThreshold: 1,
      errorThresholdPercentage: 40,
      handles: { handles: (e) => ProviderError.isInstance(e) && e.kind === 'quality' },
    });
    await custom.execute(async () => Promise.reject(error('server'))).catch(() => undefined);
    expect(custom.state).toBe('closed');
    await custom.execute(async () => Promise.reject(error('quality'))).catch(() => undefined);
    expect(custom.state).toBe('open');
    custom.dispose();
  });
});
