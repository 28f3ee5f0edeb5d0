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

/** Something told when a signal aborts. */
interface AbortListener {
  handleEvent(): void;
}

/**
 * One `abort` listener per caller's signal, however many calls wait on it: the calls join a set
 * behind it (O(1) in and out). A long-lived signal shared by 100 concurrent requests therefore
 * carries one listener (no `MaxListenersExceededWarning`), and none once they have settled.
 */
class SignalFanOut {
  private readonly listeners = new Set<AbortListener>();

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', this, { once: true });
  }

  add(listener: AbortListener): void {
    this.listeners.add(listener);
  }

  remove(listener: AbortListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size > 0) return;
    this.signal.removeEventListener('abort', this);
    fanOuts.delete(this.signal);
  }

  handleEvent(): void {
    fanOuts.delete(this.signal);
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener.handleEvent();
  }
}

const fanOuts = new WeakMap<AbortSignal, SignalFanOut>();

/** Calls `listener.handleEvent()` once when `signal` aborts, through the signal's one shared listener. */
export function listenForAbort(signal: AbortSignal, listener: AbortListener): void {
  let fanOut = fanOuts.get(signal);
  if (!fanOut) {
    fanOut = new SignalFanOut(signal);
    fanOuts.set(signal, fanOut);
  }
  fanOut.add(listener);
}

/** Stops `listenForAbort` (call when the work is done, so nothing leaks). */
export function stopListeningForAbort(signal: AbortSignal, listener: AbortListener): void {
  fanOuts.get(signal)?.remove(listener);
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
    const listener = { handleEvent: (): void => reject(signalAborted) };
    listenForAbort(signal, listener);
    promise.then(
      (value) => {
        stopListeningForAbort(signal, listener);
        resolve(value);
      },
      (error: unknown) => {
        stopListeningForAbort(signal, listener);
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
    const listener = {
      handleEvent: (): void => {
        clearTimeout(timer);
        reject(signalAborted);
      },
    };
    const timer = setTimeout(() => {
      if (signal) stopListeningForAbort(signal, listener);
      resolve();
    }, ms);
    if (signal) listenForAbort(signal, listener);
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
    listenForAbort(parent, this);
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
      stopListeningForAbort(this.parent, this);
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
