import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createFallbackExecutor } from '@modelmux/resilience';
import { describe, expect, test } from 'vitest';
import { ask, scriptedProvider } from '@modelmux/testing';
import { createMetrics } from './index.js';

describe('OpenTelemetry', () => {
  test('GenAI metrics and spans, read with in-memory exporters', async () => {
    const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({
      exporter: metricExporter,
      exportIntervalMillis: 3_600_000,
    });
    const meterProvider = new MeterProvider({ readers: [reader] });
    const spanExporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(spanExporter)],
    });
    const openai = scriptedProvider('openai', { type: 'openai', model: 'gpt-4o-mini' });
    const claude = scriptedProvider('claude', { type: 'anthropic', model: 'claude-3-5-haiku' });
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
    const metrics = createMetrics({
      executor,
      providers: [openai, claude],
      prometheus: false,
      defaultAlerts: false,
      openTelemetry: { meterProvider, tracerProvider },
    });
    claude.script({ error: 'overloaded', status: 529 });
    await executor.generate([claude, openai], ask());
    openai.script({ stream: ['a', 'b'] });
    for await (const _ of metrics.instrumentStream(executor.stream([openai], ask()))) void _;

    const spans = spanExporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual([
      'chat claude-3-5-haiku',
      'chat gpt-4o-mini',
      'chat gpt-4o-mini',
    ]);
    const [failed, ok] = spans;
    expect(failed?.kind).toBe(SpanKind.CLIENT);
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-3-5-haiku',
      'error.type': 'overloaded',
    });
    expect(ok?.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
    });
    expect(ok?.status.code).not.toBe(SpanStatusCode.ERROR);

    await reader.forceFlush();
    const exported =
      metricExporter
        .getMetrics()
        .at(-1)
        ?.scopeMetrics.flatMap((s) => s.metrics) ?? [];
    const byName = new Map(exported.map((m) => [m.descriptor.name, m as HistogramMetricData]));
    const duration = byName.get('gen_ai.client.operation.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const openaiDuration = duration?.dataPoints.find(
      (p) => p.attributes['gen_ai.provider.name'] === 'openai',
    );
    expect(openaiDuration?.value.count).toBe(2);
    expect(openaiDuration?.value.buckets.boundaries.slice(0, 3)).toEqual([0.01, 0.02, 0.04]);
    expect(
      duration?.dataPoints.find((p) => p.attributes['error.type'] === 'overloaded')?.value.count,
    ).toBe(1);
    const tokens = byName.get('gen_ai.client.token.usage');
    const input = tokens?.dataPoints.find(
      (p) =>
        p.attributes['gen_ai.token.type'] === 'input' &&
        p.attributes['gen_ai.provider.name'] === 'openai',
    );
    expect(input?.value.sum).toBe(13); // 10 (generate) + 3 (stream)
    expect(input?.value.buckets.boundaries.slice(0, 3)).toEqual([1, 4, 16]);
    const ttft = byName.get('gen_ai.client.operation.time_to_first_chunk');
    expect(ttft?.dataPoints[0]?.value.count).toBe(1);
    expect(ttft?.dataPoints[0]?.attributes['gen_ai.provider.name']).toBe('openai');
    await metrics.close();
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
  });

  test('without an SDK the API is a no-op and nothing breaks', async () => {
    const openai = scriptedProvider('openai');
    const executor = createFallbackExecutor({ breaker: false });
    const metrics = createMetrics({ executor, prometheus: false, defaultAlerts: false });
    await executor.generate([openai], ask());
    expect(metrics.getProviderMetrics().totalRequests).toBe(1);
    await metrics.close();
  });
});
