import type { Usage } from '@modelmux/core';

/** The usage fields Anthropic reports (on a message, or cumulatively on `message_delta`). */
export interface AnthropicUsageFields {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/**
 * Normalises Anthropic usage. Anthropic's `input_tokens` excludes prompt-cache reads and cache
 * writes, so `inputTokens` = `input_tokens` + `cache_read_input_tokens` +
 * `cache_creation_input_tokens` (every input token processed), and `cachedInputTokens` = the
 * cache reads. `reasoningTokens` = `output_tokens_details.thinking_tokens` when reported.
 */
export function mapAnthropicUsage(usage: AnthropicUsageFields | null | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? undefined;
  const inputTokens =
    (usage?.input_tokens ?? 0) + (cacheRead ?? 0) + (usage?.cache_creation_input_tokens ?? 0);
  const outputTokens = usage?.output_tokens ?? 0;
  const result: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  if (cacheRead !== undefined) result.cachedInputTokens = cacheRead;
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
