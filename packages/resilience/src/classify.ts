import {
  type AttemptFailure,
  CircuitOpenError,
  ProviderError,
  redactSecrets,
} from '@modelmux/core';
import { abortReasons } from './abort.js';
import { isAbortError } from './error-filter.js';

/** Timeouts caused by the request's deadline: listed, but not counted against the provider's health. */
const cutByDeadline = new WeakSet<object>();
/** Aborts of a call that lost a hedge race (or was stopped because the request settled). */
const superseded = new WeakSet<object>();

/** True when this timeout came from the request deadline, not the provider's own slowness. */
export function isDeadlineCut(error: ProviderError): boolean {
  return cutByDeadline.has(error);
}

/** True when this abort means "another call won". */
export function isSuperseded(error: ProviderError): boolean {
  return superseded.has(error);
}

/** What the executor knows about the call that failed. */
export interface CallSite {
  provider: string;
  model: string | undefined;
  timeoutMs: number;
  deadlineMs: number;
}

/**
 * Turns whatever a call threw into a `ProviderError`, using the call's signal to tell why it
 * was aborted: its own timeout (kind `timeout`), the request deadline (`timeout`, not counted
 * by the breaker), a hedge loss (`aborted`, superseded) or the caller (`aborted`).
 * `CircuitOpenError` passes through.
 */
export function classifyFailure(
  error: unknown,
  signal: AbortSignal | undefined,
  site: CallSite,
): ProviderError | CircuitOpenError {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason === abortReasons.timeout) {
      return new ProviderError({
        kind: 'timeout',
        provider: site.provider,
        model: site.model,
        message: `No answer within the ${site.timeoutMs}ms attempt timeout`,
        cause: error,
      });
    }
    if (reason === abortReasons.deadline) {
      const timedOut = new ProviderError({
        kind: 'timeout',
        provider: site.provider,
        model: site.model,
        isRetryable: false,
        message: `The request's ${site.deadlineMs}ms deadline passed during this call`,
        cause: error,
      });
      cutByDeadline.add(timedOut);
      return timedOut;
    }
    if (reason === abortReasons.superseded || reason === abortReasons.consumerStopped) {
      const stopped = new ProviderError({
        kind: 'aborted',
        provider: site.provider,
        model: site.model,
        message:
          reason === abortReasons.superseded
            ? 'Aborted: another call settled the request (hedge lost)'
            : 'Aborted: the stream consumer stopped reading',
        cause: error,
      });
      superseded.add(stopped);
      return stopped;
    }
    if (ProviderError.isInstance(error) && error.kind === 'aborted') return error;
    return new ProviderError({
      kind: 'aborted',
      provider: site.provider,
      model: site.model,
      message: 'The caller aborted the request',
      cause: reason,
    });
  }
  if (ProviderError.isInstance(error) || CircuitOpenError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    kind: isAbortError(error) ? 'aborted' : 'unknown',
    provider: site.provider,
    model: site.model,
    message: redactSecrets(message),
    cause: error,
  });
}

/** One failed call as listed by `AllProvidersFailedError`. */
export function toAttemptFailure(
  error: ProviderError,
  provider: string,
  model: string | undefined,
  latencyMs: number,
): AttemptFailure {
  return {
    provider,
    model,
    kind: error.kind,
    status: error.status,
    latencyMs,
    message: redactSecrets(error.message),
    error,
  };
}
