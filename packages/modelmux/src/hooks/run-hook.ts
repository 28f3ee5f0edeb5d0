import { InvalidRequestError, ProviderError } from '@modelmux/core';
import { listenForAbort, stopListeningForAbort } from '@modelmux/resilience';

/** The bounds a hook runs under: the request's signal and the config's `timeoutMs`. */
export interface HookBounds {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  /** Named by the `aborted` error when the caller aborts (the pinned or first-choice provider). */
  provider: () => string;
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function abortedError(name: string, bounds: HookBounds): ProviderError {
  return new ProviderError({
    kind: 'aborted',
    provider: bounds.provider(),
    message: `The caller aborted the request while hooks.${name} was running`,
    cause: bounds.signal?.reason,
  });
}

/**
 * Runs a user's hook under the request's bounds: a hook that returns a pending promise that
 * never settles no longer hangs the request. The caller's abort rejects at once (`aborted`);
 * after `timeoutMs` the request fails with `InvalidRequestError` on `hooks.<name>` (the hook is
 * the caller's code: never booked as a provider failure). A synchronous hook costs nothing more.
 */
export function runHook<T>(
  name: string,
  hook: () => T | PromiseLike<T>,
  bounds: HookBounds,
): Promise<T> {
  const { signal, timeoutMs } = bounds;
  if (signal?.aborted) return Promise.reject(abortedError(name, bounds));
  let value: T | PromiseLike<T>;
  try {
    value = hook();
  } catch (error) {
    return Promise.reject(error);
  }
  if (!isThenable(value)) return Promise.resolve(value);
  const pending = value;
  return new Promise<T>((resolve, reject) => {
    const listener = {
      handleEvent: () => finish(() => reject(abortedError(name, bounds))),
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new InvalidRequestError({
              field: `hooks.${name}`,
              message: `did not settle within ${timeoutMs} ms (the config's timeoutMs): a hook must resolve or reject`,
            }),
          ),
        ),
      timeoutMs,
    );
    let settled = false;
    function finish(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (signal) stopListeningForAbort(signal, listener);
      settle();
    }
    if (signal) listenForAbort(signal, listener);
    pending.then(
      (result) => finish(() => resolve(result)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
