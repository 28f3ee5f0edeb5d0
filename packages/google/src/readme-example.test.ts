// The README's examples, run against the fake Gemini API (only `baseURL` and `env` added). Keep
// them in step with the README.
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createGoogle } from './index.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 17 });
});
afterAll(async () => {
  await fake.close();
});
const env = { GEMINI_API_KEY: 'AIzaSyReadmeExampleKey_0123456789abcd' };

describe('the README example', () => {
  test.each(['genai', 'legacy'] as const)('runs as documented (sdk: %s)', async (sdk) => {
    const google = createGoogle({
      model: 'gemini-2.5-flash',
      sdk,
      baseURL: fake.baseURL.google,
      env,
    });

    const { text, usage, costUsd } = await google.generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name three primes.' },
      ],
    });
    expect(text.length).toBeGreaterThan(0);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(costUsd).toBeGreaterThan(0);

    const { object } = await google.generate({
      messages: [{ role: 'user', content: 'The capital of France?' }],
      responseFormat: { type: 'json', schema: z.object({ city: z.string() }) },
    });
    expect(object).toEqual({ city: expect.any(String) });

    const { embeddings } = await google.embed({ input: ['a cat', 'a dog'], dimensions: 256 });
    expect(embeddings.map((v) => v.length)).toEqual([256, 256]);
  });

  test('the SDK and API table', () => {
    expect(createGoogle({ env })).toMatchObject({ sdk: 'genai' });
    expect(createGoogle({ env }).isAvailable()).toBe(true);
    const vertex = createGoogle({
      name: 'vertex',
      vertexai: { project: 'my-project', location: 'europe-west4' },
      model: 'gemini-2.5-flash',
      env: {},
    });
    expect(vertex).toMatchObject({ name: 'vertex', sdk: 'genai' });
    expect(vertex.isAvailable()).toBe(true);
    expect(
      createGoogle({ vertexai: true, apiKey: env.GEMINI_API_KEY, env: {} }).isAvailable(),
    ).toBe(true);
    expect(createGoogle({ sdk: 'legacy', env })).toMatchObject({ sdk: 'legacy' });
  });
});
