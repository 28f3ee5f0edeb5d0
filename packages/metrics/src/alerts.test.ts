import { createFallbackExecutor } from '@modelmux/resilience';
import { parseConfig } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ask, scriptedProvider, type ScriptedStep as Step } from '@modelmux/testing';
import { run } from './__fixtures__/run-on-fake-timers.js';
import { type Alert, createMetrics } from './index.js';

// 23:50 UTC: the cost rule resolves when the day turns.
beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 23, 50) }));
afterEach(() => vi.useRealTimers());

function setup(options: Parameters<typeof createMetrics>[0] = {}) {
  const openai = scriptedProvider('openai');
  const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
  const metrics = createMetrics({ executor, providers: [openai], ...options });
  const alerts: Alert[] = [];
  metrics.onAlert((alert) => alerts.push(alert));
  /** Sends `steps` (one request each), then lets `ms` pass. */
  const traffic = async (steps: Step[], ms: number) => {
    for (const step of steps) {
      openai.script(step);
      await run(executor.generate([openai], ask()));
    }
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { openai, executor, metrics, alerts, traffic };
}

const ok: Step = 'ok';
const bad: Step = { error: 'bad_request', status: 400 };

describe('alert rules: the four defaults fire once and resolve once', () => {
  test('high_error_rate: error_rate > 0.05 for 5m (warning)', async () => {
    const start = Date.now();
    const { metrics, alerts, traffic } = setup();
    // 10 % errors, every 15 s, for 4 minutes: still pending.
    for (let t = 0; t < 16; t++) await traffic([ok, ok, ok, ok, ok, ok, ok, ok, ok, bad], 15_000);
    expect(alerts).toEqual([]);
    for (let t = 0; t < 8; t++) await traffic([ok, ok, ok, ok, ok, ok, ok, ok, ok, bad], 15_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      name: 'high_error_rate',
      severity: 'warning',
      state: 'firing',
      provider: 'openai',
    });
    expect(alerts[0]?.value).toBeCloseTo(0.1, 5);
    // Held since the first evaluation (15 s in), fired at the first evaluation 5 minutes later.
    expect(alerts[0]?.since).toBe(start + 15_000);
    expect(Date.now() - start).toBe(24 * 15_000);
    expect(metrics.getActiveAlerts()).toHaveLength(1);
    const text = (await metrics.registry?.metrics()) ?? '';
    expect(text).toContain('modelmux_alerts_firing{rule="high_error_rate",severity="warning"} 1');
    // Healthy traffic: the errors leave the 5-minute window, the alert resolves, once.
    for (let t = 0; t < 30; t++) await traffic([ok, ok, ok, ok], 15_000);
    expect(alerts.map((a) => `${a.name}:${a.state}`)).toEqual([
      'high_error_rate:firing',
      'high_error_rate:resolved',
    ]);
    expect(alerts[1]?.provider).toBe('openai');
    expect(metrics.getActiveAlerts()).toEqual([]);
    expect((await metrics.registry?.metrics()) ?? '').toContain(
      'modelmux_alerts_firing{rule="high_error_rate",severity="warning"} 0',
    );
    await metrics.close();
  });

  test('provider_down: success_rate == 0 for 2m (critical)', async () => {
    const { metrics, alerts, traffic } = setup();
    for (let t = 0; t < 7; t++) await traffic([bad, bad], 15_000);
    expect(alerts).toEqual([]); // 1m45s
    for (let t = 0; t < 2; t++) await traffic([bad, bad], 15_000);
    expect(alerts.map((a) => `${a.name}:${a.state}`)).toEqual(['provider_down:firing']);
    expect(alerts[0]).toMatchObject({ severity: 'critical', provider: 'openai', value: 0 });
    await traffic([ok], 15_000);
    expect(alerts.map((a) => `${a.name}:${a.state}`)).toEqual([
      'provider_down:firing',
      'provider_down:resolved',
    ]);
    await metrics.close();
  });

  test('high_latency: avg_response_time > 10s for 5m (warning)', async () => {
    const { metrics, alerts, traffic } = setup();
    const slow: Step = { delayMs: 12_000 };
    for (let t = 0; t < 18; t++) await traffic([slow], 3_000); // 15 s a round, 4.5 minutes
    expect(alerts).toEqual([]);
    for (let t = 0; t < 4; t++) await traffic([slow], 3_000);
    expect(alerts.map((a) => `${a.name}:${a.state}`)).toEqual(['high_latency:firing']);
    expect(alerts[0]?.value).toBe(12_000);
    // Fast answers: the slow ones leave the window.
    for (let t = 0; t < 25; t++) await traffic([ok], 15_000);
    expect(alerts.map((a) => `${a.name}:${a.state}`)).toEqual([
      'high_latency:firing',
      'high_latency:resolved',
    ]);
    await metrics.close();
  });

  test('cost_limit_exceeded: daily_cost > daily_limit * 0.8 for 1m (critical, total)', async () => {
    const { metrics, alerts, traffic } = setup({ dailyLimitUsd: 0.01 });
    await traffic([ok, ok, ok, ok, ok, ok, ok], 30_000); // $0.007: under $0.008
    expect(alerts).toEqual([]);
    await traffic([ok, ok], 45_000); // $0.009, held 45 s
    expect(alerts).toEqual([]);
    await traffic([], 30_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      name: 'cost_limit_exceeded',
      severity: 'critical',
      state: 'firing',
    });
    expect(alerts[0]?.provider).toBeUndefined();
    expect(alerts[0]?.value).toBeCloseTo(0.009, 10);
    // 00:00 UTC: a new day, a new daily cost.
    await traffic([], 10 * 60_000);
    expect(alerts.map((a) => `${a.name}:${a.state}`)).toEqual([
      'cost_limit_exceeded:firing',
      'cost_limit_exceeded:resolved',
    ]);
    await metrics.close();
  });
});

