import type { Provider, ProviderError, StreamEvent } from '@modelmux/core';
import { LinkedController, abortReasons, abortWith, noop } from './abort.js';
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
 * One call to a provider: its signal (its own controller when it has a timeout or deadline or
 * is a stream, else the lane's), one timer for whichever of the attempt timeout and the
 * request deadline comes first, and for streams the iterator to close if it is dropped.
 * The deadline lives here rather than in a request-level controller: one AbortSignal per call
 * instead of two (they cost microseconds each on the hot path).
 */
export class AttemptCall {
  readonly signal: AbortSignal | undefined;
  private readonly controller: LinkedController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
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
    if (ownController || timeoutMs > 0 || deadlineLeftMs !== Infinity) {
      const controller = new LinkedController(lane.signal);
      this.controller = controller;
      this.signal = controller.signal;
      if (timeoutMs > 0 && timeoutMs < deadlineLeftMs)
        this.timer = setTimeout(abortWith, timeoutMs, controller, abortReasons.timeout);
      else if (deadlineLeftMs !== Infinity)
        this.timer = setTimeout(
          abortWith,
          Math.max(0, deadlineLeftMs),
          controller,
          abortReasons.deadline,
        );
    } else {
      this.signal = lane.signal;
    }
  }

  /**
   * The call answered: stop its timeout. A call kept open (a stream being read) stays under the
   * deadline: pass the time left to re-arm it.
   */
  settle(deadlineLeftMs = Infinity): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (deadlineLeftMs !== Infinity && this.controller) {
      this.timer = setTimeout(
        abortWith,
        Math.max(0, deadlineLeftMs),
        this.controller,
        abortReasons.deadline,
      );
    }
  }

  /** The call is over: stop its timeout and stop following the lane's signal. */
  release(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.controller?.unlink();
  }

  /** Aborts this call (its HTTP request, through the signal) and closes its stream, if any. */
  abort(reason: unknown): void {
    this.controller?.abort(reason);
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
