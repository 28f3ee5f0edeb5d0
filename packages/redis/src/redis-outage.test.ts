import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetExceededError, type Store } from '@modelmux/core';
import { createBudgets, sharedProviderState } from '@modelmux/budgets';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { redisStore, RedisStoreError } from './redis-store.js';
import { startRedisServer, type RedisServer } from './testing/redis-server.js';

const available = inject('redisUrl') !== '';

describe.runIf(available)('redisStore when Redis goes away and comes back', () => {
  let server: RedisServer;
  let dir: string;
  const stores: Store[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelmux-redis-'));
    server = await startRedisServer({ persistDir: dir });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (prefix: string) => {
    const store = redisStore({ url: server.url, prefix, timeoutMs: 500 });
    stores.push(store);
    return store;
  };

  test('calls fail fast while it is down, budgets fail closed, and both recover without a restart', async () => {
    const store = open('outage:');
    const budgets = createBudgets({ store, dailyCostLimit: 1, refreshMs: 0 });
    await (await budgets.reserve({ provider: 'openai', predictedCostUsd: 0.4 })).settle(0.4);
    const inFlight = await budgets.reserve({ provider: 'openai', predictedCostUsd: 0.3 });

    await server.stop();
    const started = performance.now();
    const results = await Promise.allSettled([
      store.get('k'),
      store.take('w', 1, 10, 60_000, Date.now()),
      budgets.reserve({ provider: 'openai', predictedCostUsd: 0.1 }),
    ]);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2_500); // 500 ms timeout; never a hang
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(RedisStoreError);
    const refusal = (results[2] as PromiseRejectedResult).reason as BudgetExceededError;
    expect(BudgetExceededError.isInstance(refusal) && refusal.scope).toBe('store');
    expect(budgets.guard.check('openai', 0.1, undefined)?.scope).toBe('store');
    await inFlight.settle(0.3); // its settle is kept and retried
    expect((await budgets.getUsage()).pendingSettles).toBe(1);

    await server.start();
    await vi.waitFor(
      async () => {
        await budgets.refresh();
        expect((await budgets.getUsage()).store.reachable).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
    const usage = await budgets.getUsage();
    expect(usage.pendingSettles).toBe(0);
    expect(usage.scopes[0]?.spentUsd).toBeCloseTo(0.7, 9);
    expect(usage.scopes[0]?.reservedUsd).toBe(0);
    expect(budgets.guard.check('openai', 0.1, undefined)).toBeUndefined();
    await expect(
      budgets.reserve({ provider: 'openai', predictedCostUsd: 0.4 }),
    ).rejects.toMatchObject({
      scope: 'daily',
    });
    await budgets.close();
  });

  test('a cool-down reaches another process through pub/sub, and again after a reconnect', async () => {
    const a = sharedProviderState(open('mirror:'), { refreshMs: 0 });
    const b = sharedProviderState(open('mirror:'), { refreshMs: 0 });
    await Promise.all([a.ready, b.ready]);
    const until = Date.now() + 60_000;
    a.coolDown('openai', until, 'rate_limit');
    await vi.waitFor(() => expect(b.get('openai')?.coolDownUntil).toBe(until));
    // b knows 'anthropic' now and has no periodic refresh: only a message can update it.
    expect(b.get('anthropic')).toBeUndefined();
    await b.ready;

    await server.stop();
    await server.start();
    const later = Date.now() + 120_000;
    await vi.waitFor(
      async () => {
        a.coolDown('anthropic', later, 'rate_limit');
        expect(b.get('anthropic')?.coolDownUntil).toBe(later);
      },
      { timeout: 10_000, interval: 200 },
    );
    await Promise.all([a.close(), b.close()]);
  });
});
