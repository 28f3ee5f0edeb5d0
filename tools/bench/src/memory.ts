// Heap and RSS across 1 M routed requests through the whole factory (cost routing over four
// providers, fallback, metrics, budgets), on in-process providers that answer at once.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ProviderFactory } from 'modelmux';
import type { BenchSize } from './scenarios.js';
import { instantProvider } from './scenarios.js';

/** `global.gc`, enabled at run time when node was started without --expose-gc. */
function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function settle(gc: () => void): { heapUsed: number; rss: number } {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

/** Memory before and after `size.memoryRequests` routed requests, with and without a daily budget. */
export async function memory(size: BenchSize) {
  return { withBudget: await memoryRun(size, true), withoutBudget: await memoryRun(size, false) };
}

/** One factory, warmed up, then `size.memoryRequests` routed requests between two measurements. */
async function memoryRun(size: BenchSize, budget: boolean) {
  const gc = gcFunction();
  const factory = new ProviderFactory(
    {
      routingStrategy: 'cost',
      enableFallback: true,
      ...(budget && { dailyCostLimit: 1_000_000 }),
      providers: {
        openai: instantProvider('openai', 'gpt-4o-mini'),
        groq: instantProvider('groq', 'llama-3.3-70b-versatile'),
        anthropic: instantProvider('anthropic', 'claude-haiku-4-5'),
        google: instantProvider('google', 'gemini-2.5-pro'),
      },
    },
    { seed: 1 },
  );
  try {
    const llm = factory.getProvider();
    const warmup = Math.min(50_000, Math.max(1_000, Math.round(size.memoryRequests / 20)));
    for (let i = 0; i < warmup; i++) await llm.invoke(`Say hello (${i % 100}).`);
    const before = settle(gc);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < size.memoryRequests; i++) await llm.invoke(`Say hello (${i % 100}).`);
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const after = settle(gc);
    return {
      requests: size.memoryRequests,
      warmup,
      before,
      after,
      heapChange: after.heapUsed / before.heapUsed - 1,
      rssChange: after.rss / before.rss - 1,
      usPerRequest: (elapsedMs * 1000) / size.memoryRequests,
      cpuUsPerRequest: (cpu.user + cpu.system) / size.memoryRequests,
    };
  } finally {
    await factory.close();
  }
}
