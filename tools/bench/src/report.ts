import { deadPrimary, inProcessOverhead, overHttp, type BenchSize } from './scenarios.js';

/** Every scenario's figures (a scenario left out with `--only` is undefined). */
export interface BenchResults {
  overhead: Awaited<ReturnType<typeof inProcessOverhead>> | undefined;
  http: Awaited<ReturnType<typeof overHttp>> | undefined;
  dead: Awaited<ReturnType<typeof deadPrimary>> | undefined;
}

/** The scenarios, as `--only=overhead,http,dead` names them. */
export const scenarioNames = ['overhead', 'http', 'dead'] as const;
/** One scenario's name. */
export type ScenarioName = (typeof scenarioNames)[number];

/** Runs the chosen scenarios (default: all) in one process, one after the other. */
export async function runBenchmarks(
  size: BenchSize,
  only: readonly ScenarioName[] = scenarioNames,
): Promise<BenchResults> {
  const overhead = only.includes('overhead') ? await inProcessOverhead(size) : undefined;
  const http = only.includes('http') ? await overHttp(size) : undefined;
  const dead = only.includes('dead') ? await deadPrimary(size) : undefined;
  return { overhead, http, dead };
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/** The results as Markdown, with ratios against the direct SDK. */
export function formatReport(r: BenchResults, size: BenchSize): string {
  const ratio = (a: number, b: number) => `${f(a / b)}×`;
  const lines = [
    `## modelmux benchmarks (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${size.rounds} rounds)`,
  ];
  if (r.overhead) {
    lines.push(
      '',
      '### Added cost in process (an instant provider; no network)',
      `- direct provider call: ${f(r.overhead.directUs)} µs`,
      `- executor, 2-provider plan, no breaker: +${f(r.overhead.executorAddedUs)} µs per call`,
      `- executor with breaker, per-attempt timeout and deadline: +${f(r.overhead.fullExecutorAddedUs)} µs per call`,
      `- CPU time (user + system) added per call, same three sides: ` +
        `+${f(r.overhead.executorAddedCpuUs)} µs / +${f(r.overhead.fullExecutorAddedCpuUs)} µs`,
    );
  }
  if (r.http) lines.push('', ...httpLines(r.http, size, ratio));
  if (r.dead) lines.push('', ...deadLines(r.dead));
  return lines.join('\n');
}

function httpLines(
  http: NonNullable<BenchResults['http']>,
  size: BenchSize,
  ratio: (a: number, b: number) => string,
): string[] {
  const { calls, streams, throughput } = http;
  return [
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
  ];
}

function deadLines(dead: NonNullable<BenchResults['dead']>): string[] {
  return [
    '### A dead primary (every call answers 503)',
    `${dead.requests} requests: ${dead.callsToDeadPrimary} reached the dead primary (the calls that opened its breaker), ` +
      `served by ${JSON.stringify(dead.servedBy)}; the first request took ${f(dead.firstRequestMs, 1)} ms ` +
      `(a healthy call: ${f(dead.healthyMs, 1)} ms; backoff slept: ${f(dead.firstRequestBackoffMs, 0)} ms), ` +
      `the rest a median of ${f(dead.medianAfterFirstMs, 3)} ms. On warm code, a fresh executor's failover ` +
      `request took ${f(dead.warmFailoverMs, 1)} ms (a healthy call: ${f(dead.warmHealthyMs, 1)} ms).`,
  ];
}
