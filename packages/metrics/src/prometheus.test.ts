import { createFallbackExecutor } from '@modelmux/resilience';
import { Counter, Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ask, scriptedProvider } from '@modelmux/testing';
import { run } from './__fixtures__/run-on-fake-timers.js';
import { createMetrics, durationBucketsSeconds, tokenBuckets } from './index.js';

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 12) }));
afterEach(() => vi.useRealTimers());

/** Parses Prometheus text exposition into `name{labels}` → value (labels in their written order). */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('Prometheus', () => {
  test('the names, labels, GenAI buckets and values, parsed back from the text', async () => {
    const openai = scriptedProvider('openai', { type: 'openai', model: 'gpt-4o-mini' });
    const google = scriptedProvider('gemini', { type: 'google', model: 'gemini-2.0-flash' });
    const executor = createFallbackExecutor({
      maxRetries: 0,
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 30, resetTimeoutMs: 30_000 },
    });
    const registry = new Registry();
    const metrics = createMetrics({
      executor,
      providers: [openai, google],
      prometheus: { registry },
    });
    expect(metrics.registry).toBe(registry);
    openai.script({ delayMs: 300 }, { delayMs: 3_000 });
    await run(executor.generate([openai, google], ask()));
    await run(executor.generate([openai, google], ask()));
    google.script({ error: 'quota_exceeded', status: 429 });
    await run(executor.generate([google, openai], ask()));
    openai.script({ error: 'server', status: 500 }, { error: 'server', status: 500 });
    await run(executor.generate([openai], ask()));
    await run(executor.generate([openai], ask()));

    const text = await registry.metrics();
    const s = parse(text);
    const genAi =
      'gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o-mini",gen_ai_response_model="gpt-4o-mini"';
    // Durations: buckets 0.01 s doubling to 81.92 s; 0.3 s and 3 s and the fallback's 0 s.
    expect(durationBucketsSeconds).toEqual([
      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
    ]);
    expect(s.get(`gen_ai_client_operation_duration_seconds_bucket{le="0.32",${genAi}}`)).toBe(2);
    expect(s.get(`gen_ai_client_operation_duration_seconds_bucket{le="2.56",${genAi}}`)).toBe(2);
    expect(s.get(`gen_ai_client_operation_duration_seconds_bucket{le="5.12",${genAi}}`)).toBe(3);
    expect(s.get(`gen_ai_client_operation_duration_seconds_bucket{le="81.92",${genAi}}`)).toBe(3);
    expect(s.get(`gen_ai_client_operation_duration_seconds_count{${genAi}}`)).toBe(3);
    expect(s.get(`gen_ai_client_operation_duration_seconds_sum{${genAi}}`)).toBeCloseTo(3.3, 10);
    expect(
      s.get(
        'gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o-mini",error_type="server"}',
      ),
    ).toBe(2);
    // Google's GenAI provider name is gcp.gemini; the modelmux labels keep the instance name.
    expect(text).toContain('gen_ai_provider_name="gcp.gemini"');
    // Tokens: buckets 1, 4, 16 … 4^13; each call used 10 in and 5 out.
    expect(tokenBuckets.slice(0, 4)).toEqual([1, 4, 16, 64]);
    expect(tokenBuckets.at(-1)).toBe(4 ** 13);
    expect(
      s.get(`gen_ai_client_token_usage_bucket{le="4",${genAi},gen_ai_token_type="input"}`),
    ).toBe(0);
    expect(
      s.get(`gen_ai_client_token_usage_bucket{le="16",${genAi},gen_ai_token_type="input"}`),
    ).toBe(3);
    expect(s.get(`gen_ai_client_token_usage_sum{${genAi},gen_ai_token_type="output"}`)).toBe(15);
    // modelmux_* counters and gauges.
    expect(
      s.get('modelmux_requests_total{provider="openai",model="gpt-4o-mini",outcome="success"}'),
    ).toBe(3);
    expect(
      s.get('modelmux_requests_total{provider="openai",model="gpt-4o-mini",outcome="error"}'),
    ).toBe(2);
    expect(
      s.get('modelmux_requests_total{provider="gemini",model="gemini-2.0-flash",outcome="error"}'),
    ).toBe(1);
    expect(s.get('modelmux_errors_total{provider="openai",kind="server"}')).toBe(2);
    expect(s.get('modelmux_errors_total{provider="gemini",kind="quota_exceeded"}')).toBe(1);
    expect(s.get('modelmux_cost_usd_total{provider="openai",model="gpt-4o-mini"}')).toBeCloseTo(
      0.003,
      10,
    );
    expect(s.get('modelmux_fallbacks_total{from="gemini",to="openai",kind="quota_exceeded"}')).toBe(
      1,
    );
    expect(s.get('modelmux_breaker_state{provider="openai"}')).toBe(2);
    expect(s.get('modelmux_in_flight_requests{provider="openai"}')).toBe(0);
    expect(s.get('modelmux_alerts_firing{rule="high_error_rate",severity="warning"}')).toBe(0);
    // Half-open after the reset timeout: 1.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(parse(await registry.metrics()).get('modelmux_breaker_state{provider="openai"}')).toBe(
      1,
    );
    // Label values are bounded: no prompt text anywhere.
    expect(text).not.toContain('Hello?');
    await metrics.close();
  });

  test('time to first token, in its own histogram', async () => {
    const openai = scriptedProvider('openai', { model: 'gpt-4o-mini' });
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor });
    openai.script({ delayMs: 700, then: { stream: ['a'] } });
    await run(
      (async () => {
        for await (const _ of metrics.instrumentStream(executor.stream([openai], ask()))) void _;
      })(),
    );
    const s = parse((await metrics.registry?.metrics()) ?? '');
    expect(
      s.get(
        'modelmux_time_to_first_token_seconds_bucket{le="0.64",provider="openai",model="gpt-4o-mini"}',
      ),
    ).toBe(0);
    expect(
      s.get(
        'modelmux_time_to_first_token_seconds_bucket{le="1.28",provider="openai",model="gpt-4o-mini"}',
      ),
    ).toBe(1);
    expect(
      s.get('modelmux_time_to_first_token_seconds_sum{provider="openai",model="gpt-4o-mini"}'),
    ).toBeCloseTo(0.7, 10);
    await metrics.close();
  });

  test("the registry merges with the application's, and reads as JSON", async () => {
    const openai = scriptedProvider('openai', { model: 'gpt-4o-mini' });
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor, defaultAlerts: false });
    await run(executor.generate([openai], ask()));
    const app = new Registry();
    new Counter({ name: 'app_requests_total', help: 'app', registers: [app] });
    const merged = Registry.merge([app, metrics.registry as Registry]);
    const s = parse(await merged.metrics());
    expect(s.get('app_requests_total')).toBe(0);
    expect(
      s.get(
        'gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o-mini",gen_ai_response_model="gpt-4o-mini"}',
      ),
    ).toBe(1);
    const json = await merged.getMetricsAsJSON();
    expect(json.find((m) => m.name === 'gen_ai_client_token_usage')?.type).toBe('histogram');
    await metrics.close();
  });

  test('prometheus: false registers nothing', async () => {
    const metrics = createMetrics({ prometheus: false });
    expect(metrics.registry).toBeUndefined();
    await metrics.close();
  });
});
