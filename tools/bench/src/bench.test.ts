import { describe, expect, it } from 'vitest';
import { formatReport } from './report.js';
import { deadPrimary, inProcessOverhead, overHttp, type BenchSize } from './scenarios.js';

// These tests keep the benchmark code working; they assert behaviour (call counts, shapes),
// never timings — figures come from `npm run bench` and are recorded in tools/bench/README.md.
const tiny: BenchSize = {
  rounds: 3,
  warmup: 1,
  batch: 20,
  throughputCalls: 16,
  concurrency: 4,
  deadPrimaryRequests: 20,
};

describe('benchmarks', () => {
  it('a dead primary gets only the calls that open its breaker, then none', async () => {
    const dead = await deadPrimary(tiny);
    expect(dead.servedBy).toEqual({ anthropic: 20 });
    // Fast failover: one call on each of the first 3 requests (no retry while the fallback can
    // serve, no backoff slept) opens the breaker (volumeThreshold 3); then zero.
    expect(dead.callsToDeadPrimary).toBe(3);
    expect(dead.firstRequestBackoffMs).toBe(0);
  });

  it('measures every side in process and over HTTP, and formats the report', async () => {
    const overhead = await inProcessOverhead(tiny);
    const http = await overHttp(tiny);
    for (const side of [
      http.calls.sdk,
      http.calls.adapter,
      http.calls.executor,
      http.streams.sdk,
      http.streams.executor,
    ]) {
      expect(side.medianMs).toBeGreaterThan(0);
    }
    expect(http.throughput.executorPerSecond).toBeGreaterThan(0);
    const text = formatReport(
      {
        overhead,
        http,
        dead: {
          requests: 1,
          firstRequestBackoffMs: 0,
          warmFailoverMs: 1,
          warmHealthyMs: 1,
          callsToDeadPrimary: 0,
          servedBy: {},
          healthyMs: 1,
          firstRequestMs: 1,
          medianAfterFirstMs: 1,
        },
      },
      tiny,
    );
    expect(text).toContain('| executor [openai, anthropic] |');
    expect(text).toContain('Throughput at 4 in flight');
  }, 60_000);
});
