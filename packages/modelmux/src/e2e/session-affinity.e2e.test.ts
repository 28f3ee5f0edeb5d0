// Session affinity end to end: `metadata.sessionId` keeps a conversation on the provider whose
// prompt cache is warm. The fakes run with `promptCache: true`, so a repeated prefix comes back
// as cached input tokens in each vendor's own usage fields; calls are counted at the fake.
import { memoryStore } from '@modelmux/budgets';
import type { Message } from '@modelmux/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type FakeProviders,
  fastBackoff,
  providersFor,
  startFakeProviders,
} from '../__fixtures__/e2e.js';
import { type FactoryConfigInput, ProviderFactory } from '../index.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders({ promptCache: true });
});
afterAll(() => fake.close());

const system = `You are a careful assistant. ${'Answer with precise, sourced facts. '.repeat(40)}`;

function make(config: Partial<FactoryConfigInput>, store?: ReturnType<typeof memoryStore>) {
  fake.reset();
  return new ProviderFactory(
    {
      routingStrategy: 'round-robin',
      providers: providersFor(fake, ['openai', 'anthropic', 'google', 'groq']),
      ...config,
    },
    { backoff: fastBackoff, ...(store && { store }) },
  );
}

interface Conversation {
  inputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  providers: string[];
}

async function converse(factory: ProviderFactory, turns: number, sessionId?: string) {
  const messages: Message[] = [{ role: 'system', content: system }];
  const out: Conversation = { inputTokens: 0, cachedInputTokens: 0, costUsd: 0, providers: [] };
  for (let turn = 0; turn < turns; turn++) {
    messages.push({ role: 'user', content: `Question ${turn}: what about topic ${turn}?` });
    const result = await factory
      .getProvider()
      .invoke(
        { messages: [...messages] },
        sessionId === undefined ? {} : { metadata: { sessionId } },
      );
    messages.push({ role: 'assistant', content: result.text });
    out.inputTokens += result.usage?.inputTokens ?? 0;
    out.cachedInputTokens += result.usage?.cachedInputTokens ?? 0;
    out.costUsd += result.costUsd ?? 0;
    out.providers.push(result.provider);
  }
  return out;
}

describe('session affinity', () => {
  test('a 20-turn conversation stays on one provider and reads its prompt cache', async () => {
    const off = make({});
    const without = await converse(off, 20, 'conv-1');
    await off.close();
    const on = make({ sessionAffinity: true });
    const withAffinity = await converse(on, 20, 'conv-1');
    await on.close();

    // Without affinity round-robin bounces the conversation across the four providers.
    expect(new Set(without.providers).size).toBe(4);
    // With it, the first answer pins the session: every turn reaches the same provider.
    expect(new Set(withAffinity.providers).size).toBe(1);
    const pinned = withAffinity.providers[0] as 'openai';
    expect(fake.count(pinned)).toBe(20);
    expect(fake.count()).toBe(20);

    const share = (c: Conversation) => c.cachedInputTokens / c.inputTokens;
    expect(share(withAffinity)).toBeGreaterThan(0.9);
    expect(share(withAffinity)).toBeGreaterThan(share(without) + 0.1);
    expect(withAffinity.costUsd).toBeLessThan(without.costUsd);
    console.info(
      `[affinity] 20 turns: cache-read share ${(share(without) * 100).toFixed(1)}% → ${(share(withAffinity) * 100).toFixed(1)}%, ` +
        `cost $${without.costUsd.toFixed(6)} → $${withAffinity.costUsd.toFixed(6)} (${pinned})`,
    );
  });

  test('a failure re-pins the session to the provider that answered', async () => {
    const factory = make({
      routingStrategy: 'manual',
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic', 'google'],
      providers: providersFor(fake, ['openai', 'anthropic', 'google']),
      sessionAffinity: { ttlMs: 60_000 },
      maxRetries: 0,
    });
    const llm = factory.getProvider();
    const ask = (text: string) => llm.invoke(text, { metadata: { sessionId: 's-repin' } });
    expect((await ask('one')).provider).toBe('openai');
    fake.script('openai', [{ status: 500 }]);
    expect((await ask('two')).provider).toBe('anthropic');
    // openai is healthy again, but the session now lives on anthropic.
    expect((await ask('three')).provider).toBe('anthropic');
    expect((await ask('four')).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(2);
    expect(fake.count('anthropic')).toBe(3);
    // A request without a session id is routed as before.
    expect((await llm.invoke('no session')).provider).toBe('openai');
    await factory.close();
  });

  test('two factories on one store agree on the pin', async () => {
    const store = memoryStore();
    const a = make({ sessionAffinity: true }, store);
    const b = new ProviderFactory(
      {
        routingStrategy: 'round-robin',
        providers: providersFor(fake, ['openai', 'anthropic', 'google', 'groq']),
        sessionAffinity: true,
      },
      { backoff: fastBackoff, store, seed: 7 },
    );
    const first = await a.getProvider().invoke('hello', { metadata: { sessionId: 'fleet' } });
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 4; i++) {
      const next = await b.getProvider().invoke(`turn ${i}`, { metadata: { sessionId: 'fleet' } });
      expect(next.provider).toBe(first.provider);
    }
    expect(fake.count(first.provider as 'openai')).toBe(5);
    await a.close();
    await b.close();
    await store.close();
  });

  test('a bad sessionAffinity setting is a typed config error naming the field', () => {
    expect(() => make({ sessionAffinity: { ttlMs: -1 } })).toThrow(/sessionAffinity\.ttlMs/);
  });
});
