import { ProviderError } from '@modelmux/core';
import { signalAborted, sleep } from './abort.js';
import {
  type BackoffOptions,
  backoffDelayMs,
  defaultBaseDelayMs,
  defaultMaxDelayMs,
} from './backoff.js';
import { type ErrorFilter, handleRetryable, isAbortError } from './error-filter.js';
import { type Event, EventSource } from './events.js';
import { type Policy, type PolicyContext, signalOrNever } from './policy.js';
import { nonNegative, positiveInteger } from './validate-options.js';

/** Settings of `retry()`. */
export interface RetryOptions extends BackoffOptions {
  /** Retries after the first try (default 2, so at most 3 calls). */
  maxRetries?: number;
  /**
   * The longest `retryAfterMs` a provider may ask for (default 60 000). Above it the policy
   * gives up at once instead of sleeping.
   */
  maxRetryAfterMs?: number;
  /** Which errors are retried (default: `ProviderError.isRetryable`, never an abort). */
  handles?: ErrorFilter;
}

/** Emitted before each retry's wait. */
export interface RetryEvent {
  /** The retry about to happen: 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: unknown;
}

/**
 * Why a retry policy stopped retrying a handled error (`declined`: the execution's hooks said
 * no, e.g. the executor moves on to another candidate).
 */
export type GiveUpReason = 'max-retries' | 'retry-after-too-long' | 'aborted' | 'declined';

/** Emitted when the policy stops retrying a handled error and rethrows it. */
export interface GiveUpEvent {
  error: unknown;
  /** Calls made. */
  attempts: number;
  reason: GiveUpReason;
}

/**
 * How one execution takes part in the retry loop's decisions. The fallback executor's plan run
 * implements it for its lanes (the `context` is the lane) to record each failure, to move on
 * instead of retrying (another candidate can serve, the breaker opened, the deadline is near)
 * and to report retries with its own fields. Every member is optional; `retry().execute()`
 * passes none.
 */
export interface RetryHooks<C> {
  /** A try failed (any error, before the decision). */
  failed?(context: C, error: unknown, attempt: number): void;
  /** A handled error could be retried after `delayMs`: return false to give up instead. */
  allowsRetry?(context: C, error: unknown, attempt: number, delayMs: number): boolean;
  /** The retry number `attempt` (1 for the first) will happen after `delayMs`. */
  retrying?(context: C, error: unknown, attempt: number, delayMs: number): void;
  /** The loop gave up on a handled error (before it is rethrown). */
  gaveUp?(context: C, error: unknown, reason: GiveUpReason): void;
  /**
   * The error to throw when `signal` is aborted before a try or during a wait (default: a
   * `ProviderError` of kind `aborted`).
   */
  aborted?(context: C, signal: AbortSignal, last: unknown): unknown;
}

/** Default retries after the first try. */
export const defaultMaxRetries = 2;
/** Default cap on a provider's requested wait, in ms. */
export const defaultMaxRetryAfterMs = 60_000;

/** Retries handled failures with exponential backoff and full jitter; see `retry()`. */
export class RetryPolicy implements Policy {
  private readonly retrySource = new EventSource<RetryEvent>();
  private readonly giveUpSource = new EventSource<GiveUpEvent>();
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly filter: ErrorFilter;
  private readonly random: () => number;

  /** Fires before each retry's wait. */
  readonly onRetry: Event<RetryEvent> = this.retrySource.event;
  /** Fires when a handled error is rethrown without another try. */
  readonly onGiveUp: Event<GiveUpEvent> = this.giveUpSource.event;

  constructor(options: RetryOptions = {}) {
    this.maxRetries = positiveInteger('maxRetries', options.maxRetries, defaultMaxRetries, true);
    this.baseDelayMs = nonNegative('baseDelayMs', options.baseDelayMs, defaultBaseDelayMs);
    this.maxDelayMs = nonNegative('maxDelayMs', options.maxDelayMs, defaultMaxDelayMs);
    this.maxRetryAfterMs = nonNegative(
      'maxRetryAfterMs',
      options.maxRetryAfterMs,
      defaultMaxRetryAfterMs,
    );
    this.filter = options.handles ?? handleRetryable;
    this.random = options.random ?? Math.random;
  }

