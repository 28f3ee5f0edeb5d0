// Shared set-up: the fake vendor servers of @modelmux/testing and real ProviderFactory instances
// (the real adapters and official SDKs) pointed at them.
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { type FactoryConfigInput, ProviderFactory, type ProviderFactoryOptions } from 'modelmux';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Keys shaped like real ones (so redaction is exercised); valid nowhere. */
export const keys = {
  openai: 'sk-aisdk-modelmux-openai-0123456789abcdef',
  anthropic: 'sk-ant-aisdk-modelmux-0123456789abcdef',
  google: 'AIzaAiSdkModelmuxGoogle0123456789abcdefg',
  groq: 'gsk_aisdk_modelmux_groq_0123456789abcdef',
} as const;

export type Vendor = keyof typeof keys;

/** `providers` settings for the given vendors, pointed at the fake. */
export function providersFor(
  fake: FakeProviders,
  vendors: readonly Vendor[] = ['openai', 'anthropic', 'google', 'groq'],
): NonNullable<FactoryConfigInput['providers']> {
  return Object.fromEntries(
    vendors.map((vendor) => [vendor, { apiKey: keys[vendor], baseURL: fake.baseURL[vendor] }]),
  );
}

/**
 * The fakes start once per file (`fake()` returns them); factories made with `make` are closed
 * after each test and the fakes reset. Backoff is short so retries do not slow the suite.
 */
export function useFakes(): {
  fake: () => FakeProviders;
  make: (config: FactoryConfigInput, options?: ProviderFactoryOptions) => ProviderFactory;
} {
  let started: FakeProviders | undefined;
  const factories: ProviderFactory[] = [];
  beforeAll(async () => {
    started = await startFakeProviders();
  });
  afterEach(async () => {
    await Promise.all(factories.splice(0).map((f) => f.close()));
    started?.reset();
  });
  afterAll(() => started?.close());
  return {
    fake: () => {
      if (!started) throw new Error('the fakes have not started (use inside a test)');
      return started;
    },
    make: (config, options) => {
      const factory = new ProviderFactory(config, {
        backoff: { baseDelayMs: 1, maxDelayMs: 2 },
        ...options,
      });
      factories.push(factory);
      return factory;
    },
  };
}
