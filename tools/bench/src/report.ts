import { deadPrimary, inProcessOverhead, overHttp, type BenchSize } from './scenarios.js';

/** Every scenario's figures. */
export interface BenchResults {
  overhead: Awaited<ReturnType<typeof inProcessOverhead>>;
  http: Awaited<ReturnType<typeof overHttp>>;
  dead: Awaited<ReturnType<typeof deadPrimary>>;
}

/** Runs every scenario in one process, one after the other. */
export async function runBenchmarks(size: BenchSize): Promise<BenchResults> {
  const overhead = await inProcessOverhead(size);
  const http = await overHttp(size);
  const dead = await deadPrimary(size);
  return { overhead, http, dead };
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/** The results as Markdown, with ratios against the direct SDK. */
export function formatReport(r: BenchResults, size: BenchSize): string {
  const { calls, streams, throughput } = r.http;
  const ratio = (a: number, b: number) => `${f(a / b)}×`;
  return [
    `## modelmux benchmarks (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${size.rounds} rounds)`,
    '',
    '### Added cost in process (an instant provider; no network)',
    `- direct provider call: ${f(r.overhead.directUs)} µs`,
    `- executor, 2-provider plan, no breaker: +${f(r.overhead.executorAddedUs)} µs per call`,
    `- executor with breaker, per-attempt timeout and deadline: +${f(r.overhead.fullExecutorAddedUs)} µs per call`,
    '',
    '### Over HTTP against the fake (child process), vs the direct openai SDK',
    '| path | median | p95 | median ratio |',
    '|---|---|---|---|',
    `| openai SDK | ${f(calls.sdk.medianMs, 3)} ms | ${f(calls.sdk.p95Ms, 3)} ms | 1.00× |`,
    `| @modelmux/openai adapter | ${f(calls.adapter.medianMs, 3)} ms | ${f(calls.adapter.p95Ms, 3)} ms | ${ratio(calls.adapter.medianMs, calls.sdk.medianMs)} |`,
    `| executor [openai, anthropic] | ${f(calls.executor.medianMs, 3)} ms | ${f(calls.executor.p95Ms, 3)} ms | ${ratio(calls.executor.medianMs, calls.sdk.medianMs)} |`,
    `| stream: openai SDK | ${f(streams.sdk.medianMs, 3)} ms | ${f(streams.sdk.p95Ms, 3)} ms | 1.00× |`,
    `| stream: adapter | ${f(streams.adapter.medianMs, 3)} ms | ${f(streams.adapter.p95Ms, 3)} ms | ${ratio(streams.adapter.medianMs, streams.sdk.medianMs)} |`,
    `| stream: executor | ${f(streams.executor.medianMs, 3)} ms | ${f(streams.executor.p95Ms, 3)} ms | ${ratio(streams.executor.medianMs, streams.sdk.medianMs)} |`,
    '',
    `Throughput at ${size.concurrency} in flight: SDK ${f(throughput.sdkPerSecond, 0)}/s, executor ${f(throughput.executorPerSecond, 0)}/s (${ratio(throughput.executorPerSecond, throughput.sdkPerSecond)}).`,
    '',
    '### A dead primary (every call answers 503)',
    `${r.dead.requests} requests: ${r.dead.callsToDeadPrimary} reached the dead primary (its retries before the breaker opened), ` +
      `served by ${JSON.stringify(r.dead.servedBy)}; the first request took ${f(r.dead.firstRequestMs, 1)} ms (retries with backoff), the rest a median of ${f(r.dead.medianAfterFirstMs, 3)} ms.`,
  ].join('\n');
}
