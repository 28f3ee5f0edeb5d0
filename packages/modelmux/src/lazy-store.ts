import type { Store } from '@modelmux/core';

/**
 * A `Store` that creates the real one (e.g. `redisStore()` from `@modelmux/redis`, imported on
 * demand) on its first call. Every call waits for it; `close()` before any call does nothing.
 */
export function lazyStore(kind: string, create: () => Promise<Store>): Store {
  let store: Promise<Store> | undefined;
  const get = (): Promise<Store> => {
    if (!store) {
      store = create();
      // Each caller sees the failure; a call nobody waits for must not be an unhandled rejection.
      store.catch(() => undefined);
    }
    return store;
  };
  return {
    kind,
    get: async (key) => (await get()).get(key),
    set: async (key, value, ttlMs) => (await get()).set(key, value, ttlMs),
    setIfAbsent: async (key, value, ttlMs) => (await get()).setIfAbsent(key, value, ttlMs),
    delete: async (key) => (await get()).delete(key),
    increment: async (key, amount, ttlMs) => (await get()).increment(key, amount, ttlMs),
    reserve: async (request) => (await get()).reserve(request),
    settle: async (...args) => (await get()).settle(...args),
    readBudgets: async (keys, now) => (await get()).readBudgets(keys, now),
    take: async (...args) => (await get()).take(...args),
    async subscribe(channel, listener) {
      const real = await get();
      if (!real.subscribe) return () => Promise.resolve();
      return real.subscribe(channel, listener);
    },
    async publish(channel, message) {
      await (await get()).publish?.(channel, message);
    },
    async close() {
      const real = await store?.catch(() => undefined);
      await real?.close();
    },
  };
}
