import type { ReserveLimit, Store } from '@modelmux/core';
import { afterEach, describe, expect, test, vi } from 'vitest';

/** What a store factory gets: a test clock (epoch ms) and a fresh key prefix. */
export interface StoreFactoryContext {
  now: () => number;
  prefix: string;
}

/** Makes a fresh store for one test. */
export type StoreFactory = (context: StoreFactoryContext) => Store | Promise<Store>;

let counter = 0;

/**
 * The conformance suite every `Store` must pass (records, counters, atomic reservations,
 * sliding windows, pub/sub, prefixes, close). Run it from a vitest file:
 *
 * @example
 * storeSuite('memoryStore', ({ now }) => memoryStore({ now }));
 */
export function storeSuite(name: string, factory: StoreFactory): void {
  describe(`Store conformance: ${name}`, () => {
    let clock = Date.UTC(2026, 10, 25, 12, 0, 0);
    const opened: Store[] = [];
    const open = async (prefix = `t${process.pid}-${++counter}-${Date.now()}:`) => {
      const store = await factory({ now: () => clock, prefix });
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
    });
    const limit = (key: string, value: number): ReserveLimit => ({
      key,
      limit: value,
      ttlMs: 60_000,
    });

    test('get, set, setIfAbsent, delete', async () => {
      const store = await open();
      expect(await store.get('a')).toBeUndefined();
      await store.set('a', 'one');
      expect(await store.get('a')).toBe('one');
      expect(await store.setIfAbsent('a', 'two')).toBe(false);
      expect(await store.setIfAbsent('b', 'two')).toBe(true);
      expect(await store.get('b')).toBe('two');
      await store.delete('a');
      expect(await store.get('a')).toBeUndefined();
      expect(typeof store.kind).toBe('string');
    });

    test('keys expire after their ttl', async () => {
      const store = await open();
      await store.set('short', 'x', 30);
      await store.increment('n', 1, 30);
      expect(await store.get('short')).toBe('x');
      clock += 31;
      await vi.waitFor(async () => expect(await store.get('short')).toBeUndefined(), {
        timeout: 2_000,
        interval: 10,
      });
      expect(await store.increment('n', 5)).toBe(5);
      expect(await store.setIfAbsent('short', 'y')).toBe(true);
    });

    test('increment adds fractional and negative amounts', async () => {
      const store = await open();
      expect(await store.increment('c', 0.25)).toBeCloseTo(0.25, 12);
      expect(await store.increment('c', 1.5)).toBeCloseTo(1.75, 12);
      expect(await store.increment('c', -0.75)).toBeCloseTo(1, 12);
    });

    test('reserve is all-or-nothing over several limits and names the one that refused', async () => {
      const store = await open();
      const limits = [limit('global', 10), limit('user', 1)];
      const first = await store.reserve({
        id: 'r1',
        amount: 0.75,
        limits,
        holdMs: 60_000,
        now: clock,
      });
      expect(first).toEqual({
        ok: true,
        counters: [
          { spent: 0, reserved: 0.75 },
          { spent: 0, reserved: 0.75 },
        ],
      });
      const second = await store.reserve({
        id: 'r2',
        amount: 0.5,
        limits,
        holdMs: 60_000,
        now: clock,
      });
      expect(second).toEqual({ ok: false, key: 'user', limit: 1, used: 0.75 });
      // Nothing was charged on the global counter by the refused reservation.
      expect(await store.readBudgets(['global', 'user', 'absent'], clock)).toEqual([
        { spent: 0, reserved: 0.75 },
        { spent: 0, reserved: 0.75 },
        { spent: 0, reserved: 0 },
      ]);
    });

    test('concurrent reservations never jointly pass a limit', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.reserve({
            id: `c${i}`,
            amount: 0.25,
            limits: [limit('day', 2)],
            holdMs: 60_000,
            now: clock,
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(8);
      expect(await store.readBudgets(['day'], clock)).toEqual([{ spent: 0, reserved: 2 }]);
    });

    test('settle replaces the hold by the actual amount (less, more, or 0), once', async () => {
      const store = await open();
      const limits = [limit('day', 1)];
      for (const id of ['a', 'b', 'c'])
        await store.reserve({ id, amount: 0.3, limits, holdMs: 60_000, now: clock });
      await store.settle('a', 0.1);
      await store.settle('b', 0.5); // an overrun is charged in full
      await store.settle('c', 0); // a failed call releases
      await store.settle('a', 0.1); // idempotent
      const [after] = await store.readBudgets(['day'], clock);
      expect(after?.spent).toBeCloseTo(0.6, 12);
      expect(after?.reserved).toBeCloseTo(0, 12);
      expect(
        await store.reserve({ id: 'd', amount: 0.41, limits, holdMs: 60_000, now: clock }),
      ).toMatchObject({ ok: false, key: 'day' });
    });

    test('settling a reservation the store never saw charges the given limits once', async () => {
      const store = await open();
      const limits = [limit('day', 1), limit('month', 5)];
      await store.settle('offline-1', 0.2, limits);
      await store.settle('offline-1', 0.2, limits);
      await store.settle('unknown-without-limits', 0.2);
      const counters = await store.readBudgets(['day', 'month'], clock);
      expect(counters.map((c) => c.spent)).toEqual([0.2, 0.2]);
    });

    test('an unsettled hold lapses after holdMs', async () => {
      const store = await open();
      const limits = [limit('day', 1)];
      await store.reserve({ id: 'h', amount: 1, limits, holdMs: 1_000, now: clock });
      expect(await store.readBudgets(['day'], clock + 999)).toEqual([{ spent: 0, reserved: 1 }]);
      expect(
        await store.reserve({ id: 'h2', amount: 0.5, limits, holdMs: 1_000, now: clock + 999 }),
      ).toMatchObject({ ok: false });
      expect(
        await store.reserve({ id: 'h3', amount: 0.5, limits, holdMs: 1_000, now: clock + 1_000 }),
      ).toMatchObject({ ok: true, counters: [{ spent: 0, reserved: 0.5 }] });
      await store.settle('h', 0.2); // the call finished late: its spend is still recorded
      expect(await store.readBudgets(['day'], clock + 1_000)).toEqual([
        { spent: 0.2, reserved: 0.5 },
      ]);
    });

    test('take: a sliding window of limit per windowMs', async () => {
      const store = await open();
      const t0 = Math.floor(clock / 60_000) * 60_000;
      for (let i = 0; i < 3; i++)
        expect(await store.take('rpm', 1, 3, 60_000, t0 + i)).toEqual({
          ok: true,
          remaining: 2 - i,
          retryAfterMs: 0,
        });
      const refused = await store.take('rpm', 1, 3, 60_000, t0 + 10);
      expect(refused.ok).toBe(false);
      expect(refused.remaining).toBe(0);
      // Room again when a third of the previous window has slid out: 60 s − 10 ms + 20 s.
      expect(refused.retryAfterMs).toBe(60_000 - 10 + 20_000);
      expect((await store.take('rpm', 1, 3, 60_000, t0 + 60_000 + 19_999)).ok).toBe(false);
      expect(await store.take('rpm', 1, 3, 60_000, t0 + 60_000 + 20_000)).toMatchObject({
        ok: true,
      });
      // A cost above the limit is taken as the limit (an empty window lets it through).
      expect(await store.take('tpm', 5_000, 1_000, 60_000, t0)).toMatchObject({
        ok: true,
        remaining: 0,
      });
      expect(await store.take('tpm', 1, 1_000, 60_000, t0 + 1)).toMatchObject({ ok: false });
    });

    test('concurrent takes never pass the window', async () => {
      const store = await open();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.take('burst', 1, 5, 60_000, clock)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(5);
    });

    test('publish reaches subscribers until they unsubscribe', async () => {
      const store = await open();
      if (!store.subscribe || !store.publish) return expect(store.kind).toBe('none');
      const got: string[] = [];
      const off = await store.subscribe('ch', (m) => got.push(m));
      await store.publish('ch', 'hello');
      await vi.waitFor(() => expect(got).toEqual(['hello']), { timeout: 2_000, interval: 5 });
      await off();
      await store.publish('ch', 'late');
      await store.get('flush'); // one round trip after the publish
      expect(got).toEqual(['hello']);
    });

    test('a store sees only its own prefix', async () => {
      const a = await open();
      const b = await open();
      await a.set('k', 'a');
      await a.reserve({
        id: 'p',
        amount: 1,
        limits: [limit('day', 5)],
        holdMs: 60_000,
        now: clock,
      });
      expect(await b.get('k')).toBeUndefined();
      expect(await b.readBudgets(['day'], clock)).toEqual([{ spent: 0, reserved: 0 }]);
    });

    test('calls after close reject instead of hanging', async () => {
      const store = await open();
      await store.close();
      await expect(store.get('k')).rejects.toThrow();
    });
  });
}
