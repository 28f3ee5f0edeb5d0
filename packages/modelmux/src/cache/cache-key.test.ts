import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { cacheKey } from './cache-key.js';

const route = { provider: undefined, strategy: undefined };
const base = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('cacheKey', () => {
  test('equal requests give equal keys, whatever the key order', () => {
    expect(cacheKey({ ...base, temperature: 0, maxTokens: 5 }, route)).toBe(
      cacheKey({ maxTokens: 5, temperature: 0, ...base }, route),
    );
  });

  test('metadata and the signal are not part of it', () => {
    expect(
      cacheKey({ ...base, metadata: { userId: 'u' }, signal: new AbortController().signal }, route),
    ).toBe(cacheKey(base, route));
  });

  test('every field that decides the answer is', () => {
    const key = cacheKey(base, route);
    const variants = [
      { ...base, model: 'gpt-4o' },
      { ...base, temperature: 0.1 },
      { ...base, maxTokens: 10 },
      { ...base, topP: 0.5 },
      { ...base, stop: ['x'] },
      { ...base, responseFormat: { type: 'json' as const } },
      { ...base, providerOptions: { openai: { seed: 1 } } },
      { messages: [{ role: 'user' as const, content: 'Hi!' }] },
      { ...base, tools: [{ name: 'f', parameters: { type: 'object' } }] },
    ];
    const keys = variants.map((v) => cacheKey(v, route));
    for (const other of keys) expect(other).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(cacheKey(base, { provider: 'openai', strategy: undefined })).not.toBe(key);
    expect(cacheKey(base, { provider: undefined, strategy: 'quality' })).not.toBe(key);
  });

  test('a zod schema keys like its JSON Schema', () => {
    const zod = {
      ...base,
      responseFormat: { type: 'json' as const, schema: z.object({ a: z.string() }) },
    };
    const other = {
      ...base,
      responseFormat: { type: 'json' as const, schema: z.object({ a: z.number() }) },
    };
    expect(cacheKey(zod, route)).toBe(cacheKey(zod, route));
    expect(cacheKey(zod, route)).not.toBe(cacheKey(other, route));
  });
});
