import { type ErrorKind, ProviderError, errorRule, kindsWhere } from '@modelmux/core';

/**
 * Which errors a policy handles, kept apart from what the policy does with them (cockatiel's
 * split): `retry({ handles: handleKinds('server', 'timeout') })`.
 */
export interface ErrorFilter {
  /** True when the policy should act on this error. */
  handles(error: unknown): boolean;
}

/**
 * The failures that say a provider is unhealthy, the only ones a breaker counts by default:
 * the error table's `breaker` column (rate_limit, server, overloaded, timeout, network).
 */
export const healthFailureKinds: readonly ErrorKind[] = kindsWhere((rule) => rule.breaker);

/** The error's kind when it is a `ProviderError`, otherwise undefined. */
export function kindOf(error: unknown): ErrorKind | undefined {
  return ProviderError.isInstance(error) ? error.kind : undefined;
}

/** True for an abort: a `ProviderError` of kind `aborted`, or a DOM/Node `AbortError`. */
export function isAbortError(error: unknown): boolean {
  if (ProviderError.isInstance(error)) return error.kind === 'aborted';
  return error instanceof Error && error.name === 'AbortError';
}

/** Handles every error. */
export const handleAll: ErrorFilter = { handles: () => true };

/** Handles errors for which `predicate` returns true. */
export function handleWhen(predicate: (error: unknown) => boolean): ErrorFilter {
  return { handles: predicate };
}

/** Handles `ProviderError`s of the given kinds. */
export function handleKinds(...kinds: ErrorKind[]): ErrorFilter {
  const set = new Set(kinds);
  return { handles: (error) => ProviderError.isInstance(error) && set.has(error.kind) };
}

/**
 * `retry()`'s default, from the error table's `retry` column: a `ProviderError` the adapter
 * called `isRetryable` whose kind is retried with backoff (server, overloaded, timeout,
 * network), or a `retry-after` kind (rate_limit) that says when (`retryAfterMs`). Never an
 * abort. A 429 without retry-after is not retried: nothing says when it would pass.
 */
export const handleRetryable: ErrorFilter = {
  handles: (error) => {
    if (!ProviderError.isInstance(error) || !error.isRetryable) return false;
    const retry = errorRule(error.kind)?.retry;
    return retry === 'backoff' || (retry === 'retry-after' && error.retryAfterMs !== undefined);
  },
};

/**
 * The executor's retry filter: only the `backoff` kinds of the error table (a rate limit is
 * never slept on there; it cools the provider down and the plan moves on).
 */
export const handleBackoffRetries: ErrorFilter = {
  handles: (error) =>
    ProviderError.isInstance(error) &&
    error.isRetryable &&
    errorRule(error.kind)?.retry === 'backoff',
};

/** Handles provider-health failures (the error table's `breaker` column): the breaker's default. */
export const handleHealthFailures: ErrorFilter = {
  handles: (error) => ProviderError.isInstance(error) && (errorRule(error.kind)?.breaker ?? false),
};
