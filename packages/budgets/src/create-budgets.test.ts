import { BudgetExceededError, ProviderError, type Store } from '@modelmux/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
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
  vi.useRealTimers();
});

async function refusal(promise: Promise<unknown>): Promise<BudgetExceededError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!BudgetExceededError.isInstance(error))
    throw new Error(`expected a BudgetExceededError, got ${String(error)}`);
  return error;
}

/** A memory store that can be switched off, as Redis going away would. */
function flakyStore(): Store & { down: boolean } {
  const inner = memoryStore({ now });
  const flaky = { down: false } as Store & { down: boolean };
  for (const name of [
    'get',
    'set',
    'setIfAbsent',
    'delete',
    'increment',
    'reserve',
    'settle',
    'readBudgets',
    'take',
    'publish',
    'subscribe',
    'close',
  ] as const) {
    (flaky as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      flaky.down && name !== 'close'
        ? Promise.reject(new Error('store unreachable'))
        : (inner[name] as (...a: unknown[]) => Promise<unknown>)(...args);
  }
  Object.defineProperty(flaky, 'kind', { value: 'flaky' });
  return flaky;
}

describe('reservations', () => {
  test('concurrent requests cannot jointly pass a daily limit', async () => {
    const b = budgets({ dailyCostLimit: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => b.reserve({ provider: 'openai', predictedCostUsd: 0.1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(BudgetExceededError.isInstance(r.reason)).toBe(true);
    const error = (refused[0] as PromiseRejectedResult).reason as BudgetExceededError;
    expect(error).toMatchObject({
      scope: 'daily',
      period: 'daily',
      limitUsd: 1,
      resetsAt: Date.UTC(2026, 10, 26),
    });
    expect(error.spentUsd).toBeCloseTo(1, 9);
    expect(error.message).toMatch(
      /daily budget of \$1 for all providers would be exceeded \(predicted \$0\.1, spent \$1\); it resets at 2026-11-26T00:00:00\.000Z/,
    );
  });

  test('settle releases the difference, release frees the hold, an overrun is charged', async () => {
    const b = budgets({ dailyCostLimit: { perProvider: { openai: 1 } } });
    const first = await b.reserve({ provider: 'openai', predictedCostUsd: 0.6 });
    await refusal(b.reserve({ provider: 'openai', predictedCostUsd: 0.6 }));
    await first.settle(0.2);
    await first.settle(5); // only the first settle counts
    const second = await b.reserve({ provider: 'openai', predictedCostUsd: 0.6 });
    await second.release();
    const third = await b.reserve({ provider: 'openai', predictedCostUsd: 0.7 });
    await third.settle(0.9); // the call cost more than predicted: charged in full
    const usage = await b.getUsage();
    expect(usage.scopes).toEqual([
      expect.objectContaining({ scope: 'daily', provider: 'openai', limitUsd: 1, reservedUsd: 0 }),
    ]);
    expect(usage.scopes[0]?.spentUsd).toBeCloseTo(1.1, 9);
    expect(usage.scopes[0]?.remainingUsd).toBe(0);
    // Another provider has no limit.
    await expect(b.reserve({ provider: 'groq', predictedCostUsd: 5 })).resolves.toBeDefined();
  });

  test('the per-request limit refuses before anything is reserved', async () => {
    const b = budgets({ costLimitPerRequest: { openai: 0.05 }, dailyCostLimit: 1 });
    const error = await refusal(b.reserve({ provider: 'openai', predictedCostUsd: 0.06 }));
    expect(error).toMatchObject({
      scope: 'request',
      provider: 'openai',
      limitUsd: 0.05,
      predictedUsd: 0.06,
      resetsAt: undefined,
    });
    expect(b.guard.check('openai', 0.06, undefined)).toMatchObject({
      scope: 'request',
      limitUsd: 0.05,
    });
    expect(b.guard.check('openai', 0.05, undefined)).toBeUndefined();
    expect((await b.getUsage()).scopes[0]?.spentUsd ?? 0).toBe(0);
  });

  test('without limits nothing touches the store', async () => {
    const store = flakyStore();
    store.down = true;
    const b = budgets({ store });
    const hold = await b.reserve({ provider: 'openai', predictedCostUsd: 3 });
    await hold.settle(3);
    expect(b.guard.check('openai', 3, undefined)).toBeUndefined();
  });
});

describe('periods', () => {
  test('the daily and monthly limits reset on calendar boundaries of the time zone', async () => {
    // 23:59 on Nov 30 in New York (UTC−5): the day and the month end a minute later.
    clock = Date.UTC(2026, 11, 1, 4, 59);
    const b = budgets({ dailyCostLimit: 1, monthlyCostLimit: 1.5, timeZone: 'America/New_York' });
    await (await b.reserve({ provider: 'openai', predictedCostUsd: 1 })).settle(1);
    const daily = await refusal(b.reserve({ provider: 'openai', predictedCostUsd: 0.1 }));
    expect(daily).toMatchObject({ scope: 'daily', resetsAt: Date.UTC(2026, 11, 1, 5) });
    expect(b.guard.check('openai', 0.1, undefined)).toMatchObject({
      scope: 'daily',
      resetsAt: Date.UTC(2026, 11, 1, 5),
    });
    clock = Date.UTC(2026, 11, 1, 5); // midnight in New York: a new day and a new month
    expect(b.guard.check('openai', 0.1, undefined)).toBeUndefined();
    await (await b.reserve({ provider: 'openai', predictedCostUsd: 1 })).settle(1);
    clock = Date.UTC(2026, 11, 2, 5); // the next day: the day resets, the month does not
    const monthly = await refusal(b.reserve({ provider: 'openai', predictedCostUsd: 0.6 }));
    expect(monthly).toMatchObject({
      scope: 'monthly',
      limitUsd: 1.5,
      resetsAt: Date.UTC(2027, 0, 1, 5),
    });
    expect(monthly.message).toMatch(
      /monthly budget of \$1\.5 .* resets at 2027-01-01T05:00:00\.000Z/,
    );
  });

  test('UTC by default; an unknown time zone is a ConfigError naming it', () => {
    expect(() => createBudgets({ timeZone: 'Mars/Olympus' })).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
  });
});

describe('per-user and per-tag limits', () => {
  test('each user has their own daily limit; tags have theirs', async () => {
    const b = budgets({
      costLimitPerUser: { daily: 0.5 },
      costLimitPerTag: { batch: { monthly: 0.3 } },
    });
    const alice = { userId: 'alice' };
    await (
      await b.reserve({ provider: 'openai', predictedCostUsd: 0.4, metadata: alice })
    ).settle(0.4);
    const error = await refusal(
      b.reserve({ provider: 'anthropic', predictedCostUsd: 0.2, metadata: alice }),
    );
    expect(error).toMatchObject({ scope: 'user', period: 'daily', userId: 'alice', limitUsd: 0.5 });
    expect(error.message).toMatch(/daily user budget of \$0\.5 for user "alice"/);
    expect(b.guard.check('openai', 0.2, alice)).toMatchObject({ scope: 'user' });
    await expect(
      b.reserve({ provider: 'openai', predictedCostUsd: 0.2, metadata: { userId: 'bob' } }),
    ).resolves.toBeDefined();
    const tagged = { userId: 'bob', tags: ['batch'] };
    await (
      await b.reserve({ provider: 'openai', predictedCostUsd: 0.25, metadata: tagged })
    ).settle(0.25);
    expect(
      await refusal(
        b.reserve({ provider: 'openai', predictedCostUsd: 0.1, metadata: { tags: ['batch'] } }),
      ),
    ).toMatchObject({ scope: 'tag', tag: 'batch', period: 'monthly' });
    const usage = await b.getUsage();
    expect(usage.scopes.find((s) => s.userId === 'bob')).toMatchObject({
      spentUsd: 0.25,
      limitUsd: 0.5,
    });
  });
});

describe('client-side rate limits', () => {
  test('rpm: over the limit the request is refused as a rate limit with retry-after, and the guard routes elsewhere', async () => {
    const b = budgets({ rateLimits: { openai: { rpm: 2 } } });
    clock = Date.UTC(2026, 10, 25, 12, 0, 0);
    await b.reserve({ provider: 'openai', predictedCostUsd: 0 });
    await b.reserve({ provider: 'openai', predictedCostUsd: 0 });
    const error = await b
      .reserve({ provider: 'openai', predictedCostUsd: 0 })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.kind).toBe('rate_limit');
    expect((error as ProviderError).retryAfterMs).toBe(60_000 + 30_000);
    expect(b.guard.check('openai', 0, undefined)).toMatchObject({
      scope: 'rpm',
      rateLimit: { unit: 'requests', limit: 2 },
    });
    expect(b.guard.check('groq', 0, undefined)).toBeUndefined();
    clock += 90_000;
    expect(b.guard.check('openai', 0, undefined)).toBeUndefined();
    await expect(b.reserve({ provider: 'openai', predictedCostUsd: 0 })).resolves.toBeDefined();
  });

  test('tpm counts the input (and given output) tokens', async () => {
    const b = budgets({ rateLimits: { openai: { tpm: 1_000 } } });
    await b.reserve({
      provider: 'openai',
      predictedCostUsd: 0,
      inputTokens: 600,
      outputTokens: 300,
    });
    const error = await b
      .reserve({ provider: 'openai', predictedCostUsd: 0, inputTokens: 200 })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error) && error.message).toMatch(/tpm limit of 1000/);
    await expect(
      b.reserve({ provider: 'openai', predictedCostUsd: 0, inputTokens: 100 }),
    ).resolves.toBeDefined();
  });

  test('with maxWaitMs the request waits for room instead (fake timers)', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 12, 0, 59) });
    const b = budgets({ now: Date.now, rateLimits: { openai: { rpm: 1, maxWaitMs: 70_000 } } });
    await b.reserve({ provider: 'openai', predictedCostUsd: 0 });
    let done = false;
    const waiting = b
      .reserve({ provider: 'openai', predictedCostUsd: 0 })
      .then(() => (done = true));
    // The minute's request slides out of the window 61 s later (1 s to the boundary + 60 s).
    await vi.advanceTimersByTimeAsync(60_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
    // A wait longer than maxWaitMs is refused at once.
    await expect(b.reserve({ provider: 'openai', predictedCostUsd: 0 })).rejects.toMatchObject({
      kind: 'rate_limit',
      retryAfterMs: 120_000,
    });
  });
});

