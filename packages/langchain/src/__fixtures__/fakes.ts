// The suite's set-up: @modelmux/testing's fake vendor servers (the real HTTP formats), and real
// ProviderFactory instances whose adapters (official SDKs) point at them.
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { type FactoryConfigInput, ProviderFactory, type ProviderFactoryOptions } from 'modelmux';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Keys shaped like real ones, so redaction is exercised; none is valid anywhere. */
const keys = {
  openai: 'sk-lc-modelmux-openai-0123456789abcdef',
  anthropic: 'sk-ant-lc-modelmux-0123456789abcdef',
  google: 'AIzaLcModelmuxGoogle0123456789abcdefghij',
  groq: 'gsk_lc_modelmux_groq_0123456789abcdef',
} as const;

export type Vendor = keyof typeof keys;

/** `providers` settings for the given vendors, pointed at the fake. */
export function providersFor(
  fake: FakeProviders,
  vendors: readonly Vendor[] = ['openai', 'anthropic'],
): NonNullable<FactoryConfigInput['providers']> {
  return Object.fromEntries(
    vendors.map((vendor) => [vendor, { apiKey: keys[vendor], baseURL: fake.baseURL[vendor] }]),
  );
}

/** A factory over openai then anthropic (manual routing, fallback on, no retries) by default. */
export type MakeFactory = (
  config?: Partial<FactoryConfigInput>,
  options?: ProviderFactoryOptions,
) => ProviderFactory;

/**
 * Starts the fakes once per file (handed to `onStart`); every factory made with the returned
 * function is closed after each test, and the fakes are reset.
 */
export function useFakeFactories(onStart: (fake: FakeProviders) => void): MakeFactory {
  let fake: FakeProviders | undefined;
  const factories: ProviderFactory[] = [];
  beforeAll(async () => {
    fake = await startFakeProviders();
    onStart(fake);
  });
  afterEach(async () => {
    await Promise.all(factories.splice(0).map((f) => f.close()));
    fake?.reset();
  });
  afterAll(() => fake?.close());
  return (config = {}, options = {}) => {
    if (!fake) throw new Error('the fakes have not started');
    const factory = new ProviderFactory(
      {
        primaryProvider: 'openai',
        fallbackProviders: ['anthropic'],
        maxRetries: 0,
        providers: providersFor(fake),
        ...config,
      },
      { backoff: { baseDelayMs: 1, maxDelayMs: 2 }, ...options },
    );
    factories.push(factory);
    return factory;
  };
}

export type { FakeProviders };
