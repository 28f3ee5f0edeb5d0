// Overhead and streaming over HTTP: every side against the same fake in a child process,
// interleaved call by call in a rotating order; medians and ratios to the direct openai SDK.
import type { BenchSize } from './scenarios.js';
import { startFakeProcess } from './fake-process.js';
import { buildSides } from './sides.js';
import { median, quantile, throughput } from './stats.js';

/** One side's sequential figures: latency quantiles and client CPU per request. */
export interface SequentialFigures {
  p50Ms: number;
  p99Ms: number;
  cpuUs: number;
}

/** Sequential latency and CPU per side, then requests/s with `size.concurrency` in flight. */
export async function overhead(size: BenchSize) {
  const fake = await startFakeProcess();
  const sides = buildSides(fake);
  try {
    const names = Object.keys(sides.calls);
    const wall: Record<string, number[]> = {};
    const cpu: Record<string, number> = {};
    for (const name of names) {
      wall[name] = [];
      cpu[name] = 0;
    }
    for (let round = 0; round < size.warmup + size.rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length] as string;
        const call = sides.calls[name] as () => Promise<unknown>;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await call();
        const ms = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        if (round >= size.warmup) {
          wall[name]?.push(ms);
          cpu[name] = (cpu[name] ?? 0) + used.user + used.system;
        }
      }
      // The fake keeps a record of every request: clear it now and then.
      if (round % 500 === 499) await fake.reset();
    }
    const sequential: Record<string, SequentialFigures> = {};
    for (const name of names) {
      const samples = wall[name] as number[];
      sequential[name] = {
        p50Ms: median(samples),
        p99Ms: quantile(samples, 0.99),
        cpuUs: (cpu[name] ?? 0) / size.rounds,
      };
    }
    // Throughput: an untimed run per side first (CPU per request keeps falling for a few
    // thousand calls as the JIT settles), then each side in turn, the order rotating each
    // repetition; the median repetition.
    for (const name of names)
      await throughput(
        sides.calls[name] as () => Promise<unknown>,
        size.throughputCalls * 4,
        size.concurrency,
      );
    await fake.reset();
    const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let rep = 0; rep < size.throughputReps; rep++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(rep + i) % names.length] as string;
        rates[name]?.push(
          await throughput(
            sides.calls[name] as () => Promise<unknown>,
            size.throughputCalls,
            size.concurrency,
          ),
        );
      }
      await fake.reset();
    }
    const perSecond = Object.fromEntries(names.map((n) => [n, median(rates[n] ?? [])]));
    return { sequential, perSecond, callsAtFake: await fake.count() };
  } finally {
    await sides.close();
    await fake.close();
  }
}

/** Time to first text and to the stream's end, per side. */
export async function streaming(size: BenchSize) {
  const fake = await startFakeProcess();
  const sides = buildSides(fake);
  try {
    const names = Object.keys(sides.streams);
    const first: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const total: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < size.warmup + size.rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length] as string;
        const run = sides.streams[name] as (onFirst: () => void) => Promise<unknown>;
        let firstAt = Number.NaN;
        const started = performance.now();
        await run(() => (firstAt = performance.now()));
        const ended = performance.now();
        if (round >= size.warmup) {
          first[name]?.push(firstAt - started);
          total[name]?.push(ended - started);
        }
      }
      if (round % 500 === 499) await fake.reset();
    }
    return Object.fromEntries(
      names.map((n) => [
        n,
        { firstTokenMs: median(first[n] ?? []), totalMs: median(total[n] ?? []) },
      ]),
    ) as Record<string, { firstTokenMs: number; totalMs: number }>;
  } finally {
    await sides.close();
    await fake.close();
  }
}
