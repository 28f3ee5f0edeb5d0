// Where money is reported: refusals that read right, usage that says when it is partial and can
// be asked for one user or tag, and a call that outlives its hold still charged against the limit.
import { BudgetExceededError, formatUsd } from '@modelmux/core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Budgets } from './budgets-types.js';
import { createBudgets } from './create-budgets.js';
import { memoryStore } from './memory-store.js';

let clock = Date.UTC(2026, 10, 25, 12, 0, 0);
const now = () => clock;
const open: Budgets[] = [];
function budgets(options: Parameters<typeof createBudgets>[0]): Budgets {
  const b = createBudgets({ now, refreshMs: 0, ...options });
  open.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  clock = Date.UTC(2026, 10, 25, 12, 0, 0);
});

describe('amounts print rounded', () => {
  test('formatUsd: no float noise, no exponent', () => {
    expect(formatUsd(0.00015375000000000002)).toBe('$0.0001538');
    expect(formatUsd(1e-7)).toBe('$0.0000001');
    expect(formatUsd(50)).toBe('$50');
    expect(formatUsd(12.5)).toBe('$12.5');
    expect(formatUsd(0)).toBe('$0');
  });

  test('a refusal and a guard denial print amounts rounded', async () => {
    const b = budgets({ dailyCostLimit: 1e-7 });
    const error = await b
      .reserve({ provider: 'a', predictedCostUsd: 0.00015375000000000002 })
      .catch((e: unknown) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('$0.0000001');
    expect((error as Error).message).toContain('(predicted $0.0001538, spent $0)');
    expect((error as Error).message).not.toMatch(/e-|0000000000/);
  });
});

describe('refusals name whose limit it is', () => {
  test('a global limit is "for all providers", a provider limit names the provider', async () => {
    const b = budgets({ dailyCostLimit: { global: 1, perProvider: { a: 0.5 } } });
    await (await b.reserve({ provider: 'a', predictedCostUsd: 0.4 })).settle(0.4);
    await (await b.reserve({ provider: 'b', predictedCostUsd: 0.1 })).settle(0.1);
    await b.refresh();
    const global = b.guard.check('b', 0.6, undefined);
    expect(global?.reason).toMatch(/^daily budget of all providers: \$0.5 of \$1 used, resets/);
    expect(global?.provider).toBeUndefined();
    const own = b.guard.check('a', 0.15, undefined);
    expect(own?.reason).toMatch(/^daily budget of provider "a": \$0.4 of \$0.5 used, resets/);
    expect(own?.provider).toBe('a');
    const error = await b
      .reserve({ provider: 'b', predictedCostUsd: 0.6 })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /daily budget of \$1 for all providers would be exceeded/,
    );
    expect((error as Error).message).not.toMatch(/provider "b"/);
  });

  test('a client-side rpm limit is worded as a rate limit of that provider, not a $0 budget', async () => {
    const b = budgets({ rateLimits: { a: { rpm: 1 } } });
    await b.reserve({ provider: 'a', predictedCostUsd: 0 });
    await b.reserve({ provider: 'a', predictedCostUsd: 0 }).catch(() => undefined);
    const denial = b.guard.check('a', 0, undefined);
    expect(denial).toMatchObject({ scope: 'rpm', provider: 'a' });
    expect(denial?.reason).toMatch(/client-side rpm limit of 1 for provider "a" reached/);
    expect(denial?.reason).not.toContain('$');
  });
});

describe('getUsage', () => {
  test('can be asked for one user or one tag, read from the store', async () => {
    const store = memoryStore({ now });
    const writer = budgets({ store, costLimitPerUser: 1, costLimitPerTag: { team: 2 } });
    await (
      await writer.reserve({
        provider: 'a',
        predictedCostUsd: 0.25,
        metadata: { userId: 'u1', tags: ['team'] },
      })
    ).settle(0.25);
    // Another process (another budgets over the same store) has never seen u1.
    const reader = budgets({ store, costLimitPerUser: 1, costLimitPerTag: { team: 2 } });
    const user = await reader.getUsage({ userId: 'u1' });
    expect(user.scopes).toEqual([
      expect.objectContaining({ scope: 'user', userId: 'u1', period: 'daily', spentUsd: 0.25 }),
    ]);
    const tag = await reader.getUsage({ tag: 'team' });
    expect(tag.scopes).toEqual([
      expect.objectContaining({ scope: 'tag', tag: 'team', spentUsd: 0.25, remainingUsd: 1.75 }),
    ]);
    expect((await reader.getUsage({ userId: 'nobody' })).scopes[0]?.spentUsd).toBe(0);
  });

  test('says when it lists only part of the scopes (more than 2 000 user counters seen)', async () => {
    const b = budgets({ costLimitPerUser: 1 });
    expect((await b.getUsage()).truncated).toBe(false);
    for (let i = 0; i < 2_001; i++) b.guard.check('a', 0, { userId: `user-${i}` });
    const usage = await b.getUsage();
    expect(usage.truncated).toBe(true);
    expect(usage.scopes.length).toBeLessThanOrEqual(2_000);
    // One user is still answered in full.
    expect((await b.getUsage({ userId: 'user-0' })).truncated).toBe(false);
  });
});

describe('a call that outlives its hold', () => {
  test('is still charged against the limit when it settles, and later calls are refused', async () => {
    const b = budgets({ dailyCostLimit: 1, holdMs: 1_000 });
    const long = await b.reserve({ provider: 'a', predictedCostUsd: 0.9 });
    clock += 5_000; // the hold lapsed while the call was still running
    await long.settle(0.95);
    const usage = await b.getUsage();
    expect(usage.scopes[0]).toMatchObject({ spentUsd: 0.95, reservedUsd: 0 });
    await expect(b.reserve({ provider: 'a', predictedCostUsd: 0.1 })).rejects.toSatisfy(
      BudgetExceededError.isInstance,
    );
  });
});
