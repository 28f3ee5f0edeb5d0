import { describe, expect, it } from 'vitest';
import { aiSdkDropIn, formatAiSdkDropIn } from './ai-sdk-drop-in.js';
import type { BenchSize } from './scenarios.js';

// Keeps the AI SDK drop-in scenario working: a tiny run, structure and counts at the fake only.
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

describe('the AI SDK drop-in scenario (tiny)', () => {
  it('times both sides and counts the calls to a dead primary', async () => {
    const result = await aiSdkDropIn(tiny);
    expect(Object.keys(result.figures)).toEqual([
      'ai-sdk + @ai-sdk/openai',
      'ai-sdk + @modelmux/ai-sdk',
      'ai-sdk + @modelmux/ai-sdk, SDK fetch',
    ]);
    for (const side of Object.values(result.figures)) {
      expect(side.p50Ms).toBeGreaterThan(0);
      expect(side.cpuUs).toBeGreaterThan(0);
    }
    // Every call of every side reached the fake (4 rounds × 3 sides).
    expect(result.callsAtFake).toBe(12);
    // ai-fallback moves on after the first error and stays away; modelmux's breaker opens after
    // its window fills, then the primary gets nothing. Nobody fails: groq answers.
    expect(result.dead['ai-fallback']).toMatchObject({ primaryCalls: 1, failures: 0 });
    expect(result.dead['@modelmux/ai-sdk']).toMatchObject({
      primaryCallsSecondHalf: 0,
      failures: 0,
    });
    expect(result.dead['@modelmux/ai-sdk'].primaryCalls).toBeGreaterThan(0);
    expect(formatAiSdkDropIn(result)).toContain('| @modelmux/ai-sdk | 60 |');
  }, 120_000);
});
