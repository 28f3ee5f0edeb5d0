import type { Provider, ProviderError, StreamEvent } from '@modelmux/core';
import { type LinkedController, noop } from './abort.js';
import { CallTimer } from './call-timer.js';
import type { ProviderEntry } from './executor-core.js';

/** One candidate being worked on in a run: its tries (retries) and, when hedging, its own abort. */
export class Lane {
  /** 0 for the first try, then one more per retry. */
  attempt = 0;
  /** The last failure on this lane, for when the breaker stops the retries. */
  lastError: ProviderError | undefined;
  /** The latest call started on this lane (its start time measures a failure's latency). */
  lastCall: AttemptCall | undefined;
  /** The call that succeeded (kept open for a stream). */
  call: AttemptCall | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(
    readonly provider: Provider,
    readonly model: string | undefined,
    readonly entry: ProviderEntry,
    readonly hedge: boolean,
    readonly controller: LinkedController | undefined,
    runSignal: AbortSignal | undefined,
  ) {
    this.signal = controller ? controller.signal : runSignal;
  }
}

/**
 * One call to a provider: its signal (its own `CallTimer` when it has a timeout, a deadline or a
 * caller's signal, or is a stream; else none), and for streams the iterator to close if it is
 * dropped. The deadline lives in the call's timer rather than in a request-level controller:
 * one AbortSignal per call instead of two.
 */
export class AttemptCall {
  readonly signal: AbortSignal | undefined;
  private readonly timer: CallTimer | undefined;
  /** Set by the stream operation as soon as the provider's iterator exists. */
  iterator: AsyncIterator<StreamEvent> | undefined;
  startedAt = 0;

  constructor(
    readonly lane: Lane,
    timeoutMs: number,
    ownController: boolean,
    /** Time left before the request deadline, in ms (Infinity for none). */
    deadlineLeftMs: number,
  ) {
    // A caller's signal is never handed to the provider as is: the call gets its own, which
    // follows the caller's through one shared listener (a long-lived signal shared by many
    // concurrent calls carries one listener, not one per call).
    if (ownController || timeoutMs > 0 || deadlineLeftMs !== Infinity || lane.signal) {
      const timer = new CallTimer(lane.signal, timeoutMs, deadlineLeftMs);
      this.timer = timer;
      this.signal = timer.signal;
    } else {
      this.signal = lane.signal;
    }
  }

  /** The call answered: stop its timeout (a stream stays under the deadline: pass the time left). */
  settle(deadlineLeftMs = Infinity): void {
    this.timer?.settle(deadlineLeftMs);
  }

  /** The call is over: stop its timeout and stop following the lane's signal. */
  release(): void {
    this.timer?.release();
  }

  /** Aborts this call (its HTTP request, through the signal) and closes its stream, if any. */
  abort(reason: unknown): void {
    this.timer?.abort(reason);
    this.closeIterator();
  }

  /** Closes the provider's stream iterator, if any, ignoring its errors. */
  closeIterator(): void {
    const iterator = this.iterator;
    if (!iterator) return;
    this.iterator = undefined;
    try {
      iterator.return?.()?.then(undefined, noop);
    } catch {
      // A broken return() must not break the caller.
    }
  }
}
