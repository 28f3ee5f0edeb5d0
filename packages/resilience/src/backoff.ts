/** Exponential backoff settings. */
export interface BackoffOptions {
  /** The cap of the first retry's delay, in ms (default 500). */
  baseDelayMs?: number;
  /** The largest delay, in ms (default 30 000). */
  maxDelayMs?: number;
  /** A source of numbers in [0, 1) (default `Math.random`); inject one for repeatable tests. */
  random?: () => number;
}

/** Default first-retry cap, in ms. */
export const defaultBaseDelayMs = 500;
/** Default largest delay, in ms. */
export const defaultMaxDelayMs = 30_000;

/**
 * The delay before retry number `retry` (0 for the first retry): exponential backoff with
 * full jitter, a uniform draw from `[0, min(maxDelayMs, baseDelayMs * 2^retry))`.
 */
export function backoffDelayMs(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}
