import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});

describe('createAnthropic', () => {
  it('reads ANTHROPIC_API_KEY from the env at creation and names the instance', () => {
    const provider = createAnthropic({ env: { ANTHROPIC_API_KEY: 'sk-ant-env-key-0123456789' } });
    expect(provider.isAvailable()).toBe(true);
    expect(provider).toMatchObject({
      name: 'anthropic',
      type: 'anthropic',
      defaultModel: 'claude-sonnet-4-5',
      specificationVersion: 'v1',
    });
    expect(
      createAnthropic({ name: 'anthropic-eu', model: 'claude-haiku-4-5', env: {} }),
    ).toMatchObject({ name: 'anthropic-eu', defaultModel: 'claude-haiku-4-5' });
  });

  it('is unavailable without a key, and fails with auth without sending anything', async () => {
    const provider = createAnthropic({
      baseURL: fake.baseURL.anthropic,
      env: { ANTHROPIC_API_KEY: '  ' },
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
