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

/** Why a retry policy stopped retrying a handled error. */
export type GiveUpReason = 'max-retries' | 'retry-after-too-long' | 'aborted';

/** Emitted when the policy stops retrying a handled error and rethrows it. */
export interface GiveUpEvent {
  error: unknown;
  /** Calls made. */
  attempts: number;
  reason: GiveUpReason;
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
    this.maxRetries = options.maxRetries ?? defaultMaxRetries;
    this.baseDelayMs = options.baseDelayMs ?? defaultBaseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? defaultMaxDelayMs;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? defaultMaxRetryAfterMs;
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

  async execute<T>(fn: (context: PolicyContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const given = signalOrNever(signal);
    for (let attempt = 0; ; attempt++) {
      if (given.aborted) throw abortedError(given, undefined);
      try {
        return await fn({ signal: given, attempt });
      } catch (error) {
        if (isAbortError(error) || given.aborted || !this.filter.handles(error)) throw error;
        if (attempt >= this.maxRetries) throw this.giveUp(error, attempt + 1, 'max-retries');
        const delayMs = this.delayFor(attempt, error);
        if (delayMs === undefined) throw this.giveUp(error, attempt + 1, 'retry-after-too-long');
        if (this.retrySource.hasListeners)
          this.retrySource.emit({ attempt: attempt + 1, delayMs, error });
        try {
          await sleep(delayMs, signal);
        } catch (reason) {
          if (reason !== signalAborted) throw reason;
          this.giveUp(error, attempt + 1, 'aborted');
          throw abortedError(given, error);
        }
      }
    }
  }

  private giveUp(error: unknown, attempts: number, reason: GiveUpReason): unknown {
    if (this.giveUpSource.hasListeners) this.giveUpSource.emit({ error, attempts, reason });
    return error;
  }
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
