import type {
  BudgetCounter,
  ReserveLimit,
  ReserveRequest,
  ReserveResult,
  Store,
  TakeResult,
} from '@modelmux/core';
import { slidingWindowTake } from './sliding-window.js';

/** Options of `memoryStore()`. */
export interface MemoryStoreOptions {
  /** The clock for key expiry, in epoch ms (default `Date.now`). */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

interface Counter {
  spent: number;
  reserved: number;
  /** Unsettled reservations on this counter: id → amount and when the hold lapses. */
  holds: Map<string, { amount: number; until: number }>;
  /** No hold lapses before this (a lower bound): until then `releaseLapsed` has nothing to scan. */
  nextLapse: number;
  expiresAt: number;
}

interface Reservation {
  amount: number;
  keys: string[];
  expiresAt: number;
}

/** Expired entries are swept after this many writes (amortised O(1); memory stays bounded). */
const sweepEvery = 1_000;

/**
 * How many settled reservation ids are remembered so that a repeated `settle` is a no-op. A
 * settled reservation is dropped at once (not kept for its limit's TTL, which grew the heap with
 * every request of the day); in one process a settle is repeated only right after the first, so
 * a bounded FIFO of recent ids keeps `settle` idempotent in constant memory.
 */
const settledMemory = 10_000;

/**
 * The default `Store`: every piece of shared state in this process's memory. No set-up; one
 * process only (use `redisStore()` from `@modelmux/redis` for a fleet). Expired keys are dropped
 * on read and swept periodically, so memory stays bounded by what is live.
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const counters = new Map<string, Counter>();
  const reservations = new Map<string, Reservation>();
  const settled = new Set<string>();
  // The FIFO's order as a ring of ids: O(1) to drop the oldest. (Deleting a Set's first entry
  // again and again is not: V8 skips the deleted slots at its start on every `values().next()`.)
  const settledRing: (string | undefined)[] = new Array(settledMemory);
  let settledNext = 0;
  const rememberSettled = (id: string): void => {
    const oldest = settledRing[settledNext];
    if (oldest !== undefined) settled.delete(oldest);
    settledRing[settledNext] = id;
    settledNext = (settledNext + 1) % settledMemory;
    settled.add(id);
  };
  const channels = new Map<string, Set<(message: string) => void>>();
  let writes = 0;
  let closed = false;

  const expiry = (ttlMs: number | undefined) =>
    ttlMs === undefined ? Infinity : clock() + Math.max(1, ttlMs);

  function sweep(): void {
    if (++writes % sweepEvery !== 0) return;
    const now = clock();
    for (const map of [entries, counters, reservations] as Map<string, { expiresAt: number }>[])
      for (const [key, value] of map) if (value.expiresAt <= now) map.delete(key);
  }

  function live<T extends { expiresAt: number }>(map: Map<string, T>, key: string): T | undefined {
    const value = map.get(key);
    if (value && value.expiresAt <= clock()) {
      map.delete(key);
      return undefined;
    }
    return value;
  }

  function counterOf(limit: ReserveLimit): Counter {
    let counter = live(counters, limit.key);
    if (!counter) {
      counter = {
        spent: 0,
        reserved: 0,
        holds: new Map(),
        nextLapse: Infinity,
        expiresAt: expiry(limit.ttlMs),
      };
      counters.set(limit.key, counter);
    }
    return counter;
  }

  function releaseLapsed(counter: Counter, now: number): void {
    // O(1) until a hold can have lapsed, instead of a scan of every hold in flight per call.
    if (now < counter.nextLapse) return;
    let next = Infinity;
    for (const [id, hold] of counter.holds)
      if (hold.until <= now) {
        counter.reserved -= hold.amount;
        counter.holds.delete(id);
      } else if (hold.until < next) next = hold.until;
    counter.nextLapse = next;
    if (counter.holds.size === 0) counter.reserved = 0;
  }

  const check = () => {
    if (closed) return Promise.reject(new Error('memoryStore is closed'));
    return undefined;
  };

  return {
    kind: 'memory',
    async get(key) {
      await check();
      return live(entries, key)?.value;
    },
    async set(key, value, ttlMs) {
      await check();
      entries.set(key, { value, expiresAt: expiry(ttlMs) });
      sweep();
    },
    async setIfAbsent(key, value, ttlMs) {
      await check();
      if (live(entries, key)) return false;
      entries.set(key, { value, expiresAt: expiry(ttlMs) });
      sweep();
      return true;
    },
    async delete(key) {
      await check();
      entries.delete(key);
    },
    async increment(key, amount, ttlMs) {
      await check();
      const entry = live(entries, key);
      const value = (entry ? Number(entry.value) || 0 : 0) + amount;
      entries.set(key, { value: String(value), expiresAt: entry?.expiresAt ?? expiry(ttlMs) });
      sweep();
      return value;
    },
    async reserve(request: ReserveRequest): Promise<ReserveResult> {
      await check();
      const list = request.limits.map(counterOf);
      for (const [i, limit] of request.limits.entries()) {
        const counter = list[i] ?? counterOf(limit);
        releaseLapsed(counter, request.now);
        const used = counter.spent + counter.reserved;
        if (used + request.amount > limit.limit + 1e-12)
          return { ok: false, key: limit.key, limit: limit.limit, used };
      }
      const holdUntil = request.now + request.holdMs;
      for (const counter of list) {
        counter.reserved += request.amount;
        counter.holds.set(request.id, { amount: request.amount, until: holdUntil });
        if (holdUntil < counter.nextLapse) counter.nextLapse = holdUntil;
      }
      const ttl = Math.max(request.holdMs, ...request.limits.map((l) => l.ttlMs));
      reservations.set(request.id, {
        amount: request.amount,
        keys: request.limits.map((l) => l.key),
        expiresAt: expiry(ttl),
      });
      sweep();
      return { ok: true, counters: list.map((c) => ({ spent: c.spent, reserved: c.reserved })) };
    },
    async settle(id, actualAmount, limits) {
      await check();
      if (settled.has(id)) return;
      const reservation = live(reservations, id);
      if (!reservation) {
        if (!limits) return;
        for (const limit of limits) counterOf(limit).spent += actualAmount;
        rememberSettled(id);
        return;
      }
      for (const key of reservation.keys) {
        const counter = live(counters, key);
        if (!counter) continue;
        const hold = counter.holds.get(id);
        if (hold) {
          counter.reserved -= hold.amount;
          counter.holds.delete(id);
          if (counter.holds.size === 0) counter.reserved = 0;
        }
        counter.spent += actualAmount;
      }
      reservations.delete(id);
      rememberSettled(id);
    },
    async readBudgets(keys, now): Promise<BudgetCounter[]> {
      await check();
      return keys.map((key) => {
        const counter = live(counters, key);
        if (!counter) return { spent: 0, reserved: 0 };
        releaseLapsed(counter, now);
        return { spent: counter.spent, reserved: counter.reserved };
      });
    },
    async take(key, cost, limit, windowMs, now): Promise<TakeResult> {
      await check();
      const index = Math.floor(now / windowMs);
      const current = live(entries, `${key}:${index}`);
      const previous = live(entries, `${key}:${index - 1}`);
      const result = slidingWindowTake({
        current: current ? Number(current.value) : 0,
        previous: previous ? Number(previous.value) : 0,
        cost,
        limit,
        windowMs,
        elapsedMs: now - index * windowMs,
      });
      if (result.ok)
        entries.set(`${key}:${index}`, {
          value: String(result.current),
          expiresAt: current?.expiresAt ?? expiry(2 * windowMs),
        });
      sweep();
      return { ok: result.ok, remaining: result.remaining, retryAfterMs: result.retryAfterMs };
    },
    async subscribe(channel, listener) {
      await check();
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(listener);
      return async () => {
        set.delete(listener);
      };
    },
    async publish(channel, message) {
      await check();
      for (const listener of channels.get(channel) ?? []) queueMicrotask(() => listener(message));
    },
    async close() {
      closed = true;
      entries.clear();
      counters.clear();
      reservations.clear();
      settled.clear();
      channels.clear();
    },
  };
}
