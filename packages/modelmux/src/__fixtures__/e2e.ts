// Shared set-up of the end-to-end suite: the four real adapters (official SDKs) against the
// fake vendor servers of @modelmux/testing, configured through the factory's plain settings.
import type { ChatRequest } from '@modelmux/core';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type FactoryConfigInput, ProviderFactory } from '../index.js';

/** Keys shaped like real ones, so redaction is exercised; none is valid anywhere. */
export const keys = {
  openai: 'sk-e2e-modelmux-openai-0123456789abcdef',
  anthropic: 'sk-ant-e2e-modelmux-0123456789abcdef',
  google: 'AIzaE2EModelmuxGoogle0123456789abcdefgh',
  groq: 'gsk_e2e_modelmux_groq_0123456789abcdef',
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

/** A controllable clock for cool-downs, TTLs and budgets (no sleeping in tests). */
export function manualClock(start = Date.UTC(2026, 10, 25, 12)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

/** Short backoff so retries do not slow the suite. */
export const fastBackoff = { baseDelayMs: 1, maxDelayMs: 2 };

export function question(text = 'What is retrieval augmented generation?'): ChatRequest {
  return { messages: [{ role: 'user', content: text }] };
}

export { startFakeProviders, type FakeProviders };

/** Makes a factory for one test (fast backoff unless the options say otherwise). */
export type MakeFactory = (
  ...args: ConstructorParameters<typeof ProviderFactory>
) => ProviderFactory;

/**
 * The suite's hooks in one call: the fakes start once per file (handed to `onStart`), every
 * factory made with the returned `make` is closed after each test, and the fakes are reset.
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
  return (...args) => {
    const factory = new ProviderFactory(args[0], { backoff: fastBackoff, ...args[1] });
    factories.push(factory);
    return factory;
  };
}
