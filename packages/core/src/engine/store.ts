/**
 * The one interface for state that must agree across processes: budget spend, rate-limit
 * windows, cool-downs and unavailable marks, sticky assignments, cached responses.
 * `memoryStore()` (`@modelmux/budgets`) is the default; `redisStore()` (`@modelmux/redis`)
 * shares it across a fleet. Every method is async, atomic on its own, and must settle within the
 * store's own timeout (never hang a request): a store that cannot answer rejects.
 *
 * Keys are plain strings without the store's prefix; the store adds its prefix. Times passed in
 * (`now`) are epoch ms from the caller's clock, so every process of a fleet and a test's fake
 * clock agree on windows and holds.
 */
export interface Store {
  /** A short name for status output (`memory`, `redis`). */
  readonly kind: string;

  // Small keyed records (cached responses, sticky assignments, shared provider marks).
  /** The value under `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets `key`; it expires after `ttlMs` when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets `key` only when absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  delete(key: string): Promise<void>;

  // Counters.
  /** Adds `amount` (may be negative or fractional) to the counter; creates it with `ttlMs`. Returns the new value. */
  increment(key: string, amount: number, ttlMs?: number): Promise<number>;

  // Budgets: all-or-nothing reservations over several limits at once.
  /**
   * Reserves `amount` against every limit in `limits` atomically: either every counter
   * (spent + reserved + amount ≤ limit) has room and all are charged, or none is and the first
   * limit that would be exceeded is returned. Holds older than their `holdMs` are released first.
   */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /**
   * Replaces a reservation by the actual amount on each of its counters (0 releases it).
   * Idempotent: settling a settled reservation does nothing. When the store never saw the
   * reservation (it was made while the store was unreachable, fail-open) and `limits` is given,
   * the amount is charged to those counters instead, once.
   */
  settle(
    reservationId: string,
    actualAmount: number,
    limits?: readonly ReserveLimit[],
  ): Promise<void>;
  /** Spent and reserved amounts of budget counters (0 and 0 for an absent one), in `keys` order. */
  readBudgets(keys: readonly string[], now: number): Promise<BudgetCounter[]>;

  // Windows for client-side rate limits.
  /**
   * Takes `cost` units from a sliding window of `limit` per `windowMs` if there is room
   * (a sliding-window counter: the previous fixed window weighted by how much of it still
   * overlaps, plus the current one). A `cost` above `limit` is taken as `limit`.
   */
  take(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<TakeResult>;

  // Change notifications, for local mirrors (cool-downs, marks). Optional.
  /** Subscribes to a channel; returns an unsubscribe function. */
  subscribe?(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  publish?(channel: string, message: string): Promise<void>;

  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** One limit a reservation is checked against. */
export interface ReserveLimit {
  /** The counter's key (scope and period in it, e.g. `budget:daily:global:2026-11-25`). */
  key: string;
  limit: number;
  /** How long the counter lives (its period plus a margin), in ms. */
  ttlMs: number;
}

export interface ReserveRequest {
  /** A unique id for this reservation (used by `settle`). */
  id: string;
  amount: number;
  limits: readonly ReserveLimit[];
  /** How long an unsettled reservation holds before it is released on its own, in ms. */
  holdMs: number;
  /** The caller's clock (epoch ms). */
  now: number;
}

/** A budget counter: what was spent and what is held by unsettled reservations. */
export interface BudgetCounter {
  spent: number;
  reserved: number;
}

/** `ok` with each counter after the charge (in `limits` order), or the first limit that refused. */
export type ReserveResult =
  { ok: true; counters: BudgetCounter[] } | { ok: false; key: string; limit: number; used: number };

export interface TakeResult {
  ok: boolean;
  /** Units left in the window after this take (or now, when refused). */
  remaining: number;
  /** When the window has room again for this cost, in ms from now (0 when `ok`). */
  retryAfterMs: number;
}
