import { ConfigError } from '@modelmux/core';

// Option checks shared by the policies and the executor: a bad number is rejected when the
// policy or executor is created, with a `ConfigError` naming the option, instead of meaning
// "unbounded" at run time (NaN compares false with everything).

function invalid(path: string, value: unknown, expected: string): ConfigError {
  const shown =
    typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return new ConfigError({
    issues: [{ path, message: `expected ${expected}, got ${shown}` }],
  });
}

/**
 * A count (retries, thresholds): a whole number ≥ 0 (or ≥ 1 when `allowZero` is false), finite.
 * Returns `fallback` when `value` is undefined.
 */
export function positiveInteger(
  path: string,
  value: number | undefined,
  fallback: number,
  allowZero: boolean,
): number {
  if (value === undefined) return fallback;
  const min = allowZero ? 0 : 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw invalid(path, value, `a whole number ≥ ${min}`);
  return value;
}

/** A duration or amount ≥ 0 (finite unless `allowInfinity`). `fallback` when undefined. */
export function nonNegative(
  path: string,
  value: number | undefined,
  fallback: number,
  allowInfinity = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < 0 ||
    (!allowInfinity && !Number.isFinite(value))
  )
    throw invalid(path, value, `a finite number ≥ 0 (ms)${allowInfinity ? ' or Infinity' : ''}`);
  return value;
}

/** A duration > 0 (a timeout or deadline); undefined stays undefined (none). */
export function positiveDuration(path: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || !Number.isFinite(value))
    throw invalid(path, value, 'a finite number of ms > 0 (leave it out for none)');
  return value;
}

/** A percentage in (0, 100]. */
export function percentage(path: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || value > 100)
    throw invalid(path, value, 'a number in (0, 100]');
  return value;
}

/** A function, when given. */
export function optionalFunction<F>(path: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') throw invalid(path, value, 'a function');
  return value;
}
