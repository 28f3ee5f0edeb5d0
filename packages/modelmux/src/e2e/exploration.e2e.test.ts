// Exploration end to end: the catalogue's favourite for latency is made slow at the fake, the
// others are never seen. Without exploration the router never learns; with it, within 40
// requests the fastest real provider leads. Calls are counted at the fake.
import { describe, expect, test } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

function slowFavourite(): void {
  fake.rules('groq', { latencyMs: 400 });
  fake.rules('google', { latencyMs: 120 });
  fake.rules('anthropic', { latencyMs: 60 });
}

describe('exploration (latency)', () => {
  test('without exploration the slow catalogue favourite keeps every request', async () => {
    const factory = make(
      { routingStrategy: 'latency', providers: providersFor(fake) },
      { seed: 3 },
    );
    slowFavourite();
    for (let i = 0; i < 6; i++) await factory.getProvider().invoke(`q${i}`);
    expect(fake.count('groq')).toBe(6);
    expect(fake.count()).toBe(6);
  });

  test('with exploration: within 40 requests the fastest real provider leads', async () => {
    const factory = make(
      { routingStrategy: 'latency', providers: providersFor(fake), exploration: { rate: 0.3 } },
      { seed: 3 },
    );
    slowFavourite();
    expect(factory.getFastestProvider().name).toBe('groq');
    const served: string[] = [];
    for (let i = 0; i < 40; i++)
      served.push((await factory.getProvider().invoke(`q${i}`)).provider);
    expect(factory.getFastestProvider().name).toBe('openai');
    const last10 = served.slice(-10);
    expect(last10.every((p) => p === 'openai')).toBe(true);
    // Every provider was tried at least once, and the slow favourite only a few times.
    for (const vendor of ['openai', 'anthropic', 'google', 'groq'] as const)
      expect(fake.count(vendor)).toBeGreaterThan(0);
    expect(fake.count('groq')).toBeLessThan(10);
    expect(fake.count()).toBe(40);
  });
});
