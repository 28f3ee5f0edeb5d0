import { ProviderError } from '@modelmux/core';
import { abortReasons, raceSignal, signalAborted } from './abort.js';
import { CallTimer } from './call-timer.js';
import { positiveDuration } from './validate-options.js';
import { type Event, EventSource } from './events.js';
import type { Policy, PolicyContext } from './policy.js';

/** Settings of `timeout()` and `deadline()`. */
export interface TimeoutOptions {
  /** The provider name to put on the `ProviderError` (default `unknown`). */
  provider?: string;
}

/** Emitted when the time runs out and the call is aborted. */
export interface TimeoutEvent {
  ms: number;
}

/**
 * Aborts the function it runs when `ms` pass: the signal handed to the function aborts, and the
 * policy rejects at once with a `ProviderError` of kind `timeout` (even if the function ignores
 * its signal). Used per attempt by `timeout()` and for a whole execution by `deadline()`.
 */
export class TimeoutPolicy implements Policy {
  private readonly timeoutSource = new EventSource<TimeoutEvent>();
  /** Fires when the time runs out. */
  readonly onTimeout: Event<TimeoutEvent> = this.timeoutSource.event;

  constructor(
    /** The time allowed, in ms. */
    readonly ms: number,
    private readonly scope: 'attempt' | 'deadline',
    private readonly options: TimeoutOptions = {},
  ) {
    positiveDuration(scope === 'attempt' ? 'timeout' : 'deadline', ms);
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const attempt = this.scope === 'attempt';
    const reason = attempt ? abortReasons.timeout : abortReasons.deadline;
    // The same timer as every executor call: an attempt timeout, or the time left to a deadline.
    const controller = attempt
      ? new CallTimer(signal, this.ms, Infinity)
      : new CallTimer(signal, 0, this.ms);
    try {
      return await raceSignal(fn({ signal: controller.signal, attempt: 0 }), controller.signal);
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason === reason) {
        if (this.timeoutSource.hasListeners) this.timeoutSource.emit({ ms: this.ms });
        throw new ProviderError({
          kind: 'timeout',
          provider:
            this.options.provider ?? (ProviderError.isInstance(error) ? error.provider : 'unknown'),
          message:
            this.scope === 'attempt'
              ? `The call did not finish within ${this.ms}ms`
              : `The deadline of ${this.ms}ms passed`,
          cause: error === signalAborted ? reason : error,
        });
      }
      if (error === signalAborted) {
        throw new ProviderError({
          kind: 'aborted',
          provider: this.options.provider ?? 'unknown',
          message: 'The call was aborted',
          cause: controller.signal.reason,
        });
      }
      throw error;
    } finally {
      controller.release();
    }
  }
}

/**
 * A per-attempt timeout: put it inside `retry()` so each try gets `ms`. On expiry the call's
 * signal aborts and the policy throws a `ProviderError` of kind `timeout` (retryable).
 *
 * @example
 * await wrap(retry(), timeout(5_000)).execute(({ signal }) => provider.generate({ ...request, signal }));
 */
export function timeout(ms: number, options?: TimeoutOptions): TimeoutPolicy {
  return new TimeoutPolicy(ms, 'attempt', options);
}

/**
 * One budget for everything inside it: put it outermost, around retries (and fallbacks). When
 * `ms` pass, the in-flight call is aborted, nothing new starts (a retry's wait is cancelled) and
 * the execution fails at once with a `ProviderError` of kind `timeout`; it never hangs.
 *
 * @example
 * await wrap(deadline(10_000), retry({ maxRetries: 5 }), timeout(3_000)).execute(call);
 */
export function deadline(ms: number, options?: TimeoutOptions): TimeoutPolicy {
  return new TimeoutPolicy(ms, 'deadline', options);
}
