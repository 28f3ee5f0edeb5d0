/** Token usage of one call, normalised across vendors. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of `inputTokens`). */
  cachedInputTokens?: number;
  /** Output tokens spent on hidden reasoning (a subset of `outputTokens`). */
  reasoningTokens?: number;
}

/** A usage of zero tokens. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}
