import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { cacheKey } from './cache-key.js';

const route = { provider: undefined, strategy: undefined };
const base = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('cacheKey', () => {
  test('equal requests give equal keys, whatever the key order', () => {
    expect(cacheKey({ ...base, temperature: 0, maxTokens: 5 }, route).key).toBe(
      cacheKey({ maxTokens: 5, temperature: 0, ...base }, route).key,
    );
  });

  test('the signal is not part of it; the metadata is (hooks may turn it into what is sent)', () => {
    expect(cacheKey({ ...base, signal: new AbortController().signal }, route).key).toBe(
      cacheKey(base, route).key,
    );
    expect(cacheKey({ ...base, metadata: { userId: 'a' } }, route).key).not.toBe(
      cacheKey({ ...base, metadata: { userId: 'b' } }, route).key,
    );
  });

  test('every field that decides the answer is', () => {
    const key = cacheKey(base, route).key;
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
    const keys = variants.map((v) => cacheKey(v, route).key);
    for (const other of keys) expect(other).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(cacheKey(base, { provider: 'openai', strategy: undefined }).key).not.toBe(key);
    expect(cacheKey(base, { provider: undefined, strategy: 'quality' }).key).not.toBe(key);
  });

  test('a zod schema keys by its JSON Schema and its identity (refinements, transforms)', () => {
    const schema = z.object({ a: z.string() });
    const refined = z.object({ a: z.string() }).refine((v) => v.a.length > 3);
    const zod = { ...base, responseFormat: { type: 'json' as const, schema } };
    const other = {
      ...base,
      responseFormat: { type: 'json' as const, schema: z.object({ a: z.number() }) },
    };
    const sameJsonSchema = { ...base, responseFormat: { type: 'json' as const, schema: refined } };
    expect(cacheKey(zod, route)).toEqual(cacheKey(zod, route));
    expect(cacheKey(zod, route).key).not.toBe(cacheKey(other, route).key);
    expect(cacheKey(zod, route).key).not.toBe(cacheKey(sameJsonSchema, route).key);
    // A key holding a schema's identity is this process's: never put in a shared store.
    expect(cacheKey(zod, route).portable).toBe(false);
    expect(cacheKey(base, route).portable).toBe(true);
  });
});
