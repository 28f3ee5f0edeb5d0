import type { Usage } from '@modelmux/core';

/** Gemini's `usageMetadata`, with the fields newer API versions add. */
export interface GoogleUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
}

/**
 * Normalises Gemini usage: `inputTokens` = prompt (which already counts cached content) + tool-use
 * prompt tokens; `outputTokens` = candidates + thoughts (Gemini counts thinking apart from the
 * candidates); `cachedInputTokens` = `cachedContentTokenCount`, `reasoningTokens` =
 * `thoughtsTokenCount`.
 */
export function mapGoogleUsage(metadata: GoogleUsageMetadata | undefined): Usage {
  const inputTokens = (metadata?.promptTokenCount ?? 0) + (metadata?.toolUsePromptTokenCount ?? 0);
  const thoughts = metadata?.thoughtsTokenCount;
  const outputTokens = (metadata?.candidatesTokenCount ?? 0) + (thoughts ?? 0);
  const usage: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: metadata?.totalTokenCount ?? inputTokens + outputTokens,
  };
  if (metadata?.cachedContentTokenCount !== undefined)
    usage.cachedInputTokens = metadata.cachedContentTokenCount;
  if (thoughts !== undefined) usage.reasoningTokens = thoughts;
  return usage;
}
