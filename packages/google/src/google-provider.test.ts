import { ConfigError } from '@modelmux/core';
import { startFakeProviders, type FakeProviders, providerFailure } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';
import { createLegacyBackend, loadLegacySdk } from './legacy-backend.js';

const key = 'AIzaSyGeminiKey_0123456789abcdefghijk';
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());
afterEach(() => {
  vi.unstubAllGlobals();
});

const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('createGoogle', () => {
  it('reads GOOGLE_API_KEY, then GEMINI_API_KEY, and runs on @google/genai by default', () => {
    expect(
      createGoogle({
        env: { GOOGLE_API_KEY: 'AIzaSyGoogleKey_0123456789abcdefghijk' },
      }).isAvailable(),
    ).toBe(true);
    expect(createGoogle({ env: { GEMINI_API_KEY: key } }).isAvailable()).toBe(true);
    const provider = createGoogle({ env: {} });
    expect(provider.isAvailable()).toBe(false);
    expect(provider).toMatchObject({
      name: 'google',
      type: 'google',
      sdk: 'genai',
      defaultModel: 'gemini-2.5-flash',
      defaultEmbeddingModel: 'text-embedding-004',
      specificationVersion: 'v1',
    });
    expect(createGoogle({ sdk: 'legacy', env: {} }).sdk).toBe('legacy');
  });

  it.each(['genai', 'legacy'] as GoogleSdk[])(
    'sends through the chosen SDK (%s), as its user agent shows',
    async (sdk) => {
      await createGoogle({ sdk, apiKey: key, baseURL: fake.baseURL.google, env: {} }).generate(hi);
      const headers = fake.requests('google')[0]?.headers ?? {};
      expect(headers['x-goog-api-client']).toMatch(
        sdk === 'genai' ? /^google-genai-sdk\/2\./ : /^genai-js\/0\.24/,
      );
    },
  );

  it.each(['genai', 'legacy'] as GoogleSdk[])(
    'fails every call with auth when no key is set, without sending anything (%s)',
    async (sdk) => {
      const provider = createGoogle({ sdk, baseURL: fake.baseURL.google, env: {} });
      await expect(provider.generate(hi)).rejects.toMatchObject({
        kind: 'auth',
        isRetryable: false,
      });
      await expect(provider.stream(hi)[Symbol.asyncIterator]().next()).rejects.toMatchObject({
        kind: 'auth',
      });
      await expect(provider.embed({ input: ['x'] })).rejects.toMatchObject({ kind: 'auth' });
      expect(await provider.healthCheck()).toMatchObject({
        healthy: false,
        error: expect.stringContaining('GOOGLE_API_KEY'),
      });
      expect(fake.count('google')).toBe(0);
    },
  );

  it.each(['genai', 'legacy'] as GoogleSdk[])(
    'sends to the Gemini API origin by default (%s)',
    async (sdk) => {
      const urls: string[] = [];
      vi.stubGlobal('fetch', async (input: unknown) => {
        urls.push(String(input));
        throw new TypeError('fetch failed');
      });
      const provider = createGoogle({ sdk, env: { GEMINI_API_KEY: key } });
      expect(await providerFailure(provider.generate(hi))).toMatchObject({ kind: 'network' });
      expect(urls).toEqual([
        'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
      ]);
    },
  );

  it('loads nothing and sends nothing at creation; the SDK client is made on the first call', async () => {
    const calls: unknown[] = [];
    vi.stubGlobal('fetch', async (input: unknown) => {
      calls.push(input);
      throw new TypeError('fetch failed');
    });
    createGoogle({ apiKey: key, env: {} });
    createGoogle({ vertexai: { project: 'acme', location: 'europe-west4' }, env: {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual([]);
  });

  it.each([
    [{ sdk: 'gemini' as GoogleSdk }, 'sdk'],
    [{ sdk: 'legacy' as const, vertexai: true }, 'vertexai'],
    [{ sdk: 'legacy' as const, fetch: globalThis.fetch }, 'fetch'],
    [{ apiKey: 'AIzaSy-key-with-a-newline\n' }, 'apiKey'],
    [{ headers: { 'x-team': 'a\r\nb' } }, 'headers.x-team'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
  ])('rejects %j at creation with a ConfigError naming %s', (settings, path) => {
    try {
      createGoogle({ env: {}, ...settings });
      expect.unreachable();
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true);
      expect((error as ConfigError).issues.map((i) => i.path)).toEqual([path]);
      expect(String((error as Error).message)).not.toContain('AIzaSy-key');
    }
  });

  it('registers credential headers (a gateway key) for redaction', async () => {
    const gatewayKey = 'gw-secret-0123456789abcdef';
    fake.script('google', [{ error: 'bad_request', message: `bad header ${gatewayKey}` }]);
    const error = await providerFailure(
      createGoogle({
        apiKey: key,
        baseURL: fake.baseURL.google,
        headers: { 'x-gateway-api-key': gatewayKey },
        env: {},
      }).generate(hi),
    );
    expect(error.message).not.toContain(gatewayKey);
  });
});

describe("sdk: 'legacy' as an optional peer", () => {
  it('says how to install @google/generative-ai when it is missing', async () => {
    const missing = '@google/generative-ai-not-installed';
    const load = () => loadLegacySdk(() => import(missing));
    const error = await load().catch((e: unknown) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues[0]).toMatchObject({
      path: 'sdk',
      message: expect.stringContaining('npm install @google/generative-ai'),
    });
    await expect(createLegacyBackend({ apiKey: key, baseURL: undefined }, load)).rejects.toThrow(
      /npm install @google\/generative-ai/,
    );
  });

  it('rethrows any other load failure as it is', async () => {
    const broken = new Error('the package threw while loading');
    await expect(loadLegacySdk(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('loads the installed SDK', async () => {
    expect(typeof (await loadLegacySdk()).GoogleGenerativeAI).toBe('function');
  });
});
