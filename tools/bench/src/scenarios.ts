import type { ChatRequest, ChatResult, Provider, StreamEvent } from '@modelmux/core';
import { createAnthropic } from '@modelmux/anthropic';
import { createOpenAI } from '@modelmux/openai';
import { createFallbackExecutor } from '@modelmux/resilience';
import { startFakeProviders } from '@modelmux/testing';
import OpenAI from 'openai';
import { startFakeProcess } from './fake-process.js';
import { interleave, median, quantile, throughput } from './stats.js';

/** How much work each scenario does. */
export interface BenchSize {
  rounds: number;
  warmup: number;
  /** Calls per timed sample in the in-process overhead scenario. */
  batch: number;
  throughputCalls: number;
  concurrency: number;
  deadPrimaryRequests: number;
}

export const fullSize: BenchSize = {
  rounds: 1000,
  warmup: 100,
  batch: 2_000,
  throughputCalls: 4_000,
  concurrency: 64,
  deadPrimaryRequests: 200,
};

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
  maxTokens: 32,
};
const sdkBody = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Say hello in five words.' }],
  max_tokens: 32,
};

/** A provider that answers at once, in process: what is left is the executor's own cost. */
function instantProvider(name: string): Provider {
  const result: ChatResult = {
    text: 'hello',
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 },
    provider: name,
    model: 'instant',
    latencyMs: 0,
    costUsd: 0,
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'bench',
    defaultModel: 'instant',
    generate: async () => result as never,
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: 'text-delta', text: 'hello' };
      yield {
        type: 'finish',
        finishReason: 'stop',
        usage: result.usage,
        provider: name,
        model: 'instant',
        costUsd: 0,
      };
    },
    isAvailable: () => true,
  };
}

/** Added µs per call of the executor over calling the provider directly (no network). */
export async function inProcessOverhead(size: BenchSize) {
  const provider = instantProvider('instant');
  const backup = instantProvider('backup');
  const plain = createFallbackExecutor({ breaker: false });
  const full = createFallbackExecutor({ timeoutMs: 30_000, deadlineMs: 60_000 });
  // CPU time (user + system) per batch, by side, next to the wall-clock samples.
  const cpu = { direct: [] as number[], executor: [] as number[], full: [] as number[] };
  const batch = (side: number[], fn: () => Promise<unknown>) => async () => {
    const before = process.cpuUsage();
    for (let i = 0; i < size.batch; i++) await fn();
    const used = process.cpuUsage(before);
    side.push((used.user + used.system) / 1000);
  };
  const samples = await interleave(
    {
      direct: batch(cpu.direct, () => provider.generate(request)),
      executor: batch(cpu.executor, () => plain.generate([provider, backup], request)),
      executorWithBreakerTimeoutDeadline: batch(cpu.full, () =>
        full.generate([provider, backup], request),
      ),
    },
    Math.max(5, Math.round(size.rounds / 20)),
    2,
  );
  full.dispose();
  plain.dispose();
  const perCallUs = (ms: number[]) => (median(ms) * 1000) / size.batch;
  const direct = perCallUs(samples.direct);
  const directCpu = perCallUs(cpu.direct);
  return {
    directUs: direct,
    executorAddedUs: perCallUs(samples.executor) - direct,
    fullExecutorAddedUs: perCallUs(samples.executorWithBreakerTimeoutDeadline) - direct,
    executorAddedCpuUs: perCallUs(cpu.executor) - directCpu,
    fullExecutorAddedCpuUs: perCallUs(cpu.full) - directCpu,
  };
}

