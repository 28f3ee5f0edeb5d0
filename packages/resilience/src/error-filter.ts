import { type ErrorKind, ProviderError } from '@modelmux/core';

/**
 * Which errors a policy handles, kept apart from what the policy does with them (cockatiel's
 * split): `retry({ handles: handleKinds('server', 'timeout') })`.
 */
export interface ErrorFilter {
  /** True when the policy should act on this error. */
  handles(error: unknown): boolean;
}

/** The failures that say a provider is unhealthy; the only ones a breaker counts by default. */
export const healthFailureKinds: readonly ErrorKind[] = [
  'server',
  'overloaded',
  'timeout',
  'network',
  'rate_limit',
];

const healthKinds: ReadonlySet<ErrorKind> = new Set(healthFailureKinds);

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

/** Handles `ProviderError`s whose adapter said `isRetryable` (never an abort): retry's default. */
export const handleRetryable: ErrorFilter = {
  handles: (error) =>
    ProviderError.isInstance(error) && error.isRetryable && error.kind !== 'aborted',
};

/** Handles provider-health failures (server, overloaded, timeout, network, rate_limit): the breaker's default. */
export const handleHealthFailures: ErrorFilter = {
  handles: (error) => ProviderError.isInstance(error) && healthKinds.has(error.kind),
};
