// `factory.openaiFetch()` (issue 20): the openai SDK, unchanged, routed in process through the
// factory's handler, against the same SDK on its own fetch. Both call the same fake upstream
// (in a child process); sequential calls interleaved call by call, then requests/s at
// `size.concurrency` in flight in rotating bursts. Ratios to the direct SDK.
import { ProviderFactory } from 'modelmux';
import OpenAI from 'openai';
import type { BenchSize } from './scenarios.js';
import { startFakeProcess } from './fake-process.js';
import { directSdk, sdkBody } from './sides.js';
import { median, quantile, throughput } from './stats.js';

const sideNames = ['sdk', 'sdk via openaiFetch()'] as const;
type Side = (typeof sideNames)[number];

/** The factory as a default user builds it: providers as settings (pooled transport), cost routing. */
function defaultFactory(baseURL: {
  openai: string;
  groq: string;
  anthropic: string;
}): ProviderFactory {
  return new ProviderFactory(
    {
      routingStrategy: 'cost',
      dailyCostLimit: 1_000_000,
      providers: {
        openai: {
          apiKey: 'sk-bench-0000000000000000',
          baseURL: baseURL.openai,
          model: 'gpt-4o-mini',
        },
        groq: {
          apiKey: 'gsk_bench_000000000000000000',
          baseURL: baseURL.groq,
          model: 'llama-3.3-70b-versatile',
        },
        anthropic: {
          apiKey: 'sk-ant-bench-00000000000',
          baseURL: baseURL.anthropic,
          model: 'claude-haiku-4-5',
        },
      },
    },
    { seed: 1 },
  );
}

/** Sequential p50/p99 and CPU per call, requests/s at 64 in flight, and the handler's own overhead header. */
export async function openaiFetchBench(size: BenchSize) {
  const fake = await startFakeProcess();
  const factory = defaultFactory(fake.baseURL);
  const overheadMs: number[] = [];
  let recordOverhead = false;
  const inProcess = factory.openaiFetch();
  const measured: typeof fetch = async (input, init) => {
    const response = await inProcess(input, init);
    if (recordOverhead) overheadMs.push(Number(response.headers.get('x-modelmux-overhead-ms')));
    return response;
  };
  const routed = new OpenAI({
    apiKey: 'unused',
    baseURL: 'http://modelmux/v1',
    fetch: measured,
    maxRetries: 0,
  });
  const sdk = directSdk(fake);
  // A failed call (on this shared machine, a keep-alive socket the fake closed under load) is
  // counted and reported, not thrown, so one reset does not end the run.
  const failed: Record<Side, number> = { sdk: 0, 'sdk via openaiFetch()': 0 };
  const counted =
    (side: Side, call: () => Promise<unknown>): (() => Promise<unknown>) =>
    () =>
      call().catch(() => void (failed[side] += 1));
  const calls: Record<Side, () => Promise<unknown>> = {
    sdk: counted('sdk', () => sdk.chat.completions.create(sdkBody)),
    'sdk via openaiFetch()': counted('sdk via openaiFetch()', () =>
      routed.chat.completions.create({ ...sdkBody, model: 'auto' }),
    ),
  };
  try {
    const wall: Record<Side, number[]> = { sdk: [], 'sdk via openaiFetch()': [] };
    const cpu: Record<Side, number> = { sdk: 0, 'sdk via openaiFetch()': 0 };
    for (let round = 0; round < size.warmup + size.rounds; round++) {
      recordOverhead = round >= size.warmup;
      for (let i = 0; i < sideNames.length; i++) {
        const name = sideNames[(round + i) % sideNames.length] as Side;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await calls[name]();
        const ms = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        if (round >= size.warmup) {
          wall[name].push(ms);
          cpu[name] += used.user + used.system;
        }
      }
      if (round % 500 === 499) await fake.reset();
    }
    recordOverhead = false;
    // Both sides' calls at the fake (not reset in runs under 500 rounds): the structure test reads it.
    const sequentialCallsAtFake = await fake.count('openai');
    for (const name of sideNames)
      await throughput(calls[name], size.throughputCalls * 4, size.concurrency);
    await fake.reset();
    const rates: Record<Side, number[]> = { sdk: [], 'sdk via openaiFetch()': [] };
    for (let rep = 0; rep < size.throughputReps; rep++) {
      for (let i = 0; i < sideNames.length; i++) {
        const name = sideNames[(rep + i) % sideNames.length] as Side;
        rates[name].push(await throughput(calls[name], size.throughputCalls, size.concurrency));
      }
      await fake.reset();
    }
    const figures = Object.fromEntries(
      sideNames.map((name) => [
        name,
        {
          p50Ms: median(wall[name]),
          p99Ms: quantile(wall[name], 0.99),
          cpuUs: cpu[name] / size.rounds,
          perSecond: median(rates[name]),
        },
      ]),
    ) as Record<Side, { p50Ms: number; p99Ms: number; cpuUs: number; perSecond: number }>;
    return { figures, overheadP50Ms: median(overheadMs), sequentialCallsAtFake, failed };
  } finally {
    await factory.close();
    await fake.close();
  }
}

/** The markdown table of `openaiFetchBench`. */
export function formatOpenAIFetch(r: Awaited<ReturnType<typeof openaiFetchBench>>): string {
  const base = r.figures.sdk;
  const rows = sideNames.map((name) => {
    const f = r.figures[name];
    return `| ${name} | ${f.p50Ms.toFixed(3)} ms | ${(f.p50Ms / base.p50Ms).toFixed(2)}× | ${f.p99Ms.toFixed(2)} ms | ${Math.round(f.cpuUs)} µs | ${Math.round(f.perSecond)}/s | ${(f.perSecond / base.perSecond).toFixed(2)}× |`;
  });
  return [
    '',
    '### The openai SDK through factory.openaiFetch() (targets: p50 ≤ 1.1×, req/s ≥ 1.0×)',
    '',
    '| side | p50 | p50 ratio | p99 | client CPU / req | req/s at 64 | req/s ratio |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Handler overhead (\`x-modelmux-overhead-ms\`, handler wall time minus the upstream call) p50: ${(r.overheadP50Ms * 1000).toFixed(0)} µs. Failed calls: sdk ${r.failed.sdk}, via openaiFetch() ${r.failed['sdk via openaiFetch()']}.`,
  ].join('\n');
}
