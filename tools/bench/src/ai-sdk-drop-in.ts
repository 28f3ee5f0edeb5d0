// The Vercel AI SDK through @modelmux/ai-sdk (issue 20): generateText on modelmux's provider vs
// on @ai-sdk/openai directly, same fake, interleaved call by call (p50 and CPU per request, as
// ratios); and with a dead primary, ai-fallback vs modelmux under ai's default retries (calls to
// the dead primary, counted at the fake).
import { createModelmux } from '@modelmux/ai-sdk';
import { createPooledFetch } from '@modelmux/transport';
import { generateText } from 'ai';
import { createFallback } from 'ai-fallback';
import { startFakeProcess, type FakeProcess } from './fake-process.js';
import type { BenchSize } from './scenarios.js';
import { aiSdkModel, maxTokens, prompt, routedFactory } from './sides.js';
import { median } from './stats.js';

/** One side's sequential figures. */
export interface DropInFigures {
  p50Ms: number;
  cpuUs: number;
}

/** One library's calls to a primary answering 500. */
export interface DropInDeadFigures {
  requests: number;
  primaryCalls: number;
  primaryCallsSecondHalf: number;
  failures: number;
}

const yardstick = 'ai-sdk + @ai-sdk/openai';

async function sequential(fake: FakeProcess, size: BenchSize) {
  const pool = createPooledFetch();
  // The same factory as the `modelmux` sides (cost routing over four providers, fallback,
  // metrics, a daily budget): on the pooled transport (what a factory built from settings uses)
  // and on the SDKs' own fetch.
  const pooled = routedFactory(fake, { fetch: pool });
  const plain = routedFactory(fake);
  const direct = aiSdkModel(fake);
  const viaPooled = createModelmux(pooled)('auto');
  const viaPlain = createModelmux(plain)('auto');
  const call = (model: Parameters<typeof generateText>[0]['model']) => () =>
    generateText({ model, prompt, maxOutputTokens: maxTokens, maxRetries: 0 });
  const sides: Record<string, () => Promise<unknown>> = {
    [yardstick]: call(direct),
    'ai-sdk + @modelmux/ai-sdk': call(viaPooled),
    'ai-sdk + @modelmux/ai-sdk, SDK fetch': call(viaPlain),
  };
  try {
    const names = Object.keys(sides);
    const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const cpu: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
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
    const figures: Record<string, DropInFigures> = {};
    for (const name of names)
      figures[name] = { p50Ms: median(wall[name] ?? []), cpuUs: (cpu[name] ?? 0) / size.rounds };
    return { figures, callsAtFake: await fake.count() };
  } finally {
    await Promise.all([pooled.close(), plain.close()]);
    await pool.close();
  }
}

type DeadLibrary = 'ai-fallback' | '@modelmux/ai-sdk';

/** `generateText` with ai's defaults (maxRetries 2) over openai → groq, through either library. */
function deadSide(fake: FakeProcess, library: DeadLibrary) {
  if (library === 'ai-fallback') {
    const model = createFallback({
      models: [aiSdkModel(fake, 'openai'), aiSdkModel(fake, 'groq')],
    });
    return {
      call: () => generateText({ model, prompt, maxOutputTokens: maxTokens }),
      close: async () => undefined,
    };
  }
  // The factory's defaults (maxRetries 2, breaker on), openai then groq.
  const factory = routedFactory(fake, { only: ['openai', 'groq'] });
  const model = createModelmux(factory)('auto');
  return {
    call: () => generateText({ model, prompt, maxOutputTokens: maxTokens }),
    close: () => factory.close(),
  };
}

async function deadOne(
  fake: FakeProcess,
  library: DeadLibrary,
  requests: number,
): Promise<DropInDeadFigures> {
  const side = deadSide(fake, library);
  try {
    for (let i = 0; i < 20; i++) await side.call();
    await fake.reset();
    await fake.rules('openai', { failRate: 1, failWith: { status: 500 } });
    let failures = 0;
    let atHalf = 0;
    for (let i = 0; i < requests; i++) {
      if (i === Math.floor(requests / 2)) atHalf = await fake.count('openai');
      await side.call().catch(() => void (failures += 1));
    }
    const calls = await fake.count('openai');
    return { requests, primaryCalls: calls, primaryCallsSecondHalf: calls - atHalf, failures };
  } finally {
    await side.close();
    await fake.reset();
  }
}

/** Both parts of the scenario against one fake in a child process. */
export async function aiSdkDropIn(size: BenchSize) {
  const fake = await startFakeProcess();
  try {
    const overhead = await sequential(fake, size);
    await fake.reset();
    const dead = {
      'ai-fallback': await deadOne(fake, 'ai-fallback', size.deadRequests),
      '@modelmux/ai-sdk': await deadOne(fake, '@modelmux/ai-sdk', size.deadRequests),
    };
    return { ...overhead, dead };
  } finally {
    await fake.close();
  }
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/** The scenario's two tables, as Markdown. */
export function formatAiSdkDropIn(r: Awaited<ReturnType<typeof aiSdkDropIn>>): string {
  const base = r.figures[yardstick];
  const rows = Object.entries(r.figures).map(
    ([name, v]) =>
      `| ${name} | ${f(v.p50Ms, 3)} ms | ${base ? f(v.p50Ms / base.p50Ms) : ''}× | ` +
      `${f(v.cpuUs, 0)} µs | ${base ? f(v.cpuUs / base.cpuUs) : ''}× |`,
  );
  const dead = Object.entries(r.dead).map(
    ([name, v]) =>
      `| ${name} | ${v.requests} | ${v.primaryCalls} | ${v.primaryCallsSecondHalf} | ${v.failures} |`,
  );
  return [
    '### AI SDK: generateText through @modelmux/ai-sdk vs @ai-sdk/openai directly (interleaved)',
    '| side | p50 | p50 ratio | client CPU / req | CPU ratio |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    "### AI SDK with a primary answering 500 (ai's default maxRetries), counted at the fake",
    '| library | requests | calls to the primary | in the 2nd half | failed requests |',
    '|---|---|---|---|---|',
    ...dead,
  ].join('\n');
}
