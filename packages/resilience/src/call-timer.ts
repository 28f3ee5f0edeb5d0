import { LinkedController, abortReasons, abortWith } from './abort.js';

/**
 * The timeout of one call: a controller that follows the parent signal and one timer for
 * whichever comes first of the attempt timeout (aborts with `abortReasons.timeout`) and the
 * time left before a deadline (`abortReasons.deadline`). `timeout()`, `deadline()` and every
 * call of the fallback executor use it, so there is one timeout implementation. One signal
 * and one timer per call: they cost microseconds each on the hot path.
 */
export class CallTimer extends LinkedController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    parent: AbortSignal | undefined,
    /** The attempt timeout in ms; 0 for none. */
    timeoutMs: number,
    /** Time left before the deadline in ms; Infinity for none. */
    deadlineLeftMs: number,
  ) {
    super(parent);
    if (timeoutMs > 0 && timeoutMs < deadlineLeftMs)
      this.timer = setTimeout(abortWith, timeoutMs, this, abortReasons.timeout);
    else if (deadlineLeftMs !== Infinity) this.armDeadline(deadlineLeftMs);
  }

  /**
   * The call answered: stop its timer. A call kept open (a stream being read) stays under the
   * deadline: pass the time left to re-arm it.
   */
  settle(deadlineLeftMs = Infinity): void {
    this.clearTimer();
    if (deadlineLeftMs !== Infinity) this.armDeadline(deadlineLeftMs);
  }

  /** The call is over: stop the timer and stop following the parent signal. */
  release(): void {
    this.clearTimer();
    this.unlink();
  }

  private armDeadline(deadlineLeftMs: number): void {
    this.timer = setTimeout(abortWith, Math.max(0, deadlineLeftMs), this, abortReasons.deadline);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
