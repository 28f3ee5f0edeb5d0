// @modelmux/metrics end to end: the real @modelmux/openai, anthropic and groq adapters (official
// SDKs) against the fake vendor servers, through the real resilience executor. Latencies are
// injected at the fake (`delayMs`), so the measured percentiles can be checked against them.
import { createAnthropic } from '@modelmux/anthropic';
import type { ChatRequest, Provider } from '@modelmux/core';
import { createGroq } from '@modelmux/groq';
import { createMetrics } from '@modelmux/metrics';
import { createOpenAI } from '@modelmux/openai';
import { createFallbackExecutor } from '@modelmux/resilience';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const question: ChatRequest = {
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
};

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]?.().catch(() => undefined);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('metrics end to end (real adapters, fake vendors, real executor)', () => {
  let fake: FakeProviders;
  let openai: Provider;
  let anthropic: Provider;
  let groq: Provider;

  beforeAll(async () => {
    fake = await startFakeProviders();
    openai = createOpenAI({
      apiKey: 'sk-e2e-metrics-openai-0123456789',
      baseURL: fake.baseURL.openai,
      model: 'gpt-4o-mini',
    });
    anthropic = createAnthropic({
      apiKey: 'sk-ant-e2e-metrics-0123456789',
      baseURL: fake.baseURL.anthropic,
      model: 'claude-haiku-4-5',
      env: {},
    });
    groq = createGroq({ apiKey: 'gsk_e2e_metrics_0123456789', baseURL: fake.baseURL.groq });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('latency percentiles match the injected latencies (1 % sketch error plus loopback overhead)', async () => {
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
    const metrics = createMetrics({ executor, providers: [openai], defaultAlerts: false });
    // 100 calls taking 5, 10 … 500 ms at the fake (each call takes the next step as it arrives:
    // with 10 in flight the set of latencies, and so its percentiles, is the same).
    const delays = Array.from({ length: 100 }, (_, i) => (i + 1) * 5);
    fake.script(
      'openai',
      delays.map((delayMs) => ({ delayMs })),
    );
    await pool(
      delays.map(() => () => executor.generate([openai], question)),
      10,
    );
    const m = metrics.getProviderMetrics().byProvider.openai;
    expect(m?.totalRequests).toBe(100);
    expect(m?.successRate).toBe(1);
    // Injected p50 = 250, p95 = 475, p99 = 495 ms; measured adds the HTTP round trip.
    const overheadMs = 60;
    for (const [value, injected] of [
      [m?.p50LatencyMs, 250],
      [m?.p95LatencyMs, 475],
      [m?.p99LatencyMs, 495],
    ] as const) {
      expect(value).toBeGreaterThanOrEqual(injected * 0.99);
      expect(value).toBeLessThanOrEqual(injected * 1.01 + overheadMs);
    }
    expect(m?.tokens.input).toBeGreaterThan(0);
    expect(m?.totalCostUsd).toBeGreaterThan(0);
    await metrics.close();
    executor.dispose();
  }, 60_000);

  it('error counts by kind, as the adapters classified the vendors’ real error bodies', async () => {
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
    const metrics = createMetrics({ executor, defaultAlerts: false });
    fake.script('openai', [{ status: 500 }, { status: 400 }, 'context-length', 'ok']);
    fake.script('anthropic', [{ status: 529 }, { error: 'rate_limit' }]);
    for (let i = 0; i < 4; i++) await executor.generate([openai], question).catch(() => undefined);
    for (let i = 0; i < 2; i++)
      await executor.generate([anthropic], question).catch(() => undefined);
    const m = metrics.getProviderMetrics();
    expect(m.byProvider.openai?.errorsByKind).toEqual({
      server: 1,
      bad_request: 1,
      context_length: 1,
    });
    expect(m.byProvider.anthropic?.errorsByKind).toEqual({ overloaded: 1, rate_limit: 1 });
    const text = (await metrics.registry?.metrics()) ?? '';
    expect(text).toContain('modelmux_errors_total{provider="openai",kind="context_length"} 1');
    expect(text).toContain('modelmux_errors_total{provider="anthropic",kind="overloaded"} 1');
    expect(text).toContain(
      'modelmux_requests_total{provider="openai",model="gpt-4o-mini",outcome="success"} 1',
    );
    expect(text).not.toContain('sk-e2e-metrics');
    await metrics.close();
    executor.dispose();
  });

  it('time to first token of a real SSE stream', async () => {
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor, defaultAlerts: false });
    fake.script('anthropic', [{ delayMs: 200 }]);
    for await (const event of metrics.instrumentStream(executor.stream([anthropic], question)))
      void event;
    const ttft = metrics.getProviderMetrics().byProvider.anthropic?.ttftP50Ms;
    expect(ttft).toBeGreaterThanOrEqual(198);
    expect(ttft).toBeLessThan(1_000);
    await metrics.close();
    executor.dispose();
  });

  it('healthCheck(): one provider down, one hung and bounded by the timeout, one healthy', async () => {
    const metrics = createMetrics({
      providers: [openai, anthropic, groq],
      healthCheckTimeoutMs: 1_000,
      defaultAlerts: false,
    });
    fake.script('anthropic', [{ status: 500 }]);
    fake.script('openai', ['hang']);
    const started = performance.now();
    const health = await metrics.healthCheck();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(1_500);
    expect(health.groq).toMatchObject({ status: 'healthy' });
    expect(health.anthropic).toMatchObject({ status: 'unhealthy', model: 'claude-haiku-4-5' });
    expect(health.anthropic?.error).toBeTruthy();
    expect(health.openai).toMatchObject({ status: 'unhealthy', error: 'timed out after 1000ms' });
    expect(JSON.stringify(health)).not.toContain('sk-');
    await metrics.close();
  });
});
