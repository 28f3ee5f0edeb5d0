/** Token usage of one call, normalised across vendors. */
export interface Usage {
  /** Every input token the vendor processed: plain, cache reads and cache writes. */
  inputTokens: number;
  /** Every output token, reasoning included (reasoning is counted once, here). */
  outputTokens: number;
  totalTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of `inputTokens`). */
  cachedInputTokens?: number;
  /**
   * Input tokens written to the provider's prompt cache (a subset of `inputTokens`, apart from
   * `cachedInputTokens`): Anthropic's `cache_creation_input_tokens`.
   */
  cacheWriteInputTokens?: number;
  /**
   * The part of `cacheWriteInputTokens` written with a 1-hour lifetime (Anthropic
   * `cache_creation.ephemeral_1h_input_tokens`, priced 2× input); the rest are 5-minute writes.
   */
  cacheWrite1hInputTokens?: number;
  /** Output tokens spent on hidden reasoning (a subset of `outputTokens`). */
  reasoningTokens?: number;
  /**
   * The service tier that served the call, as the vendor's response says (OpenAI
   * `service_tier`: `default`, `flex`, `priority`, `scale`; `batch` for Batch API results).
   * Priced from the model's `serviceTiers` when it lists the tier.
   */
  serviceTier?: string;
}

/** A usage of zero tokens. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}
