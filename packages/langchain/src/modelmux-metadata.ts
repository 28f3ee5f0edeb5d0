import type { UsageMetadata } from '@langchain/core/messages';
import type { Usage } from '@modelmux/core';
import type { RoutedAttempt, RoutedFinishEvent, RoutedResult } from 'modelmux';

/** One call made for a request, as plain data (no error object: messages get serialised). */
export type ModelmuxAttempt = Omit<RoutedAttempt, 'error'>;

/** How a request was routed: `response_metadata.modelmux` of every answer. */
export interface ModelmuxMetadata {
  /** The provider that answered. */
  provider: string;
  /** The model that answered. */
  model: string;
  /** The routing strategy that ordered the providers. */
  strategy: string;
  /** The routing rule that matched, when one did. */
  rule?: string;
  /** Every call made, in order, the answering one last. */
  attempts: ModelmuxAttempt[];
  /** USD from the catalogue; undefined when the model's price is unknown. */
  costUsd: number | undefined;
  requestId: string;
  /** True when answered from modelmux's response cache. */
  cached: boolean;
}

function plainAttempt(attempt: RoutedAttempt): ModelmuxAttempt {
  const plain: ModelmuxAttempt & { error?: unknown } = { ...attempt };
  delete plain.error;
  return plain;
}

/** The routing metadata of a routed result or a routed stream's `finish` event. */
export function modelmuxMetadata(routed: RoutedResult | RoutedFinishEvent): ModelmuxMetadata {
  return {
    provider: routed.provider,
    model: routed.model,
    strategy: routed.strategy,
    ...(routed.rule !== undefined && { rule: routed.rule }),
    attempts: routed.attempts.map(plainAttempt),
    costUsd: routed.costUsd,
    requestId: routed.requestId,
    cached: routed.cached,
  };
}

/** modelmux's usage as LangChain's `usage_metadata` (cache reads and reasoning in the details). */
export function toUsageMetadata(usage: Usage): UsageMetadata {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    ...(usage.cachedInputTokens !== undefined && {
      input_token_details: { cache_read: usage.cachedInputTokens },
    }),
    ...(usage.reasoningTokens !== undefined && {
      output_token_details: { reasoning: usage.reasoningTokens },
    }),
  };
}

/**
 * `response_metadata.modelmux` of a message from `ChatModelmux`, typed; undefined for other
 * messages.
 *
 * @example
 * modelmuxMetadataOf(await model.invoke('Hi'))?.provider; // 'openai'
 */
export function modelmuxMetadataOf(message: {
  response_metadata?: Record<string, unknown>;
}): ModelmuxMetadata | undefined {
  const value = message.response_metadata?.['modelmux'];
  return typeof value === 'object' && value !== null ? (value as ModelmuxMetadata) : undefined;
}
