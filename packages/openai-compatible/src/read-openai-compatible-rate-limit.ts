import type { RateLimitInfo } from '@modelmux/core';
import { parseRateLimitHeaders } from '@modelmux/core/provider-utils';

/** A response's headers (a fetch `Headers`). */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Reads OpenAI's and Groq's `x-ratelimit-*` headers into a `RateLimitInfo` (core's
 * `parseRateLimitHeaders`, resets made absolute from `now`). A response that sends neither
 * remaining count costs two header lookups and gives `undefined`.
 */
export function readOpenAICompatibleRateLimit(
  headers: HeaderReader | null | undefined,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (
    !headers ||
    (headers.get('x-ratelimit-remaining-requests') === null &&
      headers.get('x-ratelimit-remaining-tokens') === null)
  )
    return undefined;
  return parseRateLimitHeaders('openai', headers, now);
}
