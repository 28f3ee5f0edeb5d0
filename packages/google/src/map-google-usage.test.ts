import { describe, expect, it } from 'vitest';
import { mapGoogleUsage } from './map-google-usage.js';

describe('mapGoogleUsage', () => {
  it('maps prompt, candidates, cached and thoughts tokens (thoughts count as output)', () => {
    expect(
      mapGoogleUsage({
        promptTokenCount: 100,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 30,
        cachedContentTokenCount: 60,
        totalTokenCount: 150,
      }),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      totalTokens: 150,
      cachedInputTokens: 60,
      reasoningTokens: 30,
    });
  });

  it('sums the total when the API gives none, and reads missing usage as zero', () => {
    expect(mapGoogleUsage({ promptTokenCount: 3, candidatesTokenCount: 4 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
    expect(mapGoogleUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });
});