test('close() releases a request waiting for rate-limit room at once, typed (issue 24)', async () => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 12, 0, 59) });
  const b = budgets({ now: Date.now, rateLimits: { openai: { rpm: 1, maxWaitMs: 70_000 } } });
  await b.reserve({ provider: 'openai', predictedCostUsd: 0 });
  const waiting = b.reserve({ provider: 'openai', predictedCostUsd: 0 }).catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(1_000);
  await b.close();
  const error = await waiting;
  expect(ProviderError.isInstance(error) && error.kind).toBe('aborted');
  expect((error as ProviderError).message).toMatch(/closed while .* waiting for rpm room/);
  expect(vi.getTimerCount()).toBe(0);
});

describe('when the store is unreachable', () => {
  test('fail-closed (default): refused with BudgetExceededError scope store; recovers by itself', async () => {
    const store = flakyStore();
    const b = budgets({ store, dailyCostLimit: 10 });
    const held = await b.reserve({ provider: 'openai', predictedCostUsd: 1 });
    store.down = true;
    const error = await refusal(b.reserve({ provider: 'openai', predictedCostUsd: 1 }));
    expect(error).toMatchObject({ scope: 'store' });
    expect(error.message).toMatch(/unreachable.*fail-closed/);
    expect(b.guard.check('openai', 1, undefined)).toMatchObject({ scope: 'store' });
    await held.settle(0.5); // cannot reach the store: kept and retried
    expect((await b.getUsage()).pendingSettles).toBe(1);
    store.down = false;
    await b.refresh();
    expect(b.guard.check('openai', 1, undefined)).toBeUndefined();
    const usage = await b.getUsage();
    expect(usage.pendingSettles).toBe(0);
    expect(usage.scopes[0]).toMatchObject({ spentUsd: 0.5, reservedUsd: 0 });
    await expect(b.reserve({ provider: 'openai', predictedCostUsd: 1 })).resolves.toBeDefined();
  });

  test('fail-open: requests pass, and their spend is recorded once the store is back', async () => {
    const store = flakyStore();
    const b = budgets({ store, dailyCostLimit: 10, onStoreError: 'fail-open' });
    store.down = true;
    const hold = await b.reserve({ provider: 'openai', predictedCostUsd: 1 });
    await hold.settle(0.75);
    expect(b.guard.check('openai', 1, undefined)).toBeUndefined();
    store.down = false;
    await b.refresh();
    const usage = await b.getUsage();
    expect(usage.store).toEqual({ kind: 'flaky', reachable: true, onStoreError: 'fail-open' });
    expect(usage.scopes[0]).toMatchObject({ spentUsd: 0.75, reservedUsd: 0 });
  });
});
