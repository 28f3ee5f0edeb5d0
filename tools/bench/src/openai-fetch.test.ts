import { expect, it } from 'vitest';
import { formatOpenAIFetch, openaiFetchBench } from './openai-fetch.js';
import type { BenchSize } from './scenarios.js';

// Keeps the openai-fetch scenario working: one tiny run, structure and calls at the fake, never
// timings (figures come from `npm run bench -- --only=openai-fetch`).
it('measures the SDK on its own fetch and through openaiFetch(), and formats the table', async () => {
  const tiny = { rounds: 3, warmup: 1, throughputCalls: 8, throughputReps: 1, concurrency: 4 };
  const result = await openaiFetchBench(tiny as BenchSize);
  for (const side of Object.values(result.figures)) {
    expect(side.p50Ms).toBeGreaterThan(0);
    expect(side.perSecond).toBeGreaterThan(0);
  }
  expect(result.overheadP50Ms).toBeGreaterThanOrEqual(0);
  expect(result.failed).toEqual({ sdk: 0, 'sdk via openaiFetch()': 0 });
  // Every sequential call of both sides reached the fake's OpenAI (cost routing picks it).
  expect(result.sequentialCallsAtFake).toBe((tiny.warmup + tiny.rounds) * 2);
  expect(formatOpenAIFetch(result)).toContain('| sdk via openaiFetch() |');
}, 120_000);