  /** The wait before retry number `retry` (0-based) for `error`, or undefined to give up. */
  delayFor(retry: number, error: unknown): number | undefined {
    const delay = backoffDelayMs(retry, this.baseDelayMs, this.maxDelayMs, this.random);
    const retryAfter = ProviderError.isInstance(error) ? error.retryAfterMs : undefined;
    if (retryAfter === undefined) return delay;
    if (retryAfter > this.maxRetryAfterMs) return undefined;
    return Math.max(delay, retryAfter);
  }

  execute<T>(fn: (context: PolicyContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.run(tryWithContext<T>, { fn, signal: signalOrNever(signal) }, signal, undefined);
  }

  /**
   * The retry loop itself: `execute()` and every lane of the fallback executor run on it.
   * `tryOnce(context, attempt)` makes one try; `hooks` (optional) take part in the decisions.
   * The `context` is handed back to both, so a caller needs no closure per execution.
   */
  async run<T, C>(
    tryOnce: (context: C, attempt: number) => Promise<T>,
    context: C,
    signal: AbortSignal | undefined,
    hooks: RetryHooks<C> | undefined,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw this.abortError(context, signal, undefined, hooks);
      try {
        return await tryOnce(context, attempt);
      } catch (error) {
        hooks?.failed?.(context, error, attempt);
        if (isAbortError(error) || signal?.aborted || !this.filter.handles(error)) throw error;
        if (attempt >= this.maxRetries)
          throw this.giveUp(context, error, attempt + 1, 'max-retries', hooks);
        const delayMs = this.delayFor(attempt, error);
        if (delayMs === undefined)
          throw this.giveUp(context, error, attempt + 1, 'retry-after-too-long', hooks);
        if (hooks?.allowsRetry && !hooks.allowsRetry(context, error, attempt, delayMs))
          throw this.giveUp(context, error, attempt + 1, 'declined', hooks);
        hooks?.retrying?.(context, error, attempt + 1, delayMs);
        if (this.retrySource.hasListeners)
          this.retrySource.emit({ attempt: attempt + 1, delayMs, error });
        try {
          await sleep(delayMs, signal);
        } catch (reason) {
          if (reason !== signalAborted || !signal) throw reason;
          this.giveUp(context, error, attempt + 1, 'aborted', hooks);
          throw this.abortError(context, signal, error, hooks);
        }
      }
    }
  }

  private abortError<C>(
    context: C,
    signal: AbortSignal,
    last: unknown,
    hooks: RetryHooks<C> | undefined,
  ): unknown {
    return hooks?.aborted ? hooks.aborted(context, signal, last) : abortedError(signal, last);
  }

  private giveUp<C>(
    context: C,
    error: unknown,
    attempts: number,
    reason: GiveUpReason,
    hooks: RetryHooks<C> | undefined,
  ): unknown {
    hooks?.gaveUp?.(context, error, reason);
    if (this.giveUpSource.hasListeners) this.giveUpSource.emit({ error, attempts, reason });
    return error;
  }
}

function tryWithContext<T>(
  context: { fn: (context: PolicyContext) => Promise<T>; signal: AbortSignal },
  attempt: number,
): Promise<T> {
  return context.fn({ signal: context.signal, attempt });
}

function abortedError(signal: AbortSignal, last: unknown): ProviderError {
  const provider = ProviderError.isInstance(last) ? last.provider : 'unknown';
  const model = ProviderError.isInstance(last) ? last.model : undefined;
  return new ProviderError({
    kind: 'aborted',
    provider,
    model,
    message: 'The call was aborted while waiting to retry',
    cause: signal.reason,
  });
}

/**
 * A retry policy: retries errors the filter handles (by default `ProviderError.isRetryable`)
 * up to `maxRetries` times with full-jitter exponential backoff. Honours `retryAfterMs`
 * (waits at least that long), but gives up at once when it is above `maxRetryAfterMs`. Never
 * retries an abort; the wait ends early (timer cleared) when the signal aborts.
 *
 * @example
 * const policy = retry({ maxRetries: 3, baseDelayMs: 200 });
 * policy.onRetry(({ attempt, delayMs }) => log(`retry ${attempt} in ${delayMs}ms`));
 * await policy.execute(({ signal }) => provider.generate({ ...request, signal }));
 */
export function retry(options: RetryOptions = {}): RetryPolicy {
  return new RetryPolicy(options);
}
