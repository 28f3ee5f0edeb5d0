import { describe, expect, test } from 'vitest';
import { parseRateLimitHeaders, parseResetDurationMs } from './parse-rate-limit-headers.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('parseResetDurationMs', () => {
  test.each([
    ['6m0s', 360_000],
    ['1s', 1000],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['7.66s', 7660],
    ['2', 2000],
  ])('%s → %d ms', (text, ms) => expect(parseResetDurationMs(text)).toBeCloseTo(ms, 6));

  test.each(['', 'soon', '5x', '1s garbage'])('%j is unreadable', (text) =>
    expect(parseResetDurationMs(text)).toBeUndefined(),
  );
});

describe('parseRateLimitHeaders', () => {
  test('reads OpenAI/Groq headers (a Headers object), resets made absolute from now', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '3',
      'x-ratelimit-reset-requests': '6m0s',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '120',
      'x-ratelimit-reset-tokens': '20ms',
    });
    for (const vendor of ['openai', 'groq'] as const) {
      expect(parseRateLimitHeaders(vendor, headers, now)).toEqual({
        limitRequests: 500,
        remainingRequests: 3,
        resetRequestsAt: now + 360_000,
        limitTokens: 30000,
        remainingTokens: 120,
        resetTokensAt: now + 20,
      });
    }
  });

  test('reads Anthropic headers (a plain map, any case), RFC 3339 resets', () => {
    expect(
      parseRateLimitHeaders(
        'anthropic',
        {
          'Anthropic-RateLimit-Requests-Limit': '50',
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:30Z',
          'anthropic-ratelimit-tokens-limit': '40000',
          'anthropic-ratelimit-tokens-remaining': '1000',
          'anthropic-ratelimit-tokens-reset': '2026-01-01T00:01:00Z',
          'anthropic-ratelimit-input-tokens-remaining': '900',
          'anthropic-ratelimit-output-tokens-remaining': '100',
        },
        now,
      ),
    ).toEqual({
      limitRequests: 50,
      remainingRequests: 0,
      resetRequestsAt: now + 30_000,
      limitTokens: 40000,
      remainingTokens: 1000,
      resetTokensAt: now + 60_000,
      remainingInputTokens: 900,
      remainingOutputTokens: 100,
    });
  });

  test('undefined without rate-limit headers; unreadable values are left out', () => {
    expect(
      parseRateLimitHeaders('openai', new Headers({ 'content-type': 'x' }), now),
    ).toBeUndefined();
    expect(parseRateLimitHeaders('anthropic', undefined, now)).toBeUndefined();
    expect(
      parseRateLimitHeaders(
        'openai',
        { 'x-ratelimit-remaining-requests': 'many', 'x-ratelimit-limit-tokens': '-1' },
        now,
      ),
    ).toBeUndefined();
    expect(
      parseRateLimitHeaders(
        'openai',
        { 'x-ratelimit-reset-requests': 'later', 'x-ratelimit-remaining-requests': '2' },
        now,
      ),
    ).toEqual({ remainingRequests: 2 });
  });
});
