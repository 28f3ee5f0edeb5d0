import { describe, expect, it } from 'vitest';
import { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';

describe('mapOpenAICompatibleUsage', () => {
  it('maps cached and reasoning tokens when reported', () => {
    expect(
      mapOpenAICompatibleUsage({
        prompt_tokens: 100,
        completion_tokens: 40,
        total_tokens: 140,
        prompt_tokens_details: { cached_tokens: 64 },
        completion_tokens_details: { reasoning_tokens: 12 },
      }),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      totalTokens: 140,
      cachedInputTokens: 64,
      reasoningTokens: 12,
    });
  });

  it('omits what is not reported and gives zeros for no usage', () => {
    expect(
      mapOpenAICompatibleUsage({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }),
    ).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(mapOpenAICompatibleUsage(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
    });
  });

  it('adds up the total when the vendor leaves it out', () => {
    expect(mapOpenAICompatibleUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
  });
});
