import type { FakeProviderName, FakeRateLimit } from '../types.js';

/** Formats ms as the Go duration OpenAI and Groq send (`6m0s`, `1s`, `20ms`, `1h0m0s`). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 1000) / 1000;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** The quota a response reports: the scripted values, else the defaults (`served` counts down requests). */
export function effectiveRateLimit(
  limits: FakeRateLimit | undefined,
  served: number,
): Required<FakeRateLimit> {
  const limitRequests = limits?.limitRequests ?? 10_000;
  const limitTokens = limits?.limitTokens ?? 2_000_000;
  return {
    limitRequests,
    remainingRequests: limits?.remainingRequests ?? Math.max(0, limitRequests - served),
    resetRequestsMs: limits?.resetRequestsMs ?? 6000,
    limitTokens,
    remainingTokens: limits?.remainingTokens ?? limitTokens,
    resetTokensMs: limits?.resetTokensMs ?? 20,
  };
}

/**
 * The rate-limit headers of one response in the vendor's real format: OpenAI and Groq
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` with Go durations; Anthropic
 * `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}` with
 * RFC 3339 times (input and output tokens report the token quota). Gemini sends none.
 */
export function rateLimitHeaders(
  provider: FakeProviderName,
  limits: FakeRateLimit | undefined,
  served: number,
  now: number,
): Record<string, string> {
  const q = effectiveRateLimit(limits, served);
  if (provider === 'openai' || provider === 'groq') {
    return {
      'x-ratelimit-limit-requests': String(q.limitRequests),
      'x-ratelimit-remaining-requests': String(q.remainingRequests),
      'x-ratelimit-reset-requests': goDuration(q.resetRequestsMs),
      'x-ratelimit-limit-tokens': String(q.limitTokens),
      'x-ratelimit-remaining-tokens': String(q.remainingTokens),
      'x-ratelimit-reset-tokens': goDuration(q.resetTokensMs),
    };
  }
  if (provider === 'anthropic') {
    const at = (ms: number) => new Date(now + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const headers: Record<string, string> = {
      'anthropic-ratelimit-requests-limit': String(q.limitRequests),
      'anthropic-ratelimit-requests-remaining': String(q.remainingRequests),
      'anthropic-ratelimit-requests-reset': at(q.resetRequestsMs),
    };
    for (const unit of ['tokens', 'input-tokens', 'output-tokens']) {
      headers[`anthropic-ratelimit-${unit}-limit`] = String(q.limitTokens);
      headers[`anthropic-ratelimit-${unit}-remaining`] = String(q.remainingTokens);
      headers[`anthropic-ratelimit-${unit}-reset`] = at(q.resetTokensMs);
    }
    return headers;
  }
  return {};
}
