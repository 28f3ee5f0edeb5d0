import {
  type AttemptFailure,
  CircuitOpenError,
  InvalidRequestError,
  ProviderError,
  type ProviderErrorOptions,
  redactSecrets,
} from '@modelmux/core';
import { abortReasons } from './abort.js';
import { isAbortError } from './error-filter.js';

/**
 * Why the executor itself stopped a call: the request's deadline passed (`deadline`), another
 * call settled the request first (`superseded`: a lost hedge), or the stream's consumer stopped
 * reading (`consumer`).
 */
export type StopCause = 'deadline' | 'superseded' | 'consumer';

/**
 * A call the executor stopped itself, with the reason in an explicit field: a deadline cut is
 * a `timeout` that says nothing about the provider (not counted by its breaker, not retried);
 * a superseded call is an `aborted` that does not end the request.
 */
export class StoppedCallError extends ProviderError {
  /** Why the executor stopped the call. */
  readonly stoppedBy: StopCause;

  constructor(options: ProviderErrorOptions & { stoppedBy: StopCause }) {
    super(options);
    this.stoppedBy = options.stoppedBy;
  }
}

/** True when this timeout came from the request deadline, not the provider's own slowness. */
export function isDeadlineCut(error: unknown): boolean {
  return (error as Partial<StoppedCallError> | undefined)?.stoppedBy === 'deadline';
}

/** True when this abort means "another call won" or "the consumer stopped", not the caller. */
export function isSuperseded(error: unknown): boolean {
  const by = (error as Partial<StoppedCallError> | undefined)?.stoppedBy;
  return by === 'superseded' || by === 'consumer';
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
      return new StoppedCallError({
        kind: 'timeout',
        provider: site.provider,
        model: site.model,
        isRetryable: false,
        message: `The request's ${site.deadlineMs}ms deadline passed during this call`,
        cause: error,
        stoppedBy: 'deadline',
      });
    }
    if (reason === abortReasons.superseded || reason === abortReasons.consumerStopped) {
      const superseded = reason === abortReasons.superseded;
      return new StoppedCallError({
        kind: 'aborted',
        provider: site.provider,
        model: site.model,
        message: superseded
          ? 'Aborted: another call settled the request (hedge lost)'
          : 'Aborted: the stream consumer stopped reading',
        cause: error,
        stoppedBy: superseded ? 'superseded' : 'consumer',
      });
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
  if (InvalidRequestError.isInstance(error)) {
    // The adapter could not build this request: the caller's error (fail fast, no breaker count).
    return new ProviderError({
      kind: 'bad_request',
      provider: site.provider,
      model: site.model,
      isRetryable: false,
      message: error.message,
      cause: error,
    });
  }
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
