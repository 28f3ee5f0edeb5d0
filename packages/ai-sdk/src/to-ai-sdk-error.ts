import { AISDKError, APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import {
  AllProvidersFailedError,
  BudgetExceededError,
  InvalidRequestError,
  ModelmuxError,
  ProviderError,
  redactSecrets,
} from '@modelmux/core';

/** The provider and HTTP status a failure is about, where it says. */
function whereItFailed(error: unknown): { provider?: string; status?: number; kind?: string } {
  if (ProviderError.isInstance(error))
    return {
      provider: error.provider,
      kind: error.kind,
      ...(error.status !== undefined && { status: error.status }),
    };
  if (AllProvidersFailedError.isInstance(error)) {
    const last = error.attempts.at(-1);
    return last
      ? {
          provider: last.provider,
          kind: last.kind,
          ...(last.status !== undefined && { status: last.status }),
        }
      : {};
  }
  if (BudgetExceededError.isInstance(error))
    return { kind: 'budget', ...(error.provider !== undefined && { provider: error.provider }) };
  return {};
}

/**
 * What a modelmux failure becomes for the AI SDK. Every error leaves as non-retryable: modelmux
 * has already retried and fallen back as its config says, so `ai`'s own retries (`maxRetries`,
 * default 2) would only multiply the calls. A caller's abort is rethrown as the signal's reason;
 * the caller's bad input is `InvalidArgumentError` naming the field; AI SDK errors pass through.
 */
export function toAiSdkError(
  error: unknown,
  context: { requestId?: string | undefined; signal?: AbortSignal | undefined },
): unknown {
  if (context.signal?.aborted)
    return context.signal.reason instanceof Error
      ? context.signal.reason
      : new DOMException('The operation was aborted.', 'AbortError');
  if (AISDKError.isInstance(error)) return error;
  if (InvalidRequestError.isInstance(error))
    return new InvalidArgumentError({
      argument: error.field,
      message: error.message,
      cause: error,
    });
  const where = whereItFailed(error);
  const name = error instanceof Error ? error.name : 'Error';
  const message = ModelmuxError.isInstance(error)
    ? error.message
    : redactSecrets(error instanceof Error ? error.message : String(error));
  return new APICallError({
    message,
    url: `modelmux://${where.provider ?? 'router'}`,
    requestBodyValues: context.requestId === undefined ? {} : { requestId: context.requestId },
    ...(where.status !== undefined && { statusCode: where.status }),
    isRetryable: false,
    cause: error,
    data: {
      name,
      ...(context.requestId !== undefined && { requestId: context.requestId }),
      ...(where.kind !== undefined && { kind: where.kind }),
      ...(where.provider !== undefined && { provider: where.provider }),
    },
  });
}
