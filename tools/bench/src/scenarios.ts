import type { ChatRequest, ChatResult, Provider, StreamEvent } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { ProviderFactory } from 'modelmux';
import { interleave, median } from './stats.js';

/** How much work each scenario does. */
export interface BenchSize {
  /** Timed rounds of the sequential HTTP scenarios (each round calls every side once). */
  rounds: number;
  warmup: number;
  /** Calls per timed sample in the in-process overhead scenario (and the router's). */
  batch: number;
  /** Calls per throughput repetition, per side. */
  throughputCalls: number;
  /** Throughput repetitions per side (the median is reported). */
  throughputReps: number;
  concurrency: number;
  /** Requests per library with a primary that answers 500. */
  deadRequests: number;
  /** Requests per library with a primary that hangs, and the per-attempt timeout. */
  hangRequests: number;
  hangTimeoutMs: number;
  /** Routed requests of the memory scenario. */
  memoryRequests: number;
}

/** `npm run bench`: sized to finish in a few minutes on a shared 2-core machine. */
export const fullSize: BenchSize = {
  rounds: 400,
  warmup: 50,
  batch: 2_000,
  // Many short bursts, rotating across the sides, so minute-scale noise lands on all alike.
  throughputCalls: 500,
  throughputReps: 12,
  concurrency: 64,
  deadRequests: 1_000,
  hangRequests: 200,
  hangTimeoutMs: 100,
  memoryRequests: 1_000_000,
};

/** `npm run bench -- --quick`: the same scenarios, small. */
export const quickSize: BenchSize = {
  rounds: 60,
  warmup: 10,
  batch: 500,
  throughputCalls: 400,
  throughputReps: 1,
  concurrency: 64,
  deadRequests: 100,
  hangRequests: 20,
  hangTimeoutMs: 100,
  memoryRequests: 20_000,
};

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
  maxTokens: 32,
};

/** A provider that answers at once, in process: what is left is modelmux's own cost. */
export function instantProvider(name: string, model = 'instant'): Provider {
  const result: ChatResult = {
    text: 'hello',
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 },
    provider: name,
    model,
    latencyMs: 0,
    costUsd: 0,
  };
  return {
    specificationVersion: 'v1',
    name,
    type: 'bench',
    defaultModel: model,
    generate: async () => result as never,
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: 'text-delta', text: 'hello' };
      yield {
        type: 'finish',
        finishReason: 'stop',
        usage: result.usage,
        provider: name,
        model,
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
  // The whole factory: cost routing over four providers, fallback, metrics, a daily budget.
  const factory = new ProviderFactory(
    {
      routingStrategy: 'cost',
      dailyCostLimit: 1_000_000,
      providers: {
        openai: instantProvider('openai', 'gpt-4o-mini'),
        groq: instantProvider('groq', 'llama-3.3-70b-versatile'),
        anthropic: instantProvider('anthropic', 'claude-haiku-4-5'),
        google: instantProvider('google', 'gemini-2.5-pro'),
      },
    },
    { seed: 1 },
  );
  const routed = factory.getProvider();
  const cheapest = instantProvider('openai', 'gpt-4o-mini');
  // CPU time (user + system) per batch, by side, next to the wall-clock samples.
  const cpu = {
    direct: [] as number[],
    executor: [] as number[],
    full: [] as number[],
    factory: [] as number[],
  };
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
      factory: batch(cpu.factory, () => routed.invoke(request)),
      directCheapest: batch([], () => cheapest.generate(request)),
    },
    Math.max(5, Math.round(size.rounds / 20)),
    2,
  );
  full.dispose();
  plain.dispose();
  await factory.close();
  const perCallUs = (ms: number[]) => (median(ms) * 1000) / size.batch;
  const direct = perCallUs(samples.direct);
  const directCpu = perCallUs(cpu.direct);
  return {
    directUs: direct,
    executorAddedUs: perCallUs(samples.executor) - direct,
    fullExecutorAddedUs: perCallUs(samples.executorWithBreakerTimeoutDeadline) - direct,
    executorAddedCpuUs: perCallUs(cpu.executor) - directCpu,
    fullExecutorAddedCpuUs: perCallUs(cpu.full) - directCpu,
    factoryAddedUs: perCallUs(samples.factory) - perCallUs(samples.directCheapest),
    factoryAddedCpuUs: perCallUs(cpu.factory) - directCpu,
  };
}
