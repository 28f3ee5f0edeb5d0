/** What a policy passes to the function it runs. */
export interface PolicyContext {
  /** Aborts when the caller, a timeout or a deadline cancels this try; pass it to the call. */
  readonly signal: AbortSignal;
  /** 0 for the first try, then 1, 2… as retries happen. */
  readonly attempt: number;
}

/**
 * One resilience policy (retry, timeout, deadline, circuit breaker). Every policy has this one
 * shape, so they compose with `wrap()`.
 */
export interface Policy {
  /** Runs `fn` under the policy; `signal` cancels the whole execution. */
  execute<T>(fn: (context: PolicyContext) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

const neverAborted = new AbortController().signal;

/** The signal to hand to `fn` when the caller gave none (never aborts). */
export function signalOrNever(signal: AbortSignal | undefined): AbortSignal {
  return signal ?? neverAborted;
}

/**
 * Composes policies from the outermost to the innermost:
 * `wrap(deadline(10_000), retry({ maxRetries: 2 }), circuitBreaker(…), timeout(3_000))`.
 * The innermost function sees the signal of the innermost policy (aborted by any of them) and
 * the attempt number of the retry policies around it.
 *
 * @example
 * const policy = wrap(retry({ maxRetries: 2 }), timeout(5_000));
 * const result = await policy.execute(({ signal }) => provider.generate({ ...request, signal }));
 */
export function wrap(...policies: Policy[]): Policy {
  const [outer, ...rest] = policies;
  if (!outer) return { execute: (fn, signal) => fn({ signal: signalOrNever(signal), attempt: 0 }) };
  if (rest.length === 0) return outer;
  const inner = wrap(...rest);
  return {
    execute: (fn, signal) =>
      outer.execute(
        (outerContext) =>
          inner.execute(
            (innerContext) =>
              fn({
                signal: innerContext.signal,
                attempt: outerContext.attempt + innerContext.attempt,
              }),
            outerContext.signal,
          ),
        signal,
      ),
  };
}
