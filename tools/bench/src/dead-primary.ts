// A dead primary (every call answers 500, then every call hangs until the timeout) with a
// healthy secondary: modelmux vs ai-fallback vs LangChain's withFallbacks, counted at the fake.
import { createFallback } from 'ai-fallback';
import { generateText } from 'ai';
import { startFakeProcess, type FakeProcess } from './fake-process.js';
import type { BenchSize } from './scenarios.js';
import OpenAI from 'openai';
import { aiSdkModel, langchainModel, maxTokens, prompt, routedFactory, sdkBody } from './sides.js';
import { median } from './stats.js';

/** How the primary is dead. */
export type DeadMode = '500' | 'hang';

/** One library's figures for one mode. */
export interface DeadFigures {
  requests: number;
  /** Requests that reached the dead primary, per 1 000 requests. */
  primaryCallsPer1000: number;
  /** Calls to the primary in the second half of the run (after any breaker has opened). */
  primaryCallsSecondHalf: number;
  /** Median time per request over the whole run, and over its second half. */
  medianMs: number;
  medianSecondHalfMs: number;
  /** The same library's median while the primary was still healthy (its own yardstick). */
  healthyMs: number;
  /** Requests that did not get an answer (a library that gave up). */
  failures: number;
}

type Library = 'modelmux' | 'ai-fallback' | 'langchain';

function librarySide(fake: FakeProcess, library: Library, timeoutMs: number) {
  if (library === 'modelmux') {
    // The defaults a user gets (breaker on), retries off like the peers, a per-attempt timeout.
    const factory = routedFactory(fake, { maxRetries: 0, timeoutMs, only: ['openai', 'groq'] });
    const llm = factory.getProvider();
    return { call: () => llm.invoke(prompt), close: () => factory.close() };
  }
  if (library === 'ai-fallback') {
    const model = createFallback({
      models: [aiSdkModel(fake, 'openai', timeoutMs), aiSdkModel(fake, 'groq', timeoutMs)],
    });
    return {
      call: () => generateText({ model, prompt, maxOutputTokens: maxTokens, maxRetries: 0 }),
      close: async () => undefined,
    };
  }
  const chain = langchainModel(fake, 'openai', timeoutMs).withFallbacks([
    langchainModel(fake, 'groq', timeoutMs),
  ]);
  return { call: () => chain.invoke(prompt), close: async () => undefined };
}

async function runOne(
  fake: FakeProcess,
  library: Library,
  mode: DeadMode,
  requests: number,
  timeoutMs: number,
): Promise<DeadFigures> {
  // The library's own yardstick: the same set-up while the primary is healthy, on a separate
  // instance so that these successes do not sit in the measured instance's breaker window.
  const healthy: number[] = [];
  const yardstick = librarySide(fake, library, timeoutMs);
  try {
    for (let i = 0; i < 20 + Math.min(requests, 200); i++) {
      const started = performance.now();
      await yardstick.call();
      if (i >= 20) healthy.push(performance.now() - started);
    }
  } finally {
    await yardstick.close();
  }
  const side = librarySide(fake, library, timeoutMs);
  try {
    // Warm the side while the primary is healthy (JIT, sockets), then kill the primary.
    for (let i = 0; i < 20; i++) await side.call();
    await fake.reset();
    await fake.rules('openai', {
      failRate: 1,
      failWith: mode === '500' ? { status: 500 } : 'hang',
    });
    const times: number[] = [];
    let failures = 0;
    let atHalf = 0;
    const half = Math.floor(requests / 2);
    for (let i = 0; i < requests; i++) {
      if (i === half) atHalf = await fake.count('openai');
      const started = performance.now();
      try {
        await side.call();
      } catch {
        failures += 1;
      }
      times.push(performance.now() - started);
    }
    const calls = await fake.count('openai');
    return {
      requests,
      primaryCallsPer1000: (calls / requests) * 1000,
      primaryCallsSecondHalf: calls - atHalf,
      medianMs: median(times),
      medianSecondHalfMs: median(times.slice(half)),
      healthyMs: median(healthy),
      failures,
    };
  } finally {
    await side.close();
    await fake.reset();
  }
}

/** Both modes for the three libraries, plus the yardstick: the direct SDK to the healthy secondary. */
export async function deadPrimary(size: BenchSize) {
  const fake = await startFakeProcess();
  try {
    // The secondary's answer through the direct SDK, at groq's OpenAI-compatible path.
    const secondary = new OpenAI({
      apiKey: 'gsk_bench',
      baseURL: `${fake.baseURL.groq}/openai/v1`,
      maxRetries: 0,
    });
    const yard: number[] = [];
    for (let i = 0; i < 20 + size.deadRequests; i++) {
      const started = performance.now();
      await secondary.chat.completions.create({ ...sdkBody, model: 'llama-3.3-70b-versatile' });
      if (i >= 20) yard.push(performance.now() - started);
    }
    const libraries: Library[] = ['modelmux', 'ai-fallback', 'langchain'];
    const results: Record<DeadMode, Record<Library, DeadFigures>> = {
      '500': {} as Record<Library, DeadFigures>,
      hang: {} as Record<Library, DeadFigures>,
    };
    for (const library of libraries)
      results['500'][library] = await runOne(fake, library, '500', size.deadRequests, 30_000);
    for (const library of libraries)
      results.hang[library] = await runOne(
        fake,
        library,
        'hang',
        size.hangRequests,
        size.hangTimeoutMs,
      );
    return { secondaryDirectMs: median(yard), hangTimeoutMs: size.hangTimeoutMs, results };
  } finally {
    await fake.close();
  }
}
