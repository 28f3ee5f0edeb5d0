import { describe, expect, test } from 'vitest';
import { parseConfigIssues as issues } from '../__fixtures__/config-errors.js';
import { defaultCacheConfig } from './cache-schema.js';
import { parseConfig } from './parse-config.js';

const providers = { openai: { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' } };

describe('config: cache', () => {
  test('is off by default and with false', () => {
    expect(parseConfig({ providers }).cache).toBeUndefined();
    expect(parseConfig({ providers, cache: false }).cache).toBeUndefined();
  });

  test('true turns it on with the documented defaults', () => {
    expect(parseConfig({ providers, cache: true }).cache).toEqual({
      ttlMs: 300_000,
      maxEntries: 1_000,
      maxBytes: 50_000_000,
      shared: false,
      anyTemperature: false,
    });
    expect(defaultCacheConfig.ttlMs).toBe(300_000);
  });

  test('an object overrides some fields and keeps the defaults for the rest', () => {
    expect(parseConfig({ providers, cache: { ttlMs: 1_000, shared: true } }).cache).toEqual({
      ttlMs: 1_000,
      maxEntries: 1_000,
      maxBytes: 50_000_000,
      shared: true,
      anyTemperature: false,
    });
  });

  test('bad values are reported at their path', () => {
    expect(issues({ providers, cache: { ttlMs: -1 } })).toEqual([
      expect.objectContaining({ path: 'cache.ttlMs', message: expect.stringContaining('≥ 1') }),
    ]);
    expect(issues({ providers, cache: { maxEntries: 1.5 } })[0]?.path).toBe('cache.maxEntries');
    expect(issues({ providers, cache: { maxBytes: 0 } })[0]?.path).toBe('cache.maxBytes');
    expect(issues({ providers, cache: 'yes' })[0]).toEqual({
      path: 'cache',
      message: expect.stringContaining('true, false or { ttlMs?'),
    });
  });

  test('a misspelt key gets a hint', () => {
    const [issue] = issues({ providers, cache: { ttlMS: 5 } });
    expect(issue?.path).toBe('cache.ttlMS');
    expect(issue?.message).toContain('ttlMs');
  });
});
