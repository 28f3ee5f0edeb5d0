/** The abort signal of one provider call: the caller's signal combined with our own timeout. */
export interface CallSignal {
  /** Pass this to the SDK. */
  readonly signal: AbortSignal;
  /** True when our timeout (not the caller) aborted the call. */
  timedOut(): boolean;
  /** True when the caller's signal aborted the call. */
  callerAborted(): boolean;
  /** Re-arms the timeout (a stream calls it on every event, making it an idle timeout). */
  touch(): void;
  /** Aborts the call (a consumer that stops reading a stream). */
  abort(): void;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

/**
 * Combines the caller's `signal` with a timeout of `timeoutMs` (none when undefined), so a
 * failure can tell the caller's abort (`aborted`) from our timeout (`timeout`). The SDK's own
 * timeout only covers the time to the response headers; this one also covers reading the body.
 */
export function createCallSignal(
  caller: AbortSignal | undefined,
  timeoutMs: number | undefined,
): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onCallerAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onCallerAbort, { once: true });

  const arm = (): void => {
    if (timeoutMs === undefined || controller.signal.aborted) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`Timed out after ${timeoutMs}ms`));
    }, timeoutMs);
  };
  arm();

  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    callerAborted: () => !timedOut && caller?.aborted === true,
    touch: arm,
    abort: () => controller.abort(),
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}
