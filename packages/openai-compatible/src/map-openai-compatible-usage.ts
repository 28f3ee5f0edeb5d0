import type { Usage } from '@modelmux/core';
import type { OpenAIChatWireUsage } from './openai-chat-wire.js';

/** Maps OpenAI-style usage (with cached prompt tokens and reasoning tokens when reported) to modelmux usage. */
export function mapOpenAICompatibleUsage(usage: OpenAIChatWireUsage | null | undefined): Usage {
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
  return result;
}
