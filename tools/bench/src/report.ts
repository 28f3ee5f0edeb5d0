import { deadPrimary, type DeadFigures } from './dead-primary.js';
import { memory } from './memory.js';
import { overhead, streaming } from './overhead.js';
import { inProcessOverhead, type BenchSize } from './scenarios.js';

/** Every scenario's figures (a scenario left out with `--only` is undefined). */
export interface BenchResults {
  inProcess: Awaited<ReturnType<typeof inProcessOverhead>> | undefined;
  overhead: Awaited<ReturnType<typeof overhead>> | undefined;
  streaming: Awaited<ReturnType<typeof streaming>> | undefined;
  dead: Awaited<ReturnType<typeof deadPrimary>> | undefined;
  memory: Awaited<ReturnType<typeof memory>> | undefined;
}

/** The scenarios, as `--only=in-process,overhead,streaming,dead,memory` names them. */
export const scenarioNames = ['in-process', 'overhead', 'streaming', 'dead', 'memory'] as const;
/** One scenario's name. */
export type ScenarioName = (typeof scenarioNames)[number];

/** Runs the chosen scenarios (default: all) in one process, one after the other. */
export async function runBenchmarks(
  size: BenchSize,
  only: readonly ScenarioName[] = scenarioNames,
  log: (line: string) => void = () => undefined,
): Promise<BenchResults> {
  const run = async <T>(name: ScenarioName, fn: () => Promise<T>): Promise<T | undefined> => {
    if (!only.includes(name)) return undefined;
    const started = performance.now();
    const result = await fn();
    log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  return {
    inProcess: await run('in-process', () => inProcessOverhead(size)),
    overhead: await run('overhead', () => overhead(size)),
    streaming: await run('streaming', () => streaming(size)),
    dead: await run('dead', () => deadPrimary(size)),
    memory: await run('memory', () => memory(size)),
  };
}

const f = (n: number, digits = 2) => n.toFixed(digits);
const x = (a: number, b: number) => `${f(a / b)}×`;
const us = (ms: number) => `${ms >= 0 ? '+' : ''}${f(ms * 1000, 0)} µs`;

/** The results as Markdown, with ratios against the direct openai SDK. */
export function formatReport(r: BenchResults, size: BenchSize): string {
  const lines = [
    `## modelmux benchmarks (${new Date().toISOString().slice(0, 16)}Z, node ${process.version}, ` +
      `${size.rounds} rounds, ${size.concurrency} in flight)`,
  ];
  if (r.inProcess) lines.push('', ...inProcessLines(r.inProcess));
  if (r.overhead) lines.push('', ...overheadLines(r.overhead, size));
  if (r.streaming) lines.push('', ...streamingLines(r.streaming));
  if (r.dead) lines.push('', ...deadLines(r.dead));
  if (r.memory) lines.push('', ...memoryLines(r.memory));
  return lines.join('\n');
}

function inProcessLines(o: NonNullable<BenchResults['inProcess']>): string[] {
  return [
    '### Added cost in process (providers that answer at once; no network)',
    '| path | added wall time per call | added CPU per call |',
    '|---|---|---|',
    `| executor, 2-provider plan, no breaker | +${f(o.executorAddedUs)} µs | +${f(o.executorAddedCpuUs)} µs |`,
    `| executor with breaker, timeout and deadline | +${f(o.fullExecutorAddedUs)} µs | +${f(o.fullExecutorAddedCpuUs)} µs |`,
    `| ProviderFactory invoke (cost routing over 4, fallback, metrics, budgets) | +${f(o.factoryAddedUs)} µs | +${f(o.factoryAddedCpuUs)} µs |`,
  ];
}

function overheadLines(o: NonNullable<BenchResults['overhead']>, size: BenchSize): string[] {
  const base = o.sequential.sdk;
  const baseRate = o.perSecond.sdk ?? Number.NaN;
  const rows = Object.entries(o.sequential).map(([name, s]) => {
    const rate = o.perSecond[name] ?? Number.NaN;
    return (
      `| ${name} | ${f(s.p50Ms, 3)} ms | ${base ? x(s.p50Ms, base.p50Ms) : ''} | ` +
      `${base ? us(s.p50Ms - base.p50Ms) : ''} | ${f(s.p99Ms, 3)} ms | ${f(s.cpuUs, 0)} µs | ` +
      `${base ? x(s.cpuUs, base.cpuUs) : ''} | ${f(rate, 0)}/s | ${x(rate, baseRate)} |`
    );
  });
  return [
    `### Over HTTP against the fake (child process): sequential, and ${size.concurrency} in flight`,
    "`+pool`: the same side with `@modelmux/transport`'s `createPooledFetch()` as the SDKs' `fetch`.",
    '',
    '| side | p50 | p50 ratio | p50 added | p99 | client CPU / req | CPU ratio | req/s | req/s ratio |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

function streamingLines(s: NonNullable<BenchResults['streaming']>): string[] {
  const base = s.sdk;
  return [
    '### Streaming (time to first text, and to the end of the stream)',
    '| side | first token | ratio | added | whole stream | ratio |',
    '|---|---|---|---|---|---|',
    ...Object.entries(s).map(
      ([name, v]) =>
        `| ${name} | ${f(v.firstTokenMs, 3)} ms | ${base ? x(v.firstTokenMs, base.firstTokenMs) : ''} | ` +
        `${base ? us(v.firstTokenMs - base.firstTokenMs) : ''} | ${f(v.totalMs, 3)} ms | ${base ? x(v.totalMs, base.totalMs) : ''} |`,
    ),
  ];
}

function deadLines(d: NonNullable<BenchResults['dead']>): string[] {
  const row = (mode: string, name: string, v: DeadFigures) =>
    `| ${mode} | ${name} | ${f(v.primaryCallsPer1000, 0)} | ${v.primaryCallsSecondHalf} | ` +
    `${f(v.healthyMs, 3)} ms | ${f(v.medianMs, 3)} ms | ${f(v.medianSecondHalfMs, 3)} ms | ${us(v.medianSecondHalfMs - v.healthyMs)} | ${us(v.medianSecondHalfMs - d.secondaryDirectMs)} | ${v.failures} |`;
  return [
    '### A dead primary, a healthy secondary (counted at the fake)',
    `Yardstick: the direct SDK to the healthy secondary, ${f(d.secondaryDirectMs, 3)} ms. ` +
      `"hang": the primary never answers; each attempt is cut at ${d.hangTimeoutMs} ms.`,
    '',
    '| primary | library | calls to the primary per 1 000 requests | calls in the 2nd half | median, primary healthy | median / request | median, 2nd half | 2nd half vs healthy | 2nd half vs direct SDK to the secondary | failed requests |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(d.results['500']).map(([name, v]) => row('500', name, v)),
    ...Object.entries(d.results.hang).map(([name, v]) =>
      row(`hang (${d.results.hang.modelmux.requests} req)`, name, v),
    ),
  ];
}

function memoryLines(r: NonNullable<BenchResults['memory']>): string[] {
  const mb = (b: number) => `${f(b / 1024 / 1024, 1)} MB`;
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${f(v * 100, 1)} %`;
  const m = r.withBudget;
  const row = (label: string, x: typeof m) => [
    `| ${label}: heap used | ${mb(x.before.heapUsed)} | ${mb(x.after.heapUsed)} | ${pct(x.heapChange)} |`,
    `| ${label}: RSS | ${mb(x.before.rss)} | ${mb(x.after.rss)} | ${pct(x.rssChange)} |`,
  ];
  return [
    `### Memory across ${m.requests.toLocaleString('en')} routed requests (after ${m.warmup.toLocaleString('en')} warm-up requests; in-process providers)`,
    '| factory | before | after | change |',
    '|---|---|---|---|',
    ...row('daily budget on', m),
    ...row('no budget', r.withoutBudget),
    '',
    `Per routed request (the whole factory, no network): ${f(m.usPerRequest, 1)} µs, ${f(m.cpuUsPerRequest, 1)} µs CPU with the budget; ` +
      `${f(r.withoutBudget.usPerRequest, 1)} µs, ${f(r.withoutBudget.cpuUsPerRequest, 1)} µs CPU without.`,
  ];
}
