// A user's vitest test: the packages import from their published dist (a workspace-only export
// condition would point at src/, which is not in the tarball), a routed request goes through the
// real adapters to the fakes, and the Store conformance suite runs from @modelmux/testing.
import { memoryStore } from '@modelmux/budgets';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { storeSuite } from '@modelmux/testing/store-suite';
import { ProviderFactory } from 'modelmux';
import { afterAll, beforeAll, expect, test } from 'vitest';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

test('a routed request falls back from a failing openai to anthropic', async () => {
  fake.script('openai', [{ status: 500 }, { status: 500 }, { status: 500 }]);
  const factory = new ProviderFactory({
    primaryProvider: 'openai',
    fallbackProviders: ['anthropic'],
    providers: {
      openai: { apiKey: 'sk-consumer-openai-0123456789', baseURL: fake.baseURL.openai },
      anthropic: { apiKey: 'sk-ant-consumer-0123456789', baseURL: fake.baseURL.anthropic },
    },
  });
  try {
    const result = await factory.getProvider().invoke('What is RAG?');
    expect(result.provider).toBe('anthropic');
    expect(result.text.length).toBeGreaterThan(0);
    expect(fake.count('openai')).toBeGreaterThanOrEqual(1);
    expect(fake.count('anthropic')).toBe(1);
  } finally {
    await factory.close();
  }
});

storeSuite('memoryStore (from the tarball)', ({ now }) => memoryStore({ now }));
