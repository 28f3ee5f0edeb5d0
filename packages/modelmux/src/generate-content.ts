import { AllProvidersFailedError, type ChatRequest, redactSecrets } from '@modelmux/core';
import type { RoutedResult, GenerateContentResponse } from './routed-result.js';
import type { RoutedAttempt } from './tracked-candidates.js';

/** Options of `generateContent`: request fields, a system prompt and routing overrides. */
export type GenerateContentOptions = Partial<Omit<ChatRequest, 'messages'>> & {
  /** A system prompt placed before the user's. */
  system?: string;
  /** Start with this provider (fallback as configured). */
  provider?: string;
  /** Use this routing strategy for this call. */
  strategy?: string;
  /** This request's id (default: a random UUID). */
  requestId?: string;
};

/** The user's design's success shape, from a routed result. */
export function contentSuccess(result: RoutedResult): GenerateContentResponse {
  return {
    success: true,
    content: result.text,
    providerName: result.provider,
    model: result.model,
    metadata: {
      usage: result.usage,
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
      attempts: result.attempts,
      requestId: result.requestId,
      cached: result.cached,
    },
  };
}

/** The user's design's failure shape: a redacted message, the calls that were made, no throw. */
export function contentFailure(
  error: unknown,
  requestId: string,
  latencyMs: number,
): GenerateContentResponse {
  const attempts: RoutedAttempt[] = AllProvidersFailedError.isInstance(error)
    ? error.attempts.map((a) => ({
        provider: a.provider,
        model: a.model,
        ok: false,
        latencyMs: a.latencyMs,
        kind: a.kind,
        ...(a.status !== undefined && { status: a.status }),
        message: a.message,
      }))
    : [];
  const last = attempts.at(-1);
  return {
    success: false,
    content: '',
    providerName: last?.provider ?? '',
    model: last?.model ?? '',
    error: redactSecrets(error instanceof Error ? error.message : String(error)),
    errorName: error instanceof Error ? error.name : typeof error,
    metadata: {
      usage: undefined,
      costUsd: undefined,
      latencyMs,
      attempts,
      requestId,
      cached: false,
    },
  };
}
