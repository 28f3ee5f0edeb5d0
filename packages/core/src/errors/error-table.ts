import type { ErrorKind } from './error-kind.js';

/**
 * Whether a failure is tried again on the same provider:
 * - `backoff`: yes, with exponential backoff (the executor does it only when no other candidate
 *   is left: see "fast failover" in the resilience README);
 * - `retry-after`: only once the vendor's `retryAfterMs` has passed. The standalone `retry()`
 *   waits for it (when it is at most `maxRetryAfterMs`); the executor never sleeps on it, it
 *   cools the provider down for that long and moves on;
 * - `never`: the same call would fail the same way.
 */
export type RetryRule = 'backoff' | 'retry-after' | 'never';

/**
 * What the fallback executor does after the failure:
 * - `next`: try the next candidate at once;
 * - `next-that-fits`: the next candidate whose context window is large enough;
 * - `next-if-enabled`: the next candidate unless `fallbackOn` turned it off (then stop);
 * - `fail-fast`: end the request with this error (every provider would reject it);
 * - `stop`: end the request at once (the caller aborted).
 */
export type ThenRule = 'next' | 'next-that-fits' | 'next-if-enabled' | 'fail-fast' | 'stop';

/**
 * What the failure does to the provider's state:
 * - `cool-down`: skipped for `retryAfterMs` (or the executor's `coolDownMs`);
 * - `unavailable`: the whole provider is marked unavailable (auth, permission);
 * - `unavailable-model`: only that model of the provider is marked unavailable;
 * - `none`.
 */
export type ProviderStateRule = 'cool-down' | 'unavailable' | 'unavailable-model' | 'none';

/** Every decision about one error kind. */
export interface ErrorRule {
  /** The same call may succeed later: the default of `ProviderError.isRetryable`. */
  readonly retryable: boolean;
  /** Tried again on the same provider, and how. */
  readonly retry: RetryRule;
  /** What the executor does next. */
  readonly then: ThenRule;
  /** Counts as a failure toward the provider's circuit breaker. */
  readonly breaker: boolean;
  /**
   * The provider answered (the request reached a working service): a half-open breaker's probe
   * that fails this way closes the breaker instead of re-opening it.
   */
  readonly answered: boolean;
  /** What happens to the provider's state. */
  readonly state: ProviderStateRule;
}

const rule = (
  retry: RetryRule,
  then: ThenRule,
  breaker: boolean,
  answered: boolean,
  state: ProviderStateRule,
): ErrorRule => ({ retryable: retry !== 'never', retry, then, breaker, answered, state });

/**
 * The error table: every `ErrorKind` mapped to its decisions. The fallback executor, the
 * standalone `retry()` and `circuitBreaker()` policies, their error filters and
 * `isRetryableKind` all read it; the table in `@modelmux/resilience`'s README is checked
 * against it row by row.
 */
export const errorTable: Readonly<Record<ErrorKind, ErrorRule>> = {
  rate_limit: rule('retry-after', 'next', true, false, 'cool-down'),
  quota_exceeded: rule('never', 'next', false, true, 'cool-down'),
  server: rule('backoff', 'next', true, false, 'none'),
  overloaded: rule('backoff', 'next', true, false, 'none'),
  timeout: rule('backoff', 'next', true, false, 'none'),
  network: rule('backoff', 'next', true, false, 'none'),
  auth: rule('never', 'next', false, true, 'unavailable'),
  permission: rule('never', 'next', false, true, 'unavailable'),
  not_found: rule('never', 'next', false, true, 'unavailable-model'),
  context_length: rule('never', 'next-that-fits', false, true, 'none'),
  content_filter: rule('never', 'next-if-enabled', false, true, 'none'),
  quality: rule('never', 'next-if-enabled', false, true, 'none'),
  bad_request: rule('never', 'fail-fast', false, true, 'none'),
  aborted: rule('never', 'stop', false, false, 'none'),
  unknown: rule('never', 'next', false, false, 'none'),
};

/** The decisions for one error kind. */
export function errorRule(kind: ErrorKind): ErrorRule {
  return errorTable[kind];
}

/** The kinds whose rule matches `predicate`, in the order of `errorTable`. */
export function kindsWhere(predicate: (rule: ErrorRule) => boolean): ErrorKind[] {
  return (Object.keys(errorTable) as ErrorKind[]).filter((kind) => predicate(errorTable[kind]));
}

/**
 * A fixed phrase per error kind, for places that show why a provider is unavailable to people
 * who did not make the request (`getProviderStatus()`, `/llm/status`, shared provider marks):
 * they never quote the vendor's error text, which may echo the prompt.
 */
export const errorKindPhrase: Readonly<Record<ErrorKind, string>> = {
  rate_limit: 'the provider rate-limited requests',
  quota_exceeded: 'the account is out of quota or credit',
  server: 'the provider answered with a server error',
  overloaded: 'the provider is overloaded',
  timeout: 'the call timed out',
  network: 'the provider could not be reached',
  auth: 'the provider refused the API key',
  permission: 'the API key lacks permission',
  not_found: 'the model or endpoint was not found',
  context_length: 'the request exceeded the context window',
  content_filter: "the provider's content filter refused it",
  quality: 'the answer failed a quality check',
  bad_request: 'the provider refused the request as malformed',
  aborted: 'the call was aborted',
  unknown: 'the call failed for an unknown reason',
};
