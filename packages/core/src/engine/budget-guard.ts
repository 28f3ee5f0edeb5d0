import type { RequestMetadata } from '../chat.js';

/** Why a provider may not take a request for budget reasons. */
export interface BudgetDenial {
  /** A short, human-readable reason for the plan's `excluded` list (no secrets). */
  reason: string;
  /**
   * Which limit: `request`, `daily`, `monthly`, `user`, `tag`, `store` (the budget store is
   * unreachable and budgets fail closed), or `rpm` / `tpm` (the client-side rate limiter).
   */
  scope: string;
  /** The limit in USD (0 for `rpm` / `tpm` and `store` denials: see `rateLimit`). */
  limitUsd: number;
  /** Spent plus reserved in USD (0 for `rpm` / `tpm` and `store` denials). */
  spentUsd: number;
  /** When the period resets (epoch ms); undefined for per-request limits. */
  resetsAt: number | undefined;
  /** The provider whose limit it is (a per-provider limit, `rpm` / `tpm`); absent for a global one. */
  provider?: string;
  /** The user or tag whose limit it is (scopes `user`, `tag`). */
  userId?: string;
  tag?: string;
  /** The period of the limit (`daily`, `monthly`). */
  period?: 'daily' | 'monthly';
  /** For `rpm` / `tpm` denials: the window's limit and what is used of it. */
  rateLimit?: { unit: 'requests' | 'tokens'; limit: number; used: number };
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
