import { type Budgets, createBudgets, type Reservation, type ScopeUsage } from '@modelmux/budgets';
import type { Store } from '@modelmux/core';
import { LRUCache } from 'lru-cache';
import type { VirtualKeyRecord } from './virtual-keys.js';

/** The scope name a key's limits are kept under in the budgets (`key:<id>`). */
export function keyScope(id: string): string {
  return `key:${id}`;
}

/**
 * Per-key budgets and rpm/tpm on modelmux's budgets over the shared `Store`: each key is a
 * scope of its own (`key:<id>`) with `dailyCostLimit`/`monthlyCostLimit` per scope and
 * `rateLimits` per scope, so the reservations are the same atomic all-or-nothing ones the
 * factory uses, fleet-wide on Redis. One `Budgets` per active key, at most `max` kept.
 */
export class KeyLimits {
  private readonly budgets: LRUCache<string, Budgets>;

  constructor(
    private readonly store: Store,
    private readonly options: { now?: () => number; max?: number } = {},
  ) {
    this.budgets = new LRUCache({
      max: options.max ?? 5_000,
      dispose: (budgets) => void budgets.close(),
    });
  }

  /** True when the key has any limit the budgets enforce. */
  static limited(key: Pick<VirtualKeyRecord, 'budget' | 'rpm' | 'tpm'>): boolean {
    return (
      key.budget?.daily !== undefined ||
      key.budget?.monthly !== undefined ||
      key.rpm !== undefined ||
      key.tpm !== undefined
    );
  }

  /**
   * Reserves the predicted cost on the key's budgets and takes from its rpm/tpm windows.
   * Throws `BudgetExceededError` or a `ProviderError` of kind `rate_limit` (with `retryAfterMs`).
   */
  reserve(
    key: VirtualKeyRecord,
    input: { predictedCostUsd: number | undefined; inputTokens: number; outputTokens: number },
  ): Promise<Reservation> {
    return this.of(key).reserve({ provider: keyScope(key.id), ...input });
  }

  /** The key's scopes: spent, reserved and remaining per period. */
  async usage(key: VirtualKeyRecord): Promise<ScopeUsage[]> {
    return (await this.of(key).getUsage()).scopes;
  }

  /** Closes every cached budgets object (the store stays open). */
  async close(): Promise<void> {
    const all = [...this.budgets.values()];
    this.budgets.clear();
    await Promise.all(all.map((b) => b.close()));
  }

  private of(key: VirtualKeyRecord): Budgets {
    const cacheKey = `${key.id}:${key.budget?.daily}:${key.budget?.monthly}:${key.rpm}:${key.tpm}`;
    let budgets = this.budgets.get(cacheKey);
    if (!budgets) {
      const scope = keyScope(key.id);
      budgets = createBudgets({
        store: this.store,
        refreshMs: 0,
        ...(this.options.now && { now: this.options.now }),
        ...(key.budget?.daily !== undefined && {
          dailyCostLimit: { perProvider: { [scope]: key.budget.daily } },
        }),
        ...(key.budget?.monthly !== undefined && {
          monthlyCostLimit: { perProvider: { [scope]: key.budget.monthly } },
        }),
        ...((key.rpm !== undefined || key.tpm !== undefined) && {
          rateLimits: {
            [scope]: {
              ...(key.rpm !== undefined && { rpm: key.rpm }),
              ...(key.tpm !== undefined && { tpm: key.tpm }),
              maxWaitMs: 0,
            },
          },
        }),
      });
      this.budgets.set(cacheKey, budgets);
    }
    return budgets;
  }
}