describe('user rules', () => {
  test('a named provider, a custom interval, no defaults; close stops the timer', async () => {
    const { metrics, alerts, traffic } = setup({
      defaultAlerts: false,
      alertIntervalMs: 1_000,
      alerts: [
        {
          name: 'slow_p95',
          condition: 'p95_latency_ms > 500',
          for: '2s',
          severity: 'info',
          provider: 'openai',
        },
      ],
    });
    await traffic([{ delayMs: 800 }], 1_000);
    expect(alerts).toEqual([]);
    await traffic([], 2_000);
    expect(alerts.map((a) => `${a.name}:${a.state}:${a.severity}`)).toEqual([
      'slow_p95:firing:info',
    ]);
    await metrics.close();
    await traffic([], 600_000);
    expect(alerts).toHaveLength(1);
  });

  test('a listener that throws does not stop the others', async () => {
    const { metrics, alerts, traffic } = setup({
      defaultAlerts: false,
      alerts: [{ name: 'any_error', condition: 'errors >= 1' }],
    });
    metrics.onAlert(() => {
      throw new Error('listener bug');
    });
    const late: Alert[] = [];
    const off = metrics.onAlert((a) => late.push(a));
    await traffic([bad], 15_000);
    expect(alerts).toHaveLength(1);
    expect(late).toHaveLength(1);
    off();
    await metrics.close();
  });
});

describe('rules from the config', () => {
  test('parseConfig().alerts are accepted as they are; a rule named like a default replaces it', async () => {
    const config = parseConfig({
      providers: { openai: { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' } },
      alerts: [
        {
          name: 'high_error_rate',
          condition: 'error_rate > 0.5',
          for: '30s',
          severity: 'critical',
        },
      ],
    });
    const { metrics, alerts, traffic } = setup({ alerts: config.alerts });
    for (let t = 0; t < 4; t++) await traffic([ok, ok, ok, bad], 15_000); // 25 %: under 0.5
    expect(alerts).toEqual([]);
    // Above 50 % from the 9th failing round (13 of 25), held 30 s.
    for (let t = 0; t < 8; t++) await traffic([bad], 15_000);
    expect(alerts).toEqual([]);
    for (let t = 0; t < 4; t++) await traffic([bad], 15_000);
    expect(alerts.map((a) => `${a.name}:${a.severity}`)).toEqual(['high_error_rate:critical']);
    await metrics.close();
  });
});
