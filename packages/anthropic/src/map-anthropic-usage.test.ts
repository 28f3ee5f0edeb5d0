import { describe, expect, it } from 'vitest';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage.js';

describe('mapAnthropicUsage', () => {
  it('adds cache reads and cache writes to inputTokens (Anthropic input_tokens excludes them)', () => {
    expect(
      mapAnthropicUsage({
        input_tokens: 10,
        output_tokens: 5,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 40,
      }),
    ).toEqual({
      inputTokens: 150,
      outputTokens: 5,
      totalTokens: 155,
      cachedInputTokens: 100,
      cacheWriteInputTokens: 40,
    });
  });

  it('reads the 5-minute / 1-hour split of cache writes (cache_creation)', () => {
    expect(
      mapAnthropicUsage({
        input_tokens: 10,
        output_tokens: 5,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 },
      }),
    ).toEqual({
      inputTokens: 310,
      outputTokens: 5,
      totalTokens: 315,
      cacheWriteInputTokens: 300,
      cacheWrite1hInputTokens: 200,
    });
  });

  it('adds the split when only cache_creation is sent', () => {
    const usage = mapAnthropicUsage({
      input_tokens: 1,
      output_tokens: 1,
      cache_creation: { ephemeral_5m_input_tokens: 30, ephemeral_1h_input_tokens: 0 },
    });
    expect(usage.cacheWriteInputTokens).toBe(30);
    expect(usage.inputTokens).toBe(31);
    expect(usage.cacheWrite1hInputTokens).toBeUndefined();
  });

  it('leaves cachedInputTokens out when the vendor does not report cache reads', () => {
    expect(mapAnthropicUsage({ input_tokens: 7, output_tokens: 3 })).toEqual({
      inputTokens: 7,
      outputTokens: 3,
      totalTokens: 10,
    });
  });

  it('reports thinking tokens as reasoningTokens', () => {
    expect(
      mapAnthropicUsage({
        input_tokens: 1,
        output_tokens: 30,
        output_tokens_details: { thinking_tokens: 20 },
      }).reasoningTokens,
    ).toBe(20);
  });

  it('reads a missing usage as zero', () => {
    expect(mapAnthropicUsage(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
    });
  });
});

describe('mergeAnthropicUsage', () => {
  it('keeps message_start input counts and takes non-null cumulative message_delta fields', () => {
    const merged = mergeAnthropicUsage(
      { input_tokens: 12, output_tokens: 1, cache_read_input_tokens: 4 },
      { input_tokens: null, output_tokens: 30, cache_read_input_tokens: null },
    );
    expect(merged).toEqual({ input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 4 });
  });
});
