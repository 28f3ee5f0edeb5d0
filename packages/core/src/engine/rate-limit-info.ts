/**
 * A vendor's remaining quota, read from its response headers (OpenAI and Groq
 * `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*`). Every field is optional: vendors send
 * different subsets. Times are epoch ms.
 */
export interface RateLimitInfo {
  limitRequests?: number;
  remainingRequests?: number;
  /** When the request quota is full again (epoch ms). */
  resetRequestsAt?: number;
  limitTokens?: number;
  remainingTokens?: number;
  /** When the token quota is full again (epoch ms). */
  resetTokensAt?: number;
  /** Anthropic only: its separate input-token quota. */
  limitInputTokens?: number;
  remainingInputTokens?: number;
  resetInputTokensAt?: number;
  /** Anthropic only: its separate output-token quota. */
  limitOutputTokens?: number;
  remainingOutputTokens?: number;
  resetOutputTokensAt?: number;
}
