// LangChain through @modelmux/langchain's ChatModelmux vs LangChain's own ChatOpenAI, against the
// same fake (in a child process): sequential p50 and client CPU per request, interleaved call by
// call; then a dead primary: ChatModelmux over a factory (openai → groq, its default breaker) vs
// ChatOpenAI.withFallbacks, calls to the primary counted at the fake.
import { ChatModelmux } from '@modelmux/langchain';
import { createPooledFetch } from '@modelmux/transport';
import { startFakeProcess, type FakeProcess } from './fake-process.js';
import { langchainInProcess } from './langchain-in-process.js';
import type { BenchSize } from './scenarios.js';
import { langchainModel, maxTokens, prompt, routedFactory } from './sides.js';
import { median } from './stats.js';

/** One side's sequential figures. */
export interface LangchainSide {
  p50Ms: number;
  cpuUs: number;
}

/** One library's figures with a primary that answers 500 on every call. */
export interface LangchainDeadFigures {
  requests: number;
  primaryCalls: number;
  primaryCallsSecondHalf: number;
  failures: number;
}

/** Sequential p50 and CPU per request of each side, interleaved call by call. */
async function overheadSides(fake: FakeProcess, size: BenchSize) {
  const pool = createPooledFetch();
  const plain = routedFactory(fake);
  const pooled = routedFactory(fake, { fetch: pool });
  const chatOpenAI = langchainModel(fake);
  const viaFactory = new ChatModelmux({ factory: plain, model: 'auto', maxTokens });
  const viaPooled = new ChatModelmux({ factory: pooled, model: 'auto', maxTokens });
  const llm = plain.getProvider();
  const sides: Record<string, () => Promise<unknown>> = {
    ChatOpenAI: () => chatOpenAI.invoke(prompt),
    ChatModelmux: () => viaFactory.invoke(prompt),
    'ChatModelmux+pool': () => viaPooled.invoke(prompt),
    // The same factory without LangChain: what the LangChain layer itself adds.
    'modelmux invoke': () => llm.invoke(prompt),
  };
  const names = Object.keys(sides);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  try {
    for (let round = 0; round < size.warmup + size.rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length] as string;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await (sides[name] as () => Promise<unknown>)();
        const ms = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        if (round < size.warmup) continue;
        wall[name]?.push(ms);
        cpu[name] = (cpu[name] ?? 0) + used.user + used.system;
      }
      if (round % 500 === 499) await fake.reset();
    }
    const result: Record<string, LangchainSide> = {};
    for (const name of names)
      result[name] = { p50Ms: median(wall[name] ?? []), cpuUs: (cpu[name] ?? 0) / size.rounds };
    return result;
  } finally {
    await Promise.all([plain.close(), pooled.close()]);
    await pool.close();
  }
}

async function deadSide(
  fake: FakeProcess,
  library: 'ChatModelmux' | 'withFallbacks',
  requests: number,
): Promise<LangchainDeadFigures> {
  const factory =
    library === 'ChatModelmux'
      ? routedFactory(fake, { maxRetries: 0, only: ['openai', 'groq'] })
      : undefined;
  const model = factory
    ? new ChatModelmux({ factory, maxTokens })
    : langchainModel(fake, 'openai').withFallbacks([langchainModel(fake, 'groq')]);
  try {
    // Warm up while the primary is healthy (these calls sit in the breaker's window), then kill it.
    for (let i = 0; i < 20; i++) await model.invoke(prompt);
    await fake.reset();
    await fake.rules('openai', { failRate: 1, failWith: { status: 500 } });
    const half = Math.floor(requests / 2);
    let atHalf = 0;
    let failures = 0;
    for (let i = 0; i < requests; i++) {
      if (i === half) atHalf = await fake.count('openai');
      await model.invoke(prompt).catch(() => (failures += 1));
    }
    const calls = await fake.count('openai');
    return { requests, primaryCalls: calls, primaryCallsSecondHalf: calls - atHalf, failures };
  } finally {
    await factory?.close();
    await fake.reset();
  }
}

/** Both comparisons, each in one process run against one fake. */
export async function langchainDropIn(size: BenchSize) {
  const fake = await startFakeProcess();
  try {
    const inProcess = await langchainInProcess(fake, size);
    const sequential = await overheadSides(fake, size);
    const dead = {
      ChatModelmux: await deadSide(fake, 'ChatModelmux', size.deadRequests),
      withFallbacks: await deadSide(fake, 'withFallbacks', size.deadRequests),
    };
    return { inProcess, sequential, dead };
  } finally {
    await fake.close();
  }
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/** The figures as Markdown, ratios to ChatOpenAI. */
export function formatLangchainDropIn(r: Awaited<ReturnType<typeof langchainDropIn>>): string {
  const base = r.sequential['ChatOpenAI'] as LangchainSide;
  const inBase = r.inProcess['ChatOpenAI'] as { wallUs: number; cpuUs: number };
  const lines = [
    '### LangChain in process: ChatModelmux vs ChatOpenAI on the same canned fetch',
    '',
    '| side | wall / call | ratio | CPU / call | CPU ratio |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(r.inProcess).map(
      ([name, s]) =>
        `| ${name} | ${f(s.wallUs, 1)} µs | ${f(s.wallUs / inBase.wallUs)}× | ${f(s.cpuUs, 1)} µs | ${f(s.cpuUs / inBase.cpuUs)}× |`,
    ),
    '',
    '### LangChain: ChatModelmux vs ChatOpenAI over HTTP (sequential, interleaved)',
    '',
    '| side | p50 | p50 ratio | client CPU / req | CPU ratio |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(r.sequential).map(
      ([name, s]) =>
        `| ${name} | ${f(s.p50Ms, 3)} ms | ${f(s.p50Ms / base.p50Ms)}× | ${f(s.cpuUs, 0)} µs | ${f(s.cpuUs / base.cpuUs)}× |`,
    ),
    '',
    '### LangChain: a primary answering 500 (ChatModelmux vs withFallbacks)',
    '',
    '| library | requests | calls to the primary | in the 2nd half | failed |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(r.dead).map(
      ([name, d]) =>
        `| ${name} | ${d.requests} | ${d.primaryCalls} | ${d.primaryCallsSecondHalf} | ${d.failures} |`,
    ),
  ];
  return lines.join('\n');
}
