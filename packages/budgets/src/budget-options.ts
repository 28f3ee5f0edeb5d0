import type { CostLimit, PeriodLimits, RateLimitConfig, Store } from '@modelmux/core';

/** What to do when the store cannot be reached: refuse requests (default) or let them through. */
export type OnStoreError = 'fail-closed' | 'fail-open';

/** Settings of `createBudgets()`; the limit keys match the config keys of the same names. */
export interface BudgetsOptions {
  /** Where spend and rate-limit windows live (default: a new `memoryStore()`, one process). */
  store?: Store;
  /** Largest predicted cost of one request, in USD, per provider name. */
  costLimitPerRequest?: Record<string, number>;
  /** Per day: a global USD cap (number) or `{ global?, perProvider? }`. */
  dailyCostLimit?: number | Partial<CostLimit>;
  /** Per calendar month: a global USD cap (number) or `{ global?, perProvider? }`. */
  monthlyCostLimit?: number | Partial<CostLimit>;
  /** Per `metadata.userId`: a daily USD cap (number) or `{ daily?, monthly? }` (each user alike). */
  costLimitPerUser?: number | PeriodLimits;
  /** Per `metadata.tags` entry: tag → a daily USD cap (number) or `{ daily?, monthly? }`. */
  costLimitPerTag?: Record<string, number | PeriodLimits>;
  /** Client-side rate limits per provider: `{ rpm?, tpm?, maxWaitMs? }`. */
  rateLimits?: Record<string, RateLimitConfig>;
  /** The IANA time zone whose calendar days and months the periods follow (default `'UTC'`). */
  timeZone?: string;
  /** When the store is unreachable (default `'fail-closed'`: refuse with `BudgetExceededError`). */
  onStoreError?: OnStoreError;
  /** How long an unsettled reservation holds before it lapses on its own, in ms (default 10 min). */
  holdMs?: number;
  /** How often the local view (the guard) is refreshed from the store, in ms (default 1 000). */
  refreshMs?: number;
  /** Called with every store failure (for logs); budgets never throw it at the caller as is. */
  onError?: (error: unknown) => void;
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}
