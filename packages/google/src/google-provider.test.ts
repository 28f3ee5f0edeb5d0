import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGoogle } from './google-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createGoogle', () => {
  it('reads GOOGLE_API_KEY, then GEMINI_API_KEY', () => {
    expect(
      createGoogle({
        env: { GOOGLE_API_KEY: 'AIzaSyGoogleKey_0123456789abcdefghijk' },
      }).isAvailable(),
    ).toBe(true);
    expect(
      createGoogle({
        env: { GEMINI_API_KEY: 'AIzaSyGeminiKey_0123456789abcdefghijk' },
      }).isAvailable(),
    ).toBe(true);
    const provider = createGoogle({ env: {} });
    expect(provider.isAvailable()).toBe(false);
    expect(provider).toMatchObject({
      name: 'google',
      type: 'google',
      defaultModel: 'gemini-2.5-flash',
      defaultEmbeddingModel: 'text-embedding-004',
      specificationVersion: 'v1',
    });
  });

  it('fails every call with auth when no key is set, without sending anything', async () => {
    const provider = createGoogle({ baseURL: fake.baseURL.google, env: {} });
    await expect(
      provider.generate({ messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ kind: 'auth', isRetryable: false });
    await expect(
      provider
        .stream({ messages: [{ role: 'user', content: 'hi' }] })
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toMatchObject({ kind: 'auth' });
    await expect(provider.embed({ input: ['x'] })).rejects.toMatchObject({ kind: 'auth' });
    expect(await provider.healthCheck()).toMatchObject({
      healthy: false,
      error: expect.stringContaining('GOOGLE_API_KEY'),
    });
    expect(fake.count('google')).toBe(0);
  });

  it('sends to the Gemini API origin by default', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (input: unknown) => {
      urls.push(String(input));
      throw new TypeError('offline');
    });
    const provider = createGoogle({
      env: { GEMINI_API_KEY: 'AIzaSyGeminiKey_0123456789abcdefghijk' },
    });
    await expect(
      provider.generate({ messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ kind: 'network' });
    expect(urls).toEqual([
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
    ]);
  });
});
