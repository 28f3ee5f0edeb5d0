import { registerSecret } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ask, scriptedProvider } from '@modelmux/testing';
import { run } from './__fixtures__/run-on-fake-timers.js';
import { createMetrics } from './index.js';

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 12) }));
afterEach(() => vi.useRealTimers());

const key = 'sk-health-test-abcdef0123456789';

describe('healthCheck()', () => {
  test('every provider in parallel: one down, one hung (bounded by the timeout), one without a key', async () => {
    registerSecret(key);
    const openai = scriptedProvider('openai', { defaultStep: { delayMs: 40 } });
    const claude = scriptedProvider('claude', {
      defaultStep: { error: 'auth', status: 401, message: `bad key ${key}` },
    });
    const groq = scriptedProvider('groq', { defaultStep: 'deaf' }); // ignores its abort signal
    const gemini = scriptedProvider('gemini', { available: false });
    const metrics = createMetrics({
      providers: [openai, claude, groq, gemini],
      healthCheckTimeoutMs: 5_000,
      prometheus: false,
    });
    const started = Date.now();
    let result: Awaited<ReturnType<typeof metrics.healthCheck>> | undefined;
    const check = metrics.healthCheck().then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(result).toBeUndefined(); // the hung one holds it…
    await vi.advanceTimersByTimeAsync(1);
    await check; // …until its timeout, not longer
    expect(Date.now() - started).toBe(5_000);
    expect(result?.openai).toEqual({ status: 'healthy', model: 'openai-model', latencyMs: 40 });
    expect(result?.claude).toMatchObject({ status: 'unhealthy', model: 'claude-model' });
    expect(result?.claude?.error).toContain('bad key [REDACTED]');
    expect(JSON.stringify(result)).not.toContain(key);
    expect(result?.groq).toMatchObject({
      status: 'unhealthy',
      latencyMs: 5_000,
      error: 'timed out after 5000ms',
    });
    expect(result?.gemini).toMatchObject({
      status: 'unhealthy',
      error: 'not configured (no API key)',
    });
    expect(gemini.calls).toHaveLength(0);
    expect(groq.calls[0]?.signal?.aborted).toBe(true);
    // A failed check makes the passive state down.
    expect(metrics.getHealth()).toMatchObject({ openai: 'healthy', claude: 'down', groq: 'down' });
    await metrics.close();
  });

  test('active checks: opt-in, on an interval, never overlapping, stopped by close()', async () => {
    const slow = scriptedProvider('slow', { defaultStep: { delayMs: 90_000 } });
    const off = createMetrics({ providers: [slow], prometheus: false });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(slow.calls).toHaveLength(0); // off unless asked
    await off.close();

    const metrics = createMetrics({
      providers: [slow],
      healthCheckIntervalMs: 60_000,
      healthCheckTimeoutMs: 120_000,
      prometheus: false,
    });
    // Runs at 60 s (ends 150 s), 210 s (ends 300 s), 360 s: each waits for the last to end.
    await vi.advanceTimersByTimeAsync(400_000);
    expect(slow.calls.map((c) => c.at - Date.UTC(2026, 10, 25, 12) - 600_000)).toEqual([
      60_000, 210_000, 360_000,
    ]);
    let closed = false;
    const closing = metrics.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false); // waits for the running check
    await vi.advanceTimersByTimeAsync(50_000);
    await closing;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(slow.calls).toHaveLength(3);
  });
});

describe('passive health and getProviderStatus()', () => {
  test('breaker, cool-down, missing key, budget, unavailable; primary, fallbacks, current', async () => {
    const gemini = scriptedProvider('gemini');
    const claude = scriptedProvider('claude');
    const openai = scriptedProvider('openai', { available: false });
    const groq = scriptedProvider('groq');
    const executor = createFallbackExecutor({
      maxRetries: 0,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
    });
    const metrics = createMetrics({
      executor,
      providers: [gemini, claude, openai, groq],
      fallbacks: ['claude', 'openai'],
      prometheus: false,
      budgetCheck: (name) =>
        name === 'openai'
          ? {
              reason: 'daily budget of $5 spent',
              scope: 'daily',
              limitUsd: 5,
              spentUsd: 5,
              resetsAt: Date.UTC(2026, 10, 26),
            }
          : undefined,
    });
    let status = metrics.getProviderStatus();
    expect(status.primary).toEqual({ name: 'gemini', available: true });
    expect(status.current).toBe('gemini');

    gemini.script({ error: 'quota_exceeded', status: 429, retryAfterMs: 120_000 });
    await run(executor.generate([gemini, claude], ask()));
    for (let i = 0; i < 3; i++) {
      groq.script({ error: 'server', status: 500 });
      await run(executor.generate([groq], ask()));
    }
    claude.script({ error: 'auth', status: 401 });
    await run(executor.generate([claude], ask()));

    status = metrics.getProviderStatus();
    expect(status.primary).toEqual({ name: 'gemini', available: false });
    expect(status.fallbacks).toEqual([
      { name: 'claude', available: false },
      { name: 'openai', available: false },
    ]);
    expect(status.current).toBe('claude'); // answered last, after the switch
    const now = Date.now();
    expect(status.providers.gemini?.reasons).toEqual([
      {
        code: 'cooling_down',
        message: `cooling down after quota_exceeded until ${new Date(now + 120_000).toISOString()}`,
        until: new Date(now + 120_000).toISOString(),
      },
    ]);
    expect(status.providers.gemini?.health).toBe('degraded');
    expect(status.providers.groq?.reasons[0]).toMatchObject({
      code: 'breaker_open',
      until: new Date(now + 60_000).toISOString(),
    });
    expect(status.providers.groq?.health).toBe('down');
    expect(status.providers.claude?.reasons.map((r) => r.code)).toEqual(['unavailable']);
    expect(status.providers.openai?.reasons).toEqual([
      { code: 'no_key', message: 'not configured (no API key or endpoint)' },
      {
        code: 'budget',
        message: 'budget spent: daily budget of $5 spent',
        until: new Date(Date.UTC(2026, 10, 26)).toISOString(),
      },
    ]);
    expect(metrics.getHealth().openai).toBe('healthy'); // no data: nothing says otherwise
    // Two minutes later: the cool-down is over.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(metrics.getProviderStatus().providers.gemini?.available).toBe(true);
    await metrics.close();
  });
});
