import type { Provider } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { fourProviders } from './__fixtures__/providers.js';
import { createRouter } from './router.js';

const nameOf = (c: unknown) =>
  ('generate' in (c as Provider) ? (c as Provider) : (c as { provider: Provider }).provider).name;

describe('session affinity', () => {
  it('pins a session to the provider that answered, slides its TTL, and lapses after it', () => {
    let time = 1_000;
    const p = fourProviders();
    const router = createRouter({
      providers: [p.openai, p.anthropic, p.google, p.groq],
      strategy: 'round-robin',
      sessionAffinity: { ttlMs: 1_000 },
      now: () => time,
      seed: 1,
    });
    const ask = () =>
      router.plan({ messages: [{ role: 'user', content: 'hi' }], metadata: { sessionId: 's1' } });
    const first = ask();
    expect(first.session).toBe('s1');
    expect(first.affinity).toBeUndefined();
    router.recordResult(first, { provider: 'google', latencyMs: 1, costUsd: 0 });
    for (let i = 0; i < 5; i++) {
      time += 900; // inside the TTL each time: it slides
      const plan = ask();
      expect(plan.affinity).toBe('google');
      expect(nameOf(plan.candidates[0])).toBe('google');
      expect(plan.candidates).toHaveLength(4);
      router.recordResult(plan, { provider: 'google', latencyMs: 1, costUsd: 0 });
    }
    time += 1_001;
    expect(ask().affinity).toBeUndefined();
  });

  it('costs nothing without a sessionId, and an explicit provider wins over the pin', () => {
    const p = fourProviders();
    const router = createRouter({
      providers: [p.openai, p.anthropic],
      strategy: 'round-robin',
      sessionAffinity: true,
      seed: 1,
    });
    const plain = router.plan({ messages: [{ role: 'user', content: 'x' }] });
    expect(plain.session).toBeUndefined();
    const request = {
      messages: [{ role: 'user' as const, content: 'x' }],
      metadata: { sessionId: 's' },
    };
    router.recordResult(router.plan(request), { provider: 'anthropic', latencyMs: 1, costUsd: 0 });
    expect(nameOf(router.plan(request, { provider: 'openai' }).candidates[0])).toBe('openai');
    expect(router.affinity?.get('s')?.provider).toBe('anthropic');
  });

  it('rejects a bad TTL with a ConfigError naming the field', () => {
    const p = fourProviders();
    expect(() => createRouter({ providers: [p.openai], sessionAffinity: { ttlMs: 0 } })).toThrow(
      /sessionAffinity\.ttlMs/,
    );
  });
});
