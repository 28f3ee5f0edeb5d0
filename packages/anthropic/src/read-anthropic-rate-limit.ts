import type { RateLimitInfo } from '@modelmux/core';
import { parseRateLimitHeaders } from '@modelmux/core/provider-utils';

/** A response's headers (a fetch `Headers`). */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Reads Anthropic's `anthropic-ratelimit-*` headers into a `RateLimitInfo` (core's
 * `parseRateLimitHeaders`; resets are RFC 3339 times). A response that sends no remaining
 * request count and no remaining token counts costs three header lookups and gives `undefined`.
 */
export function readAnthropicRateLimit(
  headers: HeaderReader | null | undefined,
): RateLimitInfo | undefined {
  if (
    !headers ||
    (headers.get('anthropic-ratelimit-requests-remaining') === null &&
      headers.get('anthropic-ratelimit-tokens-remaining') === null &&
      headers.get('anthropic-ratelimit-input-tokens-remaining') === null)
  )
    return undefined;
  return parseRateLimitHeaders('anthropic', headers);
}
