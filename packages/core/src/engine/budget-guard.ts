import type { RequestMetadata } from '../chat.js';

/** Why a provider may not take a request for budget reasons. */
export interface BudgetDenial {
  /** A short, human-readable reason for the plan's `excluded` list (no secrets). */
  reason: string;
  /** Which limit: `request`, `daily`, `monthly`, `user`… */
  scope: string;
  limitUsd: number;
  spentUsd: number;
  /** When the period resets (epoch ms); undefined for per-request limits. */
  resetsAt: number | undefined;
}

/**
 * The synchronous budget check the router runs as a constraint before ordering candidates. It
 * reads a local view (O(1), no I/O); the authoritative, atomic reservation happens before the
 * call (`@modelmux/budgets`). Without budgets every provider is allowed.
 */
export interface BudgetGuard {
  /** `undefined` when the provider may take a request of this predicted cost; else why not. */
  check(
    provider: string,
    predictedCostUsd: number | undefined,
    metadata: RequestMetadata | undefined,
  ): BudgetDenial | undefined;
}
