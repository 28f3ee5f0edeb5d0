/** The inputs of one sliding-window take. */
export interface SlidingWindowState {
  /** Units taken in the current fixed window. */
  current: number;
  /** Units taken in the previous fixed window. */
  previous: number;
  cost: number;
  limit: number;
  windowMs: number;
  /** How far into the current fixed window we are, in ms. */
  elapsedMs: number;
}

/**
 * The sliding-window counter (as used by Cloudflare and most API gateways): the previous fixed
 * window counts by the share of it the sliding window still overlaps. O(1) time and memory per
 * key, never more than `limit` in any window under a uniform spread, and no 2× burst at a window
 * boundary like a plain fixed window. The same arithmetic runs in the Redis Lua script.
 */
export function slidingWindowTake(state: SlidingWindowState): {
  ok: boolean;
  current: number;
  remaining: number;
  retryAfterMs: number;
} {
  const { current, previous, limit, windowMs, elapsedMs } = state;
  const cost = Math.min(state.cost, limit);
  const weight = 1 - elapsedMs / windowMs;
  const estimate = previous * weight + current;
  if (estimate + cost <= limit) {
    return {
      ok: true,
      current: current + cost,
      remaining: Math.max(0, Math.floor(limit - estimate - cost)),
      retryAfterMs: 0,
    };
  }
  let wait: number;
  if (current + cost <= limit && previous > 0) {
    wait = windowMs * (1 - (limit - current - cost) / previous) - elapsedMs;
  } else {
    wait = windowMs - elapsedMs + windowMs * Math.max(0, 1 - (limit - cost) / current);
  }
  return {
    ok: false,
    current,
    remaining: Math.max(0, Math.floor(limit - estimate)),
    retryAfterMs: Math.max(1, Math.ceil(wait)),
  };
}
