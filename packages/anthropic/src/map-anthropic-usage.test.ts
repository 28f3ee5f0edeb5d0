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
    });
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
