import type { CacheConfig, ChatResult, Store } from '@modelmux/core';
import { LRUCache } from 'lru-cache';
import type { CacheKey } from './cache-key.js';

/** One cached answer and the key of the request that was actually sent for it. */
export interface CacheEntry {
  result: ChatResult;
  /**
   * What `formatRequest` sent to the provider that answered (when the hook is configured): a hit
   * is served only when formatting the new request for that provider and model gives the same.
   */
  sent?: { key: string; provider: string; model: string | undefined };
}

/** Where answers are kept: this process's memory (lru-cache) or the shared store. */
export interface ResponseCache {
  /** True when this request may be answered from (and stored in) the cache. */
  accepts(request: { temperature?: number }): boolean;
  /** A fresh copy of the entry (the caller may change it freely), or undefined. */
  get(key: CacheKey): Promise<CacheEntry | undefined>;
  set(key: CacheKey, entry: CacheEntry): Promise<void>;
  /** Entries held in memory (the shared store does not say). */
  readonly size: number | undefined;
  /** Bytes held in memory (JSON size of the entries; the shared store does not say). */
  readonly bytes: number | undefined;
  clear(): void;
}

const storePrefix = 'cache:';

/** What is kept of a result: the contract's fields (not the vendor's raw response, nor routing). */
function storable(result: ChatResult): ChatResult {
  const kept: ChatResult = {
    text: result.text,
    toolCalls: result.toolCalls,
    finishReason: result.finishReason,
    usage: result.usage,
    provider: result.provider,
    model: result.model,
    latencyMs: result.latencyMs,
    costUsd: result.costUsd,
  };
  if (result.object !== undefined) kept.object = result.object;
  if (result.usageEstimated !== undefined) kept.usageEstimated = result.usageEstimated;
  if (result.rateLimit !== undefined) kept.rateLimit = result.rateLimit;
  return kept;
}

/** A deep copy through JSON-like cloning, or undefined when the answer cannot be copied. */
function cloneEntry(entry: CacheEntry): CacheEntry | undefined {
  try {
    return structuredClone(entry);
  } catch {
    // An `object` holding functions or class instances (a zod transform's output): not cached.
    return undefined;
  }
}

/**
 * The response cache. Entries are deep copies, taken when stored and again on every hit, so
 * neither the first caller nor any hit can change what later hits receive. In memory it is an
 * lru-cache bounded by `maxEntries` and by `maxBytes` (each entry's JSON size), with `ttlMs` per
 * entry (read from the injected clock, so fake time moves it); with `shared: true` it is the
 * `Store` (JSON, expiring with `ttlMs`; requests with a zod schema are not shared, their key is
 * this process's). A store failure is a miss, never a failed request.
 */
export function createResponseCache(options: {
  config: CacheConfig;
  store: Store;
  now: () => number;
}): ResponseCache {
  const { config, store } = options;
  const accepts = (request: { temperature?: number }): boolean =>
    config.anyTemperature || request.temperature === undefined || request.temperature === 0;

  if (config.shared) {
    return {
      accepts,
      async get({ key, portable }) {
        if (!portable) return undefined;
        try {
          const text = await store.get(storePrefix + key);
          return text === undefined ? undefined : (JSON.parse(text) as CacheEntry);
        } catch {
          return undefined;
        }
      },
      async set({ key, portable }, entry) {
        if (!portable) return;
        try {
          const text = JSON.stringify({ ...entry, result: storable(entry.result) });
          if (Buffer.byteLength(text) > config.maxBytes) return;
          await store.set(storePrefix + key, text, config.ttlMs);
        } catch {
          // The answer was delivered; losing its cache entry costs one more call later.
        }
      },
      size: undefined,
      bytes: undefined,
      clear() {
        // Shared entries expire in the store on their own.
      },
    };
  }

  const lru = new LRUCache<string, { entry: CacheEntry; bytes: number }>({
    max: config.maxEntries,
    maxSize: config.maxBytes,
    sizeCalculation: (value) => Math.max(1, value.bytes),
    ttl: config.ttlMs,
    ttlAutopurge: false,
    // Read the clock on every check (it is cheap) instead of caching it behind a timer.
    ttlResolution: 0,
    perf: { now: options.now },
  });
  return {
    accepts,
    get: ({ key }) => {
      const held = lru.get(key);
      return Promise.resolve(held === undefined ? undefined : cloneEntry(held.entry));
    },
    set({ key }, entry) {
      const copy = cloneEntry({ ...entry, result: storable(entry.result) });
      if (copy === undefined) return Promise.resolve();
      let bytes: number;
      try {
        bytes = Buffer.byteLength(JSON.stringify(copy));
      } catch {
        return Promise.resolve(); // a BigInt in `object`: not cached
      }
      // Larger than the whole cache: not kept (lru-cache refuses it too).
      if (bytes <= config.maxBytes) lru.set(key, { entry: copy, bytes });
      return Promise.resolve();
    },
    get size() {
      return lru.size;
    },
    get bytes() {
      return lru.calculatedSize;
    },
    clear: () => lru.clear(),
  };
}
