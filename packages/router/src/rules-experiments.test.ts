import { InvalidRequestError } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { ask, fourProviders, namesOf } from './__fixtures__/providers.js';
import { createRouter } from './router.js';
import { createRoutingStats } from './routing-stats.js';
import { fnv1a, stableUnit } from './stable-hash.js';
import type { RoutePlan } from './types.js';

const p = fourProviders();
const providers = [p.openai, p.anthropic, p.google, p.groq];

describe('rules', () => {
  const router = createRouter({
    providers,
    strategy: 'cost',
    rules: [
      { name: 'classify-fast', when: { task: 'classify' }, use: ['groq', 'google'] },
      { when: { tags: ['vip', 'eu'] }, use: 'anthropic' },
      { name: 'long', when: (r) => r.messages.length > 2, use: { strategy: 'quality' } },
      { name: 'tier', when: { tier: ['gold', 'silver'] }, use: { strategy: 'latency' } },
    ],
  });

  test('a metadata match pins a provider list, in order; the rest are left out with the rule', () => {
    const plan = router.plan(ask('Is this spam?', { metadata: { task: 'classify' } }));
    expect(plan.rule).toBe('classify-fast');
    expect(namesOf(plan.candidates)).toEqual(['groq', 'google']);
    expect(plan.excluded).toEqual([
      { name: 'openai', reason: 'not used by rule "classify-fast" (uses groq, google)' },
      { name: 'anthropic', reason: 'not used by rule "classify-fast" (uses groq, google)' },
    ]);
  });

  test('tags must all be present; an unnamed rule is named by its index', () => {
    const vip = router.plan(ask('hi', { metadata: { tags: ['eu', 'vip', 'beta'] } }));
    expect(vip.rule).toBe('rules[1]');
    expect(namesOf(vip.candidates)).toEqual(['anthropic']);
    const partial = router.plan(ask('hi', { metadata: { tags: ['vip'] } }));
    expect(partial.rule).toBeUndefined();
    expect(partial.strategy).toBe('cost');
  });

  test('a predicate or a list of values can switch the strategy', () => {
    const long = router.plan({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
      ],
    });
    expect(long).toMatchObject({ rule: 'long', strategy: 'quality' });
    expect(namesOf(long.candidates)[0]).toBe('anthropic');
    const gold = router.plan(ask('hi', { metadata: { tier: 'silver' } }));
    expect(gold).toMatchObject({ rule: 'tier', strategy: 'latency' });
    expect(namesOf(gold.candidates)[0]).toBe('groq');
  });

  test('no match: the router’s strategy, no rule in the plan', () => {
    const plan = router.plan(ask('hi', { metadata: { task: 'chat' } }));
    expect(plan.rule).toBeUndefined();
    expect(namesOf(plan.candidates)).toEqual(['openai', 'groq', 'google', 'anthropic']);
  });

  test('an explicit pin wins over rules', () => {
    const plan = router.plan(ask('hi', { metadata: { task: 'classify' } }), { provider: 'openai' });
    expect(plan.rule).toBeUndefined();
    expect(namesOf(plan.candidates)[0]).toBe('openai');
  });
});

