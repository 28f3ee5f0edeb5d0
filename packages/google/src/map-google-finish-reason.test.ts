import { describe, expect, it } from 'vitest';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';

describe('mapGoogleFinishReason', () => {
  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content-filter'],
    ['RECITATION', 'content-filter'],
    ['BLOCKLIST', 'content-filter'],
    ['PROHIBITED_CONTENT', 'content-filter'],
    ['SPII', 'content-filter'],
    ['MALFORMED_FUNCTION_CALL', 'error'],
    ['OTHER', 'other'],
    ['FINISH_REASON_UNSPECIFIED', 'other'],
    [undefined, 'other'],
  ] as const)('%s → %s', (reason, expected) => {
    expect(mapGoogleFinishReason(reason)).toBe(expected);
  });

  it('is tool-calls when the answer holds function calls', () => {
    expect(mapGoogleFinishReason('STOP', { hasToolCalls: true })).toBe('tool-calls');
  });

  it('is content-filter when the prompt was blocked (no candidate)', () => {
    expect(mapGoogleFinishReason(undefined, { blockReason: 'SAFETY' })).toBe('content-filter');
  });
});
