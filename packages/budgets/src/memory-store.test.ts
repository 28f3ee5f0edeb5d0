import { describe, expect, test } from 'vitest';
import { memoryStore } from './memory-store.js';
import { storeSuite } from './testing/store-suite.js';

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
