import { z } from 'zod';
import { expected, positiveIntSchema } from './schema-helpers.js';

/** The response cache's settings after parsing (absent when the cache is off). */
export interface CacheConfig {
  /** How long an answer is served from the cache, in ms (default 300 000: 5 minutes). */
  ttlMs: number;
  /** The most answers kept in memory; the least recently used goes first (default 1 000). */
  maxEntries: number;
  /** The most bytes of answers (their JSON size) kept in memory, and the largest answer kept (default 50 MB). */
  maxBytes: number;
  /** Keep answers in the shared `store` (e.g. Redis) instead of this process's memory (default false). */
  shared: boolean;
  /** Also cache requests with `temperature > 0` (default false: their answers are meant to vary). */
  anyTemperature: boolean;
}

/** Default cache settings, used for `cache: true` and for the fields an object leaves out. */
export const defaultCacheConfig: CacheConfig = {
  ttlMs: 300_000,
  maxEntries: 1_000,
  maxBytes: 50_000_000,
  shared: false,
  anyTemperature: false,
};

const CacheObjectSchema = z.strictObject({
  ttlMs: positiveIntSchema('milliseconds', '60000').optional(),
  maxEntries: positiveIntSchema('entries', '1000').optional(),
  maxBytes: positiveIntSchema('bytes', '50000000').optional(),
  shared: z.boolean({ error: expected('true or false') }).optional(),
  anyTemperature: z.boolean({ error: expected('true or false') }).optional(),
});

/**
 * The `cache` key: `true` (defaults), `false` (off, the default) or
 * `{ ttlMs?, maxEntries?, maxBytes?, shared?, anyTemperature? }`. Parsed to a `CacheConfig`, or `undefined`
 * when the cache is off.
 */
export const CacheSchema = z
  .union([z.boolean(), CacheObjectSchema], {
    error: expected('true, false or { ttlMs?, maxEntries?, maxBytes?, shared?, anyTemperature? }'),
  })
  .transform((value): CacheConfig | undefined => {
    if (value === false) return undefined;
    if (value === true) return { ...defaultCacheConfig };
    return {
      ttlMs: value.ttlMs ?? defaultCacheConfig.ttlMs,
      maxEntries: value.maxEntries ?? defaultCacheConfig.maxEntries,
      maxBytes: value.maxBytes ?? defaultCacheConfig.maxBytes,
      shared: value.shared ?? defaultCacheConfig.shared,
      anyTemperature: value.anyTemperature ?? defaultCacheConfig.anyTemperature,
    };
  });

/** The keys of the object form, for spelling hints. */
export const cacheKeys = Object.keys(CacheObjectSchema.shape);
