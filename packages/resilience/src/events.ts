/** A subscription that can be cancelled. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener to a typed event; returns a handle that unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/**
 * A tiny typed event source (cockatiel-style). `emit` costs one length check when nobody
 * listens, so callers test `hasListeners` before building a payload. A listener that throws
 * is ignored: an observer must never break the request it observes.
 */
export class EventSource<T> {
  private listeners: ((value: T) => void)[] = [];

  /** The subscribe function to expose as `onSomething`. */
  readonly event: Event<T> = (listener) => {
    // Copy on write, so an emit in progress is not disturbed by (un)subscribing.
    this.listeners = [...this.listeners, listener];
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  /** Whether anyone listens (build the payload only then). */
  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** Calls every listener with `value`. */
  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {
        // An observer's bug must not fail the request it observes.
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners = [];
  }
}
