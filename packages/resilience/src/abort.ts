// Small helpers around AbortSignal: every wait can be cancelled and leaves no timer or
// listener behind.

/** Why we (not the caller) aborted a call. Compared by identity with `signal.reason`. */
export const abortReasons = {
  /** The per-attempt timeout passed. */
  timeout: namedReason('TimeoutError', 'the attempt timed out'),
  /** The request's deadline passed. */
  deadline: namedReason('TimeoutError', 'the request deadline passed'),
  /** Another attempt won (hedging), or the run stopped for another reason. */
  superseded: namedReason('AbortError', 'another attempt won or the request stopped'),
  /** The consumer of a stream stopped reading. */
  consumerStopped: namedReason('AbortError', 'the stream consumer stopped reading'),
} as const;

function namedReason(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Rejection value of `raceSignal`/`sleep` when the signal aborts; read `signal.reason` to know why. */
export const signalAborted: unique symbol = Symbol('modelmux.signalAborted');

/**
 * Settles like `promise`, or rejects with `signalAborted` as soon as `signal` aborts, even if
 * the promise never settles. The promise's own late rejection is handled (never unhandled).
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.then(undefined, noop);
    return Promise.reject(signalAborted);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signalAborted);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`; rejects with `signalAborted` (and clears the timer) when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signalAborted);
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signalAborted);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * An AbortController that follows a parent signal (aborting with the parent's reason) until
 * `unlink()`. It is its own listener object, so linking allocates nothing more.
 */
export class LinkedController extends AbortController {
  private parent: AbortSignal | undefined;

  constructor(parent: AbortSignal | undefined) {
    super();
    if (!parent) return;
    if (parent.aborted) {
      this.abort(parent.reason);
      return;
    }
    this.parent = parent;
    parent.addEventListener('abort', this);
  }

  /** Called by the parent signal. */
  handleEvent(): void {
    const parent = this.parent;
    this.unlink();
    if (parent) this.abort(parent.reason);
  }

  /** Stops following the parent (call when the work is done, so nothing leaks). */
  unlink(): void {
    if (this.parent) {
      this.parent.removeEventListener('abort', this);
      this.parent = undefined;
    }
  }
}

/** Aborts `controller` with `reason`; shaped for `setTimeout(abortWith, ms, controller, reason)`. */
export function abortWith(controller: AbortController, reason: unknown): void {
  controller.abort(reason);
}

/** Does nothing (a rejection handler for promises we deliberately drop). */
export function noop(): void {
  // deliberately nothing
}
