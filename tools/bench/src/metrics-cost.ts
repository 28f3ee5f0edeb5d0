import type { ChatRequest, ChatResult, Provider, StreamEvent } from '@modelmux/core';
import { createMetrics } from '@modelmux/metrics';
import { createFallbackExecutor } from '@modelmux/resilience';
import type { BenchSize } from './scenarios.js';
import { median } from './stats.js';

/** A provider that answers at once, in process: what is left is the executor's and metrics' cost. */
function instantProvider(name: string): Provider {
  const result: ChatResult = {
    text: 'hello',
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 },
    provider: name,
    model: 'instant',
    latencyMs: 0,
    costUsd: 0.00001,
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'openai',
    defaultModel: 'instant',
    generate: async () => result as never,
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: 'text-delta', text: 'hello' };
    },
    isAvailable: () => true,
  };
}

const request: ChatRequest = { messages: [{ role: 'user', content: 'Say hello.' }], maxTokens: 8 };

function cpuUs(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return used.user + used.system;
}

/** The figures of the metrics scenario, in CPU µs. */
export interface MetricsCost {
  executorUs: number;
  withMetricsUs: number;
  routingStatsGetUs: number;
}

/** CPU µs per `executor.generate` without and with `createMetrics()` attached (defaults). */
export async function metricsCost(size: BenchSize): Promise<MetricsCost> {
  const provider = instantProvider('openai');
  const plain = createFallbackExecutor({ breaker: false });
  const observed = createFallbackExecutor({ breaker: false });
  const metrics = createMetrics({ executor: observed, providers: [provider] });
  const batch = Math.max(2_000, size.batch);
  const rounds = Math.max(15, Math.round(size.rounds / 20));
  const plainSamples: number[] = [];
  const observedSamples: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    await plain.generate([provider], request);
    await observed.generate([provider], request);
  }
  for (let round = 0; round < rounds; round++) {
    // Interleaved, so drift on a shared machine hits both alike.
    let started = process.cpuUsage();
    for (let i = 0; i < batch; i++) await plain.generate([provider], request);
    plainSamples.push(cpuUs(started) / batch);
    started = process.cpuUsage();
    for (let i = 0; i < batch; i++) await observed.generate([provider], request);
    observedSamples.push(cpuUs(started) / batch);
  }
  const reads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.cpuUsage();
    for (let i = 0; i < batch; i++) metrics.get('openai');
    reads.push(cpuUs(started) / batch);
  }
  await metrics.close();
  plain.dispose();
  observed.dispose();
  return {
    executorUs: median(plainSamples),
    withMetricsUs: median(observedSamples),
    routingStatsGetUs: median(reads),
  };
}

/** The scenario's lines for the report. */
export function formatMetricsCost(cost: MetricsCost): string {
  const f = (us: number) => `${us.toFixed(2)} µs`;
  return [
    '',
    '## metrics: CPU per request with createMetrics() attached (Prometheus on, OpenTelemetry API without SDK, no logger)',
    `executor alone:            ${f(cost.executorUs)}`,
    `executor + metrics:        ${f(cost.withMetricsUs)}`,
    `metrics' share:            ${f(cost.withMetricsUs - cost.executorUs)}`,
    `RoutingStats.get():        ${f(cost.routingStatsGetUs)}`,
  ].join('\n');
}
