// The public shapes of `createBudgets()`: the reservation a call holds, the usage report and
// the `Budgets` object itself.
import type { BudgetGuard, RequestMetadata } from '@modelmux/core';
import type { OnStoreError } from './budget-options.js';
import type { ScopedLimit } from './budget-limits.js';

/** What `reserve()` needs to know about the call about to be made. */
export interface ReserveInput {
  provider: string;
  model?: string;
  /** The predicted cost (USD) of this call, e.g. core's `predictCost(...).maxUsd`. */
  predictedCostUsd: number | undefined;
  metadata?: RequestMetadata;
  /** Input tokens (counted once, by the router's estimate), for the tokens-per-minute limiter. */
  inputTokens?: number;
  /** Output tokens to count against tokens-per-minute as well (e.g. `maxTokens`); default 0. */
  outputTokens?: number;
  /** Stops a rate-limit wait. */
  signal?: AbortSignal;
}

/** A held reservation: settle it with the actual cost after the call, or release it. */
export interface Reservation {
  readonly id: string;
  readonly provider: string;
  /** The amount held (USD). */
  readonly amountUsd: number;
  /** Charges the actual cost (USD) instead of the held amount; only the first settle counts. */
  settle(actualCostUsd: number): Promise<void>;
  /** Releases the hold (a failed call): the same as `settle(0)`. */
  release(): Promise<void>;
}

/** One counter in `getUsage()`. */
export interface ScopeUsage {
  scope: ScopedLimit['scope'];
  period: ScopedLimit['period'];
  provider?: string;
  userId?: string;
  tag?: string;
  limitUsd: number;
  spentUsd: number;
  reservedUsd: number;
  remainingUsd: number;
  /** When the period resets (epoch ms). */
  resetsAt: number;
}

/** What `getUsage()` reports. */
export interface BudgetUsage {
  scopes: ScopeUsage[];
  store: { kind: string; reachable: boolean; onStoreError: OnStoreError };
  /** Settles that failed to reach the store and are retried (money not yet recorded there). */
  pendingSettles: number;
  /**
   * True when `scopes` lists only part of the counters: more user and tag counters were seen
   * than the local view keeps (2 000, least recently used dropped). Ask for one user or tag
   * (`getUsage({ userId })`) to read its counters from the store.
   */
  truncated: boolean;
}

/** Which counters `getUsage` reports: all it knows (default), or one user's or one tag's. */
export interface UsageFilter {
  userId?: string;
  tag?: string;
}

/** Budgets, reservations and client-side rate limits over one `Store`. */
export interface Budgets {
  /**
   * Checks the per-request limit and the rate limits, then reserves the predicted cost on every
   * limit that applies, atomically. Throws `BudgetExceededError` (a limit, or the store is
   * unreachable and budgets fail closed) or a `ProviderError` of kind `rate_limit` (a client-side
   * rpm/tpm limit, with `retryAfterMs`; the executor then moves on to the next provider).
   */
  reserve(input: ReserveInput): Promise<Reservation>;
  /**
   * True when a cost limit (per request, or any period limit of the provider, the user or a tag)
   * applies to a call to `provider` with this metadata: then its price must be known.
   */
  hasCostLimit(provider: string, metadata?: RequestMetadata): boolean;
  /** The synchronous check the router runs per candidate, from the local view (no I/O). */
  readonly guard: BudgetGuard;
  /**
   * Spend, reserved and remaining per scope and period (read from the store when reachable).
   * With `{ userId }` or `{ tag }`: only that user's or tag's counters, read from the store
   * whether or not this process has seen them.
   */
  getUsage(filter?: UsageFilter): Promise<BudgetUsage>;
  /** Retries pending settles and refreshes the local view now (also done every `refreshMs`). */
  refresh(): Promise<void>;
  /** Stops the refresh timer, flushes pending settles, closes the store if budgets created it. */
  close(): Promise<void>;
}
