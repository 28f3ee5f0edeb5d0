import type { Usage } from '@modelmux/core';
import type { OpenAIChatWireUsage } from './openai-chat-wire.js';

/**
 * Maps OpenAI-style usage to modelmux usage: cached prompt tokens (a subset of `prompt_tokens`)
 * and reasoning tokens (a subset of `completion_tokens`, so counted once) when reported, and the
 * response's `service_tier` (priced from the model's `serviceTiers`).
 */
export function mapOpenAICompatibleUsage(
  usage: OpenAIChatWireUsage | null | undefined,
  serviceTier?: string | null,
): Usage {
  const inputTokens = usage?.prompt_tokens ?? 0;
  const outputTokens = usage?.completion_tokens ?? 0;
  const result: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: usage?.total_tokens ?? inputTokens + outputTokens,
  };
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') result.reasoningTokens = reasoning;
  if (typeof serviceTier === 'string' && serviceTier !== '') result.serviceTier = serviceTier;
  return result;
}
