import type { ChatRequest, EmbedRequest, MatchValue, RoutingMatch } from '@modelmux/core';

function matchesValue(expected: MatchValue, actual: unknown): boolean {
  if (Array.isArray(expected)) return (expected as readonly unknown[]).includes(actual);
  return expected === actual;
}

/**
 * Whether a request matches a rule's or experiment's `when`: a predicate is called with the
 * request; an object's every field must equal the request's `metadata` field (or be one of a
 * listed values); for `tags`, every listed tag must be among the request's tags.
 */
export function matchesRequest(
  when: RoutingMatch,
  request: ChatRequest<unknown> | EmbedRequest,
): boolean {
  if (typeof when === 'function') return when(request as ChatRequest<unknown>);
  const metadata = request.metadata;
  for (const key in when) {
    const expected = when[key];
    if (key === 'tags') {
      const tags = metadata?.tags;
      if (!Array.isArray(tags)) return false;
      const wanted = Array.isArray(expected) ? (expected as readonly unknown[]) : [expected];
      for (const tag of wanted) if (!tags.includes(tag as string)) return false;
      continue;
    }
    if (!metadata || !matchesValue(expected, metadata[key])) return false;
  }
  return true;
}

/** A matcher compiled once from a rule's or experiment's `when` (no `for…in` per request). */
export type RequestMatcher = (request: ChatRequest<unknown> | EmbedRequest) => boolean;

/** Compiles `when` into a matcher; the same semantics as `matchesRequest`. */
export function compileMatch(when: RoutingMatch): RequestMatcher {
  if (typeof when === 'function') return (request) => when(request as ChatRequest<unknown>);
  const fields = Object.entries(when);
  return (request) => {
    const metadata = request.metadata;
    if (!metadata) return fields.length === 0;
    for (let i = 0; i < fields.length; i++) {
      const [key, expected] = fields[i];
      if (key === 'tags') {
        const tags = metadata.tags;
        if (!Array.isArray(tags)) return false;
        if (Array.isArray(expected)) {
          for (const tag of expected as readonly unknown[])
            if (!tags.includes(tag as string)) return false;
        } else if (!tags.includes(expected as string)) return false;
      } else if (!matchesValue(expected, metadata[key])) return false;
    }
    return true;
  };
}
