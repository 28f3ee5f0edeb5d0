import { AllProvidersFailedError, ConfigError } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ask, scriptedProvider } from '@modelmux/testing';
import { createMetrics } from './index.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 12) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Generates and swallows the failure (a test drives outcomes, not exceptions). */
async function run<T>(promise: Promise<T>): Promise<T | unknown> {
  let done = false;
  const settled = promise.then(
    (value) => ((done = true), value),
    (error: unknown) => ((done = true), error),
  );
  while (!done) await vi.advanceTimersByTimeAsync(5);
  return settled;
}

describe('createMetrics over the executor events', () => {
  test('latency percentiles from known injected latencies (within the 1 % sketch error)', async () => {
    const openai = scriptedProvider('openai', { type: 'openai' });
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor, providers: [openai], prometheus: false });
    // 200 calls taking 5, 10, … 1 000 ms (fake time: the executor measures exactly this).
    for (let i = 1; i <= 200; i++) openai.script({ delayMs: i * 5 });
    for (let i = 1; i <= 200; i++) await run(executor.generate([openai], ask()));
    const m = metrics.getProviderMetrics();
    const within = (value: number | undefined, expected: number) =>
      expect(Math.abs((value ?? NaN) - expected) / expected).toBeLessThanOrEqual(0.01);
    within(m.byProvider.openai?.p50LatencyMs, 500);
    within(m.byProvider.openai?.p95LatencyMs, 950);
    within(m.byProvider.openai?.p99LatencyMs, 990);
    within(m.p95LatencyMs, 950);
    within(m.sinceStart.p99LatencyMs, 990);
    expect(m.avgLatencyMs).toBeCloseTo(502.5, 5);
    expect(m.totalRequests).toBe(200);
    expect(m.successRate).toBe(1);
    expect(m.tokens).toEqual({ input: 2_000, output: 1_000, cached: 0 });
    expect(m.totalCostUsd).toBeCloseTo(0.2, 10);
    await metrics.close();
  });

  test('errors by kind, fallbacks, success and error rates, summary', async () => {
    const openai = scriptedProvider('openai');
    const anthropic = scriptedProvider('anthropic');
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 1, baseDelayMs: 10 });
    const metrics = createMetrics({ executor, prometheus: false });
    openai.script({ error: 'quota_exceeded', status: 429 });
    await run(executor.generate([openai, anthropic], ask())); // openai quota → anthropic ok
    executor.reset();
    openai.script({ error: 'server', status: 500 }, { error: 'server', status: 500 });
    anthropic.script({ error: 'timeout' }, { error: 'timeout' });
    const failed = await run(executor.generate([openai, anthropic], ask()));
    expect(AllProvidersFailedError.isInstance(failed)).toBe(true);
    // The executor's own record of the second request: what metrics must have counted.
    const attempts = (failed as AllProvidersFailedError).attempts;
    const kinds = (provider: string) => {
      const counts: Record<string, number> = {};
      for (const a of attempts)
        if (a.provider === provider) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
      return counts;
    };
    expect(kinds('openai').server).toBeGreaterThanOrEqual(1);
    expect(kinds('anthropic').timeout).toBeGreaterThanOrEqual(1);
    const m = metrics.getProviderMetrics();
    expect(m.byProvider.openai?.errorsByKind).toEqual({ quota_exceeded: 1, ...kinds('openai') });
    expect(m.byProvider.anthropic?.errorsByKind).toEqual(kinds('anthropic'));
    expect(m.byProvider.openai?.fallbacks).toBe(2);
    expect(m.byProvider.anthropic?.fallbacks).toBe(0);
    const calls = 2 + attempts.length; // first request: openai + anthropic
    expect(m.totalRequests).toBe(calls);
    expect(m.errorRate).toBeCloseTo((calls - 1) / calls, 10);
    const anthropicCalls = 1 + (kinds('anthropic').timeout ?? 0);
    expect(m.byProvider.anthropic?.successRate).toBeCloseTo(1 / anthropicCalls, 10);
    expect(m.byProvider.openai?.inFlight).toBe(0);
    expect(metrics.getProviderSummary('anthropic')).toMatchObject({
      successRate: 1 / anthropicCalls,
      totalRequests: anthropicCalls,
      totalCostUsd: 0.001,
    });
    expect(metrics.getProviderSummary('groq')).toBeUndefined();
    await metrics.close();
  });

  test('RoutingStats: latency, p95, health failures, in flight, quality; per model too', async () => {
    const openai = scriptedProvider('openai');
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
    const metrics = createMetrics({ executor, prometheus: false });
    expect(metrics.get('openai')).toBeUndefined();
    openai.script(
      { delayMs: 100 },
      { delayMs: 300 },
      { error: 'network' },
      { error: 'bad_request' },
    );
    for (let i = 0; i < 4; i++) await run(executor.generate([openai], ask('x', { model: 'm1' })));
    openai.script('hang');
    const hung = executor.generate([openai], ask());
    hung.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    metrics.recordQuality('openai', 0.8);
    metrics.recordQuality('openai', 0.4);
    const stats = metrics.get('openai');
    expect(stats).toMatchObject({ successes: 2, failures: 1, inFlight: 1, latencyMs: 200 });
    expect(stats?.quality).toBeCloseTo(0.6, 10);
    expect(stats?.p95LatencyMs).toBeGreaterThanOrEqual(297);
    expect(metrics.get('openai', 'm1')).toMatchObject({ successes: 2, inFlight: 0 });
    expect(metrics.get('openai', 'unknown-model')).toBeUndefined();
    // The window forgets: six minutes later nothing is left but the call in flight.
    await vi.advanceTimersByTimeAsync(360_000);
    expect(metrics.get('openai')).toMatchObject({
      successes: 0,
      failures: 0,
      latencyMs: undefined,
      inFlight: 1,
    });
    await metrics.close();
  });

  test('hedge losers are not errors; a consumer that stops a stream is not an error rate', async () => {
    const openai = scriptedProvider('openai');
    const anthropic = scriptedProvider('anthropic');
    const executor = createFallbackExecutor({ breaker: false, hedge: { delayMs: 50 } });
    const metrics = createMetrics({ executor, prometheus: false });
    openai.script({ delayMs: 500 });
    anthropic.script({ delayMs: 10 });
    await run(executor.generate([openai, anthropic], ask()));
    let m = metrics.getProviderMetrics();
    expect(m.byProvider.openai).toMatchObject({ totalRequests: 1, inFlight: 0, errorsByKind: {} });
    expect(m.byProvider.anthropic).toMatchObject({ totalRequests: 1, successRate: 1 });
    openai.script({ stream: ['a', 'b', 'c'] });
    for await (const event of executor.stream([openai], ask())) {
      if (event.type === 'text-delta') break;
    }
    m = metrics.getProviderMetrics();
    expect(m.byProvider.openai?.errorsByKind).toEqual({ aborted: 1 });
    expect(m.byProvider.openai?.errorRate).toBe(0);
    expect(m.byProvider.openai?.inFlight).toBe(0);
    await metrics.close();
  });

  test('instrumentStream measures the time to first token; events pass unchanged', async () => {
    const openai = scriptedProvider('openai');
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor, prometheus: false });
    openai.script({ delayMs: 120, then: { stream: ['a', 'b'], eventDelayMs: 1_000 } });
    const events: string[] = [];
    await run(
      (async () => {
        for await (const e of metrics.instrumentStream(executor.stream([openai], ask())))
          events.push(e.type);
      })(),
    );
    expect(events).toEqual(['text-delta', 'text-delta', 'finish']);
    const m = metrics.getProviderMetrics().byProvider.openai;
    expect(m?.ttftP50Ms).toBeGreaterThanOrEqual(1_120 * 0.99);
    expect(m?.ttftP50Ms).toBeLessThanOrEqual(1_120 * 1.01);
    expect(m?.avgLatencyMs).toBe(2_120); // the whole stream
    await metrics.close();
  });

  test('attach returns a disposer; close unsubscribes', async () => {
    const openai = scriptedProvider('openai');
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ prometheus: false });
    const detach = metrics.attach(executor);
    await run(executor.generate([openai], ask()));
    detach();
    await run(executor.generate([openai], ask()));
    expect(metrics.getProviderMetrics().totalRequests).toBe(1);
    metrics.attach(executor);
    await metrics.close();
    await run(executor.generate([openai], ask()));
    expect(metrics.getProviderMetrics().totalRequests).toBe(1);
  });

  test('a bad alert condition is a ConfigError naming the rule', () => {
    let error: unknown;
    try {
      createMetrics({
        prometheus: false,
        alerts: [{ name: 'slow_p95', condition: 'p95_latncy_ms > 2000', for: '2m' }],
      });
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const issue = (error as ConfigError).issues[0];
    expect(issue?.path).toBe('alerts.0.condition');
    expect(issue?.message).toContain('alert rule "slow_p95"');
    expect((error as Error).message).toContain('slow_p95');
  });

  test('model labels are bounded per provider', async () => {
    const openai = scriptedProvider('openai');
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor, maxModelsPerProvider: 2 });
    for (const model of ['a', 'b', 'c', 'd'])
      await run(executor.generate([openai], ask('x', { model })));
    const text = (await metrics.registry?.metrics()) ?? '';
    expect(text).toContain(
      'modelmux_requests_total{provider="openai",model="a",outcome="success"} 1',
    );
    expect(text).toContain(
      'modelmux_requests_total{provider="openai",model="other",outcome="success"} 2',
    );
    expect(metrics.get('openai', 'other')?.successes).toBe(2);
    await metrics.close();
  });
});
