// The executor events one plan run emits. Each emitter returns at once when nobody listens, so
// the payload objects are built only for a listener.
import type { Provider, ProviderError } from '@modelmux/core';
import type { AttemptCall, Lane } from './attempt-call.js';
import type { ExecutorCore, Skip } from './executor-core.js';
import type { Operation } from './operation.js';

/** `onAttempt`: a call starts on `lane`. */
export function emitAttempt(core: ExecutorCore, op: Operation<unknown>, lane: Lane): void {
  if (!core.attempt.hasListeners) return;
  core.attempt.emit({
    operation: op.name,
    provider: lane.provider.name,
    model: lane.model,
    attempt: lane.attempt,
    hedge: lane.hedge,
  });
}

/** `onFallback`: the run moves from the lane that failed (with `kind`) to `to`. */
export function emitFallback(
  core: ExecutorCore,
  op: Operation<unknown>,
  from: Lane,
  kind: ProviderError['kind'],
  to: Provider,
  toModel: string | undefined,
): void {
  if (!core.fallback.hasListeners) return;
  core.fallback.emit({
    operation: op.name,
    from: from.provider.name,
    fromModel: from.model,
    to: to.name,
    toModel,
    kind,
  });
}

/** `onRetry`: `lane` will try again after `delayMs`. */
export function emitRetry(
  core: ExecutorCore,
  op: Operation<unknown>,
  lane: Lane,
  error: ProviderError,
  attempt: number,
  delayMs: number,
): void {
  if (!core.retry.hasListeners) return;
  core.retry.emit({
    operation: op.name,
    provider: lane.provider.name,
    model: lane.model,
    attempt,
    delayMs,
    kind: error.kind,
    error,
  });
}

/** `onFailure`: a call on `lane` failed after `durationMs` (`hedgeLost`: it lost a hedge race). */
export function emitFailure(
  core: ExecutorCore,
  op: Operation<unknown>,
  lane: Lane,
  error: ProviderError,
  durationMs: number,
  hedgeLost: boolean,
): void {
  if (!core.failure.hasListeners) return;
  core.failure.emit({
    operation: op.name,
    provider: lane.provider.name,
    model: lane.model,
    durationMs,
    attempt: lane.attempt,
    kind: error.kind,
    status: error.status,
    error,
    hedgeLost,
  });
}

/** `onSuccess`: `lane` won with `result`. */
export function emitSuccess<R>(
  core: ExecutorCore,
  op: Operation<R>,
  lane: Lane,
  call: AttemptCall | undefined,
  result: R,
): void {
  if (!core.success.hasListeners) return;
  const { usage, costUsd, rateLimit } = op.usageOf(result);
  core.success.emit({
    operation: op.name,
    provider: lane.provider.name,
    model: lane.model,
    durationMs: core.now() - (call?.startedAt ?? 0),
    attempt: lane.attempt,
    usage,
    costUsd,
    rateLimit,
  });
}

/** `onSkip`: a candidate was passed over without a call. */
export function emitSkip(
  core: ExecutorCore,
  op: Operation<unknown>,
  provider: string,
  model: string | undefined,
  skip: Skip,
): void {
  if (!core.skip.hasListeners) return;
  core.skip.emit({
    operation: op.name,
    provider,
    model,
    cause: skip.cause,
    kind: skip.kind,
    reason: skip.reason,
  });
}