describe('A/B experiments', () => {
  const experiment = {
    name: 'claude-vs-gpt',
    variants: { A: 'openai', B: 'anthropic' },
    split: { A: 50, B: 50 },
  };

  test('10 000 users in a 50/50 split land within ±2 %, and each user stays in one variant', () => {
    const router = createRouter({ providers, experiments: [experiment] });
    const counts: Record<string, number> = { A: 0, B: 0 };
    const first = new Map<string, string>();
    for (let i = 0; i < 10_000; i++) {
      const userId = `user-${i}`;
      const plan = router.plan(ask('hi', { metadata: { userId } }));
      const variant = plan.experiment?.variant ?? 'none';
      counts[variant]++;
      first.set(userId, variant);
      expect(namesOf(plan.candidates)[0]).toBe(variant === 'A' ? 'openai' : 'anthropic');
    }
    expect(counts['A'] / 10_000).toBeGreaterThan(0.48);
    expect(counts['A'] / 10_000).toBeLessThan(0.52);
    // Same user, again and from a second router (another process, a restart): the same variant.
    const other = createRouter({ providers, experiments: [experiment], seed: 99 });
    for (let i = 0; i < 10_000; i += 7) {
      const userId = `user-${i}`;
      expect(router.plan(ask('hi', { metadata: { userId } })).experiment?.variant).toBe(
        first.get(userId),
      );
      expect(other.getExperimentVariant('claude-vs-gpt', userId)).toBe(first.get(userId));
    }
  });

  test('the assignment is a pure function of experiment name and user id (fixed values)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(stableUnit('claude-vs-gpt\u0000user-1')).toBe(stableUnit('claude-vs-gpt\u0000user-1'));
    const router = createRouter({ providers, experiments: [experiment] });
    expect(
      ['alice', 'bob', 'carol', 'dave'].map((u) => router.getExperimentVariant('claude-vs-gpt', u)),
    ).toMatchInlineSnapshot(`
      [
        "B",
        "B",
        "A",
        "A",
      ]
    `);
  });

  test('a 90/10 split, requests without a user id, disabled and conditional experiments', () => {
    const router = createRouter({
      providers,
      experiments: [
        { name: 'off', variants: { A: 'groq' }, enabled: false },
        { name: 'chat-only', variants: { A: 'google' }, when: { task: 'chat' } },
        {
          name: 'ninety',
          variants: { big: 'openai', small: 'groq' },
          split: { big: 90, small: 10 },
        },
      ],
    });
    expect(router.plan(ask('hi')).experiment).toBeUndefined();
    expect(router.plan(ask('hi', { metadata: { userId: 'u', task: 'chat' } })).experiment).toEqual({
      name: 'chat-only',
      variant: 'A',
    });
    let small = 0;
    for (let i = 0; i < 5_000; i++)
      if (router.plan(ask('hi', { metadata: { userId: `u${i}` } })).experiment?.variant === 'small')
        small++;
    expect(small / 5_000).toBeGreaterThan(0.08);
    expect(small / 5_000).toBeLessThan(0.12);
  });

  test('results per variant: requests, latency, cost and quality from recordFeedback', () => {
    const stats = createRoutingStats();
    const router = createRouter({ providers, experiments: [experiment], stats });
    const served: { id: string; variant: string; plan: RoutePlan }[] = [];
    for (let i = 0; i < 40; i++) {
      const plan = router.plan(ask('hi', { metadata: { userId: `u${i}` } }));
      served.push({ id: plan.requestId, variant: plan.experiment?.variant ?? '', plan });
    }
    for (const { id, variant, plan } of served) {
      router.recordResult(plan, {
        provider: variant === 'A' ? 'openai' : 'anthropic',
        latencyMs: variant === 'A' ? 800 : 1_200,
        costUsd: variant === 'A' ? 0.001 : 0.01,
      });
      expect(router.recordFeedback(id, variant === 'A' ? 0.6 : 0.9)).toBe(true);
    }
    const nA = served.filter((s) => s.variant === 'A').length;
    const results = router.getExperimentResults();
    expect(results['claude-vs-gpt']['A']).toEqual({
      provider: 'openai',
      requests: nA,
      sampleSize: nA,
      avgLatencyMs: 800,
      avgCostUsd: expect.closeTo(0.001, 12),
      avgQualityScore: expect.closeTo(0.6, 12),
      qualitySamples: nA,
    });
    expect(results['claude-vs-gpt']['B']).toMatchObject({
      provider: 'anthropic',
      requests: 40 - nA,
      avgLatencyMs: 1_200,
      avgQualityScore: expect.closeTo(0.9, 12),
    });
    // Feedback also feeds the provider's observed quality (adaptive routing reads it).
    expect(stats.get('anthropic')?.quality).toBeCloseTo(0.9, 12);
  });

  test('recordFeedback: unknown ids return false, scores outside 0–1 are a typed error', () => {
    const router = createRouter({ providers });
    expect(router.recordFeedback('nope', 0.5)).toBe(false);
    expect(() => router.recordFeedback('nope', 1.5)).toThrow(InvalidRequestError);
    expect(() => router.recordFeedback('nope', Number.NaN)).toThrow(/score/);
  });

  test('tracked request ids are bounded', () => {
    const router = createRouter({ providers, experiments: [experiment], maxTrackedRequests: 10 });
    const ids = Array.from(
      { length: 20 },
      (_, i) => router.plan(ask('hi', { metadata: { userId: `u${i}` } })).requestId,
    );
    for (const id of ids) router.recordResult(id, { provider: 'openai', latencyMs: 1, costUsd: 0 });
    expect(router.getExperimentResults()['claude-vs-gpt']['A'].sampleSize).toBe(0); // bare ids: no variant
    expect(router.recordFeedback(ids[0], 0.5)).toBe(false);
    expect(router.recordFeedback(ids[19], 0.5)).toBe(true);
    expect(new Set(ids).size).toBe(20);
  });

  test('the request id comes from the options, then metadata.requestId, else is generated', () => {
    const router = createRouter({ providers });
    expect(router.plan(ask('hi'), { requestId: 'r-1' }).requestId).toBe('r-1');
    expect(router.plan(ask('hi', { metadata: { requestId: 'r-2' } })).requestId).toBe('r-2');
    expect(router.plan(ask('hi')).requestId).toMatch(/^rt[0-9a-z]+-[0-9a-z]+$/);
  });
});
