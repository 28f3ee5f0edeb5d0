import { errorTable } from './error-table.js';

/**
 * What a failure means, decided by the adapter. Everything downstream (retry, fallback,
 * breaker, metrics) reads this, never a message string.
 */
export type ErrorKind =
  | 'rate_limit'
  | 'quota_exceeded'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'context_length'
  | 'content_filter'
  | 'timeout'
  | 'network'
  | 'server'
  | 'overloaded'
  | 'aborted'
  | 'quality'
  | 'unknown';

/** Every error kind, for iteration and validation. */
export const errorKinds: readonly ErrorKind[] = [
  'rate_limit',
  'quota_exceeded',
  'auth',
  'permission',
  'not_found',
  'bad_request',
  'context_length',
  'content_filter',
  'timeout',
  'network',
  'server',
  'overloaded',
  'aborted',
  'quality',
  'unknown',
];

/**
 * Whether a failure of this kind may succeed if the same call is tried again (read from the
 * error table: its `retryable` column). Unknown strings are not retryable.
 */
export function isRetryableKind(kind: ErrorKind): boolean {
  return errorTable[kind]?.retryable ?? false;
}

/** Maps an HTTP status to an error kind, as most vendors use them. */
export function errorKindFromStatus(status: number | undefined): ErrorKind {
  if (status === undefined) return 'unknown';
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'server';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'server';
  return 'unknown';
}
