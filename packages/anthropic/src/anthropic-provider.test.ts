import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('createAnthropic', () => {
  it('reads ANTHROPIC_API_KEY from the env at creation and names the instance', () => {
    const provider = createAnthropic({ env: { ANTHROPIC_API_KEY: 'sk-ant-env-key-0123456789' } });
    expect(provider.isAvailable()).toBe(true);
    expect(provider).toMatchObject({
      name: 'anthropic',
      type: 'anthropic',
      defaultModel: 'claude-haiku-4-5',
      specificationVersion: 'v1',
    });
    expect(
      createAnthropic({ name: 'anthropic-eu', model: 'claude-haiku-4-5', env: {} }),
    ).toMatchObject({ name: 'anthropic-eu', defaultModel: 'claude-haiku-4-5' });
  });

  it('is unavailable without a key for Anthropic itself, and fails with auth without sending anything', async () => {
    const urls: string[] = [];
    const provider = createAnthropic({
      env: { ANTHROPIC_API_KEY: '  ' },
      fetch: async (input) => {
        urls.push(String(input));
        return fetch(String(input).replace('https://api.anthropic.com', fake.url));
      },
    });
    expect(provider.isAvailable()).toBe(false);
    await expect(
      provider.generate({ messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ kind: 'auth', isRetryable: false });
    await expect(
      provider
        .stream({ messages: [{ role: 'user', content: 'hi' }] })
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toMatchObject({ kind: 'auth' });
    expect(await provider.healthCheck()).toMatchObject({
      healthy: false,
      error: expect.stringContaining('ANTHROPIC_API_KEY'),
    });
    expect(fake.count('anthropic')).toBe(0);
    expect(urls).toEqual([]);
  });

  it('is available without a key behind a custom base URL (a local proxy), sending a placeholder key', async () => {
    const provider = createAnthropic({ baseURL: fake.baseURL.anthropic, env: {} });
    expect(provider.isAvailable()).toBe(true);
    const result = await provider.generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(result.provider).toBe('anthropic');
    const [sent] = fake.requests('anthropic');
    expect(JSON.stringify(sent?.headers)).not.toContain('sk-ant');
    expect(fake.count('anthropic')).toBe(1);
  });

  it('makes the SDK client on the first call, and warns of no deprecated default model', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const provider = createAnthropic({
        apiKey: 'sk-ant-lazy-0123456789',
        baseURL: fake.baseURL.anthropic,
      });
      expect((provider as unknown as { client?: unknown }).client).toBeUndefined();
      await provider.generate({ messages: [{ role: 'user', content: 'hi' }] });
      expect((provider as unknown as { client?: unknown }).client).toBeDefined();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('uses its own default base URL, never ANTHROPIC_BASE_URL from the environment', async () => {
    const previous = process.env['ANTHROPIC_BASE_URL'];
    process.env['ANTHROPIC_BASE_URL'] = fake.url;
    const urls: string[] = [];
    try {
      const provider = createAnthropic({
        env: { ANTHROPIC_API_KEY: 'sk-ant-env-key-0123456789' },
        fetch: async (input) => {
          urls.push(String(input instanceof Request ? input.url : input));
          throw new TypeError('offline');
        },
      });
      await expect(
        provider.generate({ messages: [{ role: 'user', content: 'hi' }] }),
      ).rejects.toMatchObject({ kind: 'network' });
    } finally {
      if (previous === undefined) delete process.env['ANTHROPIC_BASE_URL'];
      else process.env['ANTHROPIC_BASE_URL'] = previous;
    }
    expect(urls).toEqual(['https://api.anthropic.com/v1/messages']);
    expect(fake.count('anthropic')).toBe(0);
  });
});