/** Median and p95 latency, streams and throughput over HTTP against the fake in a child process. */
export async function overHttp(size: BenchSize) {
  const fake = await startFakeProcess();
  try {
    const client = new OpenAI({
      apiKey: 'sk-bench-0000000000',
      baseURL: fake.baseURL.openai,
      maxRetries: 0,
    });
    const openai = createOpenAI({
      apiKey: 'sk-bench-0000000000',
      baseURL: fake.baseURL.openai,
      model: 'gpt-4o-mini',
      env: {},
    });
    const anthropic = createAnthropic({
      apiKey: 'sk-ant-bench-000000',
      baseURL: fake.baseURL.anthropic,
      model: 'claude-haiku-4-5',
      env: {},
    });
    const executor = createFallbackExecutor({ timeoutMs: 30_000, deadlineMs: 60_000 });
    const plan = [openai, anthropic];
    const calls = await interleave(
      {
        sdk: () => client.chat.completions.create(sdkBody),
        adapter: () => openai.generate(request),
        executor: () => executor.generate(plan, request),
      },
      size.rounds,
      size.warmup,
    );
    const drain = async (stream: AsyncIterable<unknown>) => {
      for await (const _ of stream) void _;
    };
    const streams = await interleave(
      {
        sdk: async () =>
          drain(
            await client.chat.completions.create({
              ...sdkBody,
              stream: true,
              stream_options: { include_usage: true },
            }),
          ),
        adapter: () => drain(openai.stream(request)),
        executor: () => drain(executor.stream(plan, request)),
      },
      size.rounds,
      size.warmup,
    );
    const rate = { sdk: 0, executor: 0 };
    // Alternate the two sides twice so that neither always runs on a warmer machine.
    for (let i = 0; i < 2; i++) {
      rate.sdk += await throughput(
        () => client.chat.completions.create(sdkBody),
        size.throughputCalls / 2,
        size.concurrency,
      );
      rate.executor += await throughput(
        () => executor.generate(plan, request),
        size.throughputCalls / 2,
        size.concurrency,
      );
    }
    executor.dispose();
    const summary = (ms: number[]) => ({ medianMs: median(ms), p95Ms: quantile(ms, 0.95) });
    return {
      calls: {
        sdk: summary(calls.sdk),
        adapter: summary(calls.adapter),
        executor: summary(calls.executor),
      },
      streams: {
        sdk: summary(streams.sdk),
        adapter: summary(streams.adapter),
        executor: summary(streams.executor),
      },
      throughput: { sdkPerSecond: rate.sdk / 2, executorPerSecond: rate.executor / 2 },
    };
  } finally {
    await fake.close();
  }
}

/** A dead primary (every call 503): how many requests it still receives, and what callers wait. */
export async function deadPrimary(size: BenchSize) {
  const fake = await startFakeProviders({ seed: 1 });
  try {
    const openai = createOpenAI({
      apiKey: 'sk-bench-0000000000',
      baseURL: fake.baseURL.openai,
      model: 'gpt-4o-mini',
      env: {},
    });
    const anthropic = createAnthropic({
      apiKey: 'sk-ant-bench-000000',
      baseURL: fake.baseURL.anthropic,
      model: 'claude-haiku-4-5',
      env: {},
    });
    const executor = createFallbackExecutor({
      maxRetries: 2,
      baseDelayMs: 50,
      maxDelayMs: 500,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeout: 60_000 },
    });
    // Warm both SDKs while openai is still healthy, then time one healthy call through the
    // executor: the yardstick for the first request that has to fail over.
    await openai.generate(request);
    await anthropic.generate(request);
    const healthyStarted = performance.now();
    await executor.generate([anthropic], request);
    const healthyMs = performance.now() - healthyStarted;
    const warmCalls = fake.count('openai');
    fake.rules('openai', { failRate: 1, failWith: { status: 503 } });
    const latencies: number[] = [];
    const servedBy = new Map<string, number>();
    // Backoff waits slept during the first request (fast failover: none while a fallback can serve).
    let firstRequestBackoffMs = 0;
    const retries = executor.onRetry(({ delayMs }) => {
      if (latencies.length === 0) firstRequestBackoffMs += delayMs;
    });
    for (let i = 0; i < size.deadPrimaryRequests; i++) {
      const started = performance.now();
      const result = await executor.generate([openai, anthropic], request);
      latencies.push(performance.now() - started);
      servedBy.set(result.provider, (servedBy.get(result.provider) ?? 0) + 1);
    }
    retries.dispose();
    executor.dispose();
    const callsToDeadPrimary = fake.count('openai') - warmCalls;
    // The same failover on warm code: a fresh executor (closed breaker) whose primary answers 503.
    const fresh = createFallbackExecutor({ maxRetries: 2, baseDelayMs: 50, maxDelayMs: 500 });
    const warmStarted = performance.now();
    await fresh.generate([openai, anthropic], request);
    const warmFailoverMs = performance.now() - warmStarted;
    const warmHealthyStarted = performance.now();
    await fresh.generate([anthropic], request);
    const warmHealthyMs = performance.now() - warmHealthyStarted;
    fresh.dispose();
    return {
      warmFailoverMs,
      warmHealthyMs,
      requests: size.deadPrimaryRequests,
      firstRequestBackoffMs,
      callsToDeadPrimary,
      servedBy: Object.fromEntries(servedBy),
      healthyMs,
      firstRequestMs: latencies[0] ?? Number.NaN,
      medianAfterFirstMs: median(latencies.slice(1)),
    };
  } finally {
    await fake.close();
  }
}
