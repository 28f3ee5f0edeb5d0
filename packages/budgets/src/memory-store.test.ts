import { describe, expect, test } from 'vitest';
import { memoryStore } from './memory-store.js';
import { storeSuite } from '@modelmux/testing/store-suite';

storeSuite('memoryStore', ({ now }) => memoryStore({ now }));

describe('memoryStore holds (lapses found without scanning every hold on every call)', () => {
  test('holds of different lengths lapse each at its own time, settled ones or not', async () => {
    const store = memoryStore({ now: () => 0 });
    const limits = [{ key: 'day', limit: 10, ttlMs: 86_400_000 }];
    await store.reserve({ id: 'short', amount: 1, limits, holdMs: 1_000, now: 0 });
    await store.reserve({ id: 'long', amount: 2, limits, holdMs: 5_000, now: 0 });
    await store.reserve({ id: 'mid', amount: 4, limits, holdMs: 3_000, now: 100 });
    await store.settle('short', 0.5);
    expect(await store.readBudgets(['day'], 999)).toEqual([{ spent: 0.5, reserved: 6 }]);
    expect(await store.readBudgets(['day'], 3_100)).toEqual([{ spent: 0.5, reserved: 2 }]);
    expect(await store.readBudgets(['day'], 4_999)).toEqual([{ spent: 0.5, reserved: 2 }]);
    expect(await store.readBudgets(['day'], 5_000)).toEqual([{ spent: 0.5, reserved: 0 }]);
    // A hold made after the others lapsed still lapses on time.
    await store.reserve({ id: 'late', amount: 3, limits, holdMs: 1_000, now: 6_000 });
    expect(await store.readBudgets(['day'], 6_999)).toEqual([{ spent: 0.5, reserved: 3 }]);
    expect(await store.readBudgets(['day'], 7_000)).toEqual([{ spent: 0.5, reserved: 0 }]);
    await store.close();
  });
});

describe("memoryStore memory (a settled reservation is not kept for its limit's TTL)", () => {
  test('100 000 settled reservations leave no record behind, and settle stays idempotent', async () => {
    const store = memoryStore({ now: () => 0 });
    const limits = [{ key: 'day', limit: 1e9, ttlMs: 86_400_000 }];
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc (vitest.config.ts sets it)');
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) {
      await store.reserve({ id: `r${i}`, amount: 1, limits, holdMs: 60_000, now: 0 });
      await store.settle(`r${i}`, 1);
    }
    await store.settle('r99999', 1); // repeated: no second charge
    gc();
    expect(await store.readBudgets(['day'], 0)).toEqual([{ spent: 100_000, reserved: 0 }]);
    // The records of 100 000 day-long reservations would be well over 10 MB; what stays is a
    // bounded set of recent ids.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(8 * 1024 * 1024);
    await store.close();
  });
});
