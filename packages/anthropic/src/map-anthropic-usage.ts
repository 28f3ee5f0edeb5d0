import type { Usage } from '@modelmux/core';

/** The usage fields Anthropic reports (on a message, or cumulatively on `message_delta`). */
export interface AnthropicUsageFields {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  /** The cache writes by lifetime (5-minute writes cost 1.25× input, 1-hour writes 2×). */
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/**
 * Normalises Anthropic usage. Anthropic's `input_tokens` excludes prompt-cache reads and cache
 * writes, so `inputTokens` = `input_tokens` + `cache_read_input_tokens` +
 * `cache_creation_input_tokens` (every input token processed), `cachedInputTokens` = the cache
 * reads, `cacheWriteInputTokens` = the cache writes (`cache_creation_input_tokens`, or the sum of
 * the `cache_creation` split) and `cacheWrite1hInputTokens` = the 1-hour writes. Thinking is
 * billed as output and already in `output_tokens` (counted once); `reasoningTokens` =
 * `output_tokens_details.thinking_tokens` when reported.
 */
export function mapAnthropicUsage(usage: AnthropicUsageFields | null | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? undefined;
  const split = usage?.cache_creation;
  const writes1h = split?.ephemeral_1h_input_tokens ?? undefined;
  const writes =
    usage?.cache_creation_input_tokens ??
    (split ? (split.ephemeral_5m_input_tokens ?? 0) + (writes1h ?? 0) : undefined);
  const inputTokens = (usage?.input_tokens ?? 0) + (cacheRead ?? 0) + (writes ?? 0);
  const outputTokens = usage?.output_tokens ?? 0;
  const result: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  if (cacheRead !== undefined) result.cachedInputTokens = cacheRead;
  if (writes !== undefined) result.cacheWriteInputTokens = writes;
  if (writes1h !== undefined && writes1h > 0) result.cacheWrite1hInputTokens = writes1h;
  const thinking = usage?.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') result.reasoningTokens = thinking;
  return result;
}

/** Merges the usage of `message_start` with the cumulative usage of `message_delta` (non-null fields win). */
export function mergeAnthropicUsage(
  start: AnthropicUsageFields | undefined,
  delta: AnthropicUsageFields | undefined,
): AnthropicUsageFields {
  const merged: AnthropicUsageFields = { ...start };
  for (const [key, value] of Object.entries(delta ?? {}) as [keyof AnthropicUsageFields, never][]) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
