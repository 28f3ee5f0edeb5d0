import type { CacheConfig, ChatRequest, ChatResult, Store } from '@modelmux/core';
import { LRUCache } from 'lru-cache';

/** Where answers are kept: this process's memory (lru-cache) or the shared store. */
export interface ResponseCache {
  /** True when this request may be answered from (and stored in) the cache. */
  accepts(request: ChatRequest): boolean;
  get(key: string): Promise<ChatResult | undefined>;
  set(key: string, result: ChatResult): Promise<void>;
  /** Entries held in memory (the shared store does not say). */
  readonly size: number | undefined;
  clear(): void;
}

const storePrefix = 'cache:';

/** What is kept of a result: everything but the vendor's raw response. */
function storable(result: ChatResult): ChatResult {
  if (result.raw === undefined) return result;
  const copy = { ...result };
  delete copy.raw;
  return copy;
}

/**
 * The response cache. In memory it is an lru-cache bounded by `maxEntries` with `ttlMs` per entry
 * (read from the injected clock, so fake time moves it); with `shared: true` it is the `Store`
 * (JSON, expiring with `ttlMs`). A store failure is a miss, never a failed request.
 */
export function createResponseCache(options: {
  config: CacheConfig;
  store: Store;
  now: () => number;
}): ResponseCache {
  const { config, store } = options;
  const accepts = (request: ChatRequest): boolean =>
    config.anyTemperature || request.temperature === undefined || request.temperature === 0;

  if (config.shared) {
    return {
      accepts,
      async get(key) {
        try {
          const text = await store.get(storePrefix + key);
          return text === undefined ? undefined : (JSON.parse(text) as ChatResult);
        } catch {
          return undefined;
        }
      },
      async set(key, result) {
        try {
          await store.set(storePrefix + key, JSON.stringify(storable(result)), config.ttlMs);
        } catch {
          // The answer was delivered; losing its cache entry costs one more call later.
        }
      },
      size: undefined,
      clear() {
        // Shared entries expire in the store on their own.
      },
    };
  }

  const lru = new LRUCache<string, ChatResult>({
    max: config.maxEntries,
    ttl: config.ttlMs,
    ttlAutopurge: false,
    // Read the clock on every check (it is cheap) instead of caching it behind a timer.
    ttlResolution: 0,
    perf: { now: options.now },
  });
  return {
    accepts,
    get: (key) => Promise.resolve(lru.get(key)),
    set(key, result) {
      lru.set(key, storable(result));
      return Promise.resolve();
    },
    get size() {
      return lru.size;
    },
    clear: () => lru.clear(),
  };
}
