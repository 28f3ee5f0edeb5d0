import type {
  JSONObject,
  LanguageModelV3FinishReason,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from '@ai-sdk/provider';
import type { FinishReason, Usage } from '@modelmux/core';
import type { RoutedAttempt } from 'modelmux';

/** modelmux's usage in the AI SDK's shape (cached input and reasoning output split out). */
export function toUsage(usage: Usage): LanguageModelV3Usage {
  const cacheRead = usage.cachedInputTokens;
  const reasoning = usage.reasoningTokens;
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: usage.inputTokens - (cacheRead ?? 0),
      cacheRead,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: usage.outputTokens,
      text: usage.outputTokens - (reasoning ?? 0),
      reasoning,
    },
  };
}

/** An unknown usage (a stream that ended in an error). */
export const unknownUsage: LanguageModelV3Usage = {
  inputTokens: {
    total: undefined,
    noCache: undefined,
    cacheRead: undefined,
    cacheWrite: undefined,
  },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

/** modelmux's finish reason (already the AI SDK's names). */
export function toFinishReason(reason: FinishReason): LanguageModelV3FinishReason {
  return { unified: reason, raw: reason };
}

/** How a request was routed, as `providerMetadata.modelmux` reports it. */
export interface RoutingInfo {
  provider: string;
  model: string;
  strategy: string;
  rule?: string | undefined;
  attempts: readonly RoutedAttempt[];
  costUsd: number | undefined;
  requestId: string;
  cached: boolean;
}

/**
 * `providerMetadata.modelmux`: `{ provider, model, strategy, rule?, attempts, costUsd, requestId,
 * cached }`. `attempts` lists every call (provider, model, ok, latencyMs, and why a call failed);
 * `costUsd` is `null` when the model's price is unknown.
 */
export function routingMetadata(info: RoutingInfo): SharedV3ProviderMetadata {
  const attempts = info.attempts.map((a): JSONObject => ({
    provider: a.provider,
    model: a.model ?? null,
    ok: a.ok,
    latencyMs: a.latencyMs,
    ...(a.kind !== undefined && { kind: a.kind }),
    ...(a.status !== undefined && { status: a.status }),
    ...(a.message !== undefined && { message: a.message }),
  }));
  return {
    modelmux: {
      provider: info.provider,
      model: info.model,
      strategy: info.strategy,
      ...(info.rule !== undefined && { rule: info.rule }),
      attempts,
      costUsd: info.costUsd ?? null,
      requestId: info.requestId,
      cached: info.cached,
    },
  };
}
