import { expect, it } from 'vitest';
import { formatLangchainDropIn, langchainDropIn } from './langchain-dropin.js';
import type { BenchSize } from './scenarios.js';

// Keeps the LangChain rows working: a tiny run, structure and counts at the fake, never timings.
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

it('times ChatOpenAI and ChatModelmux, and counts calls to a dead primary', async () => {
  const results = await langchainDropIn(tiny);
  expect(Object.keys(results.sequential)).toEqual([
    'ChatOpenAI',
    'ChatModelmux',
    'ChatModelmux+pool',
    'modelmux invoke',
  ]);
  expect(Object.keys(results.inProcess)).toEqual(['ChatOpenAI', 'ChatModelmux', 'modelmux invoke']);
  for (const side of [...Object.values(results.sequential), ...Object.values(results.inProcess)]) {
    expect('p50Ms' in side ? side.p50Ms : side.wallUs).toBeGreaterThan(0);
    expect(side.cpuUs).toBeGreaterThan(0);
  }
  // withFallbacks calls the dead primary on every request; ChatModelmux until its breaker opens.
  expect(results.dead.withFallbacks.primaryCalls).toBe(tiny.deadRequests);
  expect(results.dead.ChatModelmux.primaryCallsSecondHalf).toBe(0);
  expect(results.dead.ChatModelmux.primaryCalls).toBeLessThan(tiny.deadRequests / 2);
  for (const d of Object.values(results.dead)) expect(d.failures).toBe(0);
  expect(formatLangchainDropIn(results)).toContain('| withFallbacks | 60 | 60 | 30 | 0 |');
}, 120_000);
