import { type HeaderLookup, readHeader } from './retry-after.js';

/**
 * The vendor's request id from response headers, as openai-node keeps it: `x-request-id`
 * (OpenAI, Groq), then `request-id` (Anthropic). Accepts a `Headers` or a plain map.
 */
export function requestIdFromHeaders(headers: HeaderLookup): string | undefined {
  return readHeader(headers, 'x-request-id') || readHeader(headers, 'request-id') || undefined;
}
