import { describe, expect, it } from 'vitest';
import { formatReport, runBenchmarks } from './report.js';
import type { BenchSize } from './scenarios.js';

// These tests keep the benchmark code working: one tiny run of every scenario, asserting the
// report's structure and the call counts at the fake, never timings — figures come from
// `npm run bench` and are recorded in tools/bench/README.md.
const tiny: BenchSize = {
  rounds: 3,
  warmup: 1,
  batch: 20,
  throughputCalls: 16,
  throughputReps: 1,
  concurrency: 4,
  deadRequests: 60,
  hangRequests: 4,
  hangTimeoutMs: 100,
  memoryRequests: 2_000,
};

describe('benchmarks (a tiny run of each scenario)', () => {
  it('measures every side, the dead primary and memory, and formats the report', async () => {
    const results = await runBenchmarks(tiny);
    const { inProcess, overhead, streaming, dead, memory } = results;
    expect(Object.keys(overhead?.sequential ?? {})).toEqual([
      'sdk',
      'sdk+pool',
      'adapter alone',
      'modelmux',
      'modelmux+pool',
      'ai-sdk',
      'langchain',
    ]);
    for (const side of Object.values(overhead?.sequential ?? {})) {
      expect(side.p50Ms).toBeGreaterThan(0);
      expect(side.cpuUs).toBeGreaterThan(0);
    }
    for (const rate of Object.values(overhead?.perSecond ?? {})) expect(rate).toBeGreaterThan(0);
    // Every call of every side reached the fake: warm-up + timed rounds, then the throughput runs
    // (the fake is reset after each throughput repetition, so only the last is counted).
    expect(overhead?.callsAtFake).toBe(0);
    expect(Object.keys(streaming ?? {})).toEqual([
      'sdk',
      'modelmux',
      'modelmux+pool',
      'ai-sdk',
      'langchain',
    ]);
    for (const side of Object.values(streaming ?? {})) {
      expect(side.firstTokenMs).toBeGreaterThan(0);
      expect(side.totalMs).toBeGreaterThanOrEqual(side.firstTokenMs);
    }

    // A primary answering 500: LangChain's withFallbacks calls it on every request; ai-fallback
    // once (it stays on the secondary); modelmux until its breaker opens (failures reach 50 % of
    // the 10 s window, which holds the 20 healthy warm-up calls), then never.
    const failing = dead?.results['500'];
    expect(failing?.langchain.primaryCallsPer1000).toBe(1000);
    expect(failing?.['ai-fallback'].primaryCallsPer1000).toBeCloseTo(1000 / tiny.deadRequests);
    expect(failing?.modelmux.primaryCallsSecondHalf).toBe(0);
    expect(failing?.modelmux.primaryCallsPer1000).toBeLessThan(500);
    for (const library of Object.values(failing ?? {})) expect(library.failures).toBe(0);
    for (const library of Object.values(dead?.results.hang ?? {})) {
      expect(library.requests).toBe(tiny.hangRequests);
      expect(library.failures).toBe(0);
    }

    expect(memory?.withBudget.requests).toBe(tiny.memoryRequests);
    expect(memory?.withoutBudget.before.heapUsed).toBeGreaterThan(0);
    expect(inProcess?.directUs).toBeGreaterThan(0);

    const text = formatReport(results, tiny);
    for (const heading of [
      '### Added cost in process',
      '### Over HTTP against the fake',
      '| modelmux+pool |',
      '### Streaming',
      '### A dead primary',
      '| 500 | ai-fallback |',
      '### Memory across 2,000 routed requests',
    ])
      expect(text).toContain(heading);
  }, 120_000);
});
