import {
  InvalidRequestError,
  countRequestTokens,
  defaultCatalogue,
  predictCost,
} from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { ask, fourProviders, manualClock, namesOf } from './__fixtures__/providers.js';
import { createRouter } from './router.js';
import { createRoutingStats } from './routing-stats.js';
import type { RoutingStrategy } from './types.js';

const p = fourProviders();
const providers = [p.openai, p.anthropic, p.google, p.groq];

describe('cost', () => {
  test('cheapest first by the predicted cost of this request; the estimate counts input once', () => {
    const router = createRouter({ providers, strategy: 'cost' });
    const request = ask('hi');
    const plan = router.plan(request);
    expect(namesOf(plan.candidates)).toEqual(['openai', 'groq', 'google', 'anthropic']);
    expect(plan.strategy).toBe('cost');
    expect(plan.estimate.inputTokens).toBe(countRequestTokens(request));
    expect(plan.estimate.costUsd['openai']).toBeCloseTo(
      predictCost('gpt-4o-mini', request)?.maxUsd ?? Number.NaN,
      12,
    );
    expect(Object.keys(plan.estimate.costUsd).sort()).toEqual([
      'anthropic',
      'google',
      'groq',
      'openai',
    ]);
    expect(router.countTokens(request)).toBe(plan.estimate.inputTokens);
  });

  test('the order follows the request: a long input with a short answer puts google before groq', () => {
    const router = createRouter({ providers, strategy: 'cost' });
    const long = ask('word '.repeat(20_000), { maxTokens: 10 });
    expect(namesOf(router.plan(long).candidates)).toEqual([
      'openai',
      'google',
      'groq',
      'anthropic',
    ]);
  });

  test('without maxTokens the output is bounded by the model limit (or the configured maxTokens)', () => {
    const router = createRouter({
      providers: [p.openai, { provider: p.anthropic, maxTokens: 10 }],
      strategy: 'cost',
    });
    const request = { messages: [{ role: 'user' as const, content: 'hi' }] };
    const plan = router.plan(request);
    const info = defaultCatalogue['gpt-4o-mini'];
    const tokens = plan.estimate.inputTokens;
    expect(plan.estimate.costUsd['openai']).toBeCloseTo(
      (tokens * info.inputPerMTok + info.maxOutputTokens * info.outputPerMTok) / 1e6,
      12,
    );
    // Sonnet with 10 output tokens is cheaper than 4o-mini with 16 384.
    expect(namesOf(plan.candidates)).toEqual(['anthropic', 'openai']);
  });

  test('a provider whose model has no price goes last and has no estimate', () => {
    const router = createRouter({
      providers: [{ provider: p.openai, model: 'my-finetune' }, p.groq],
      strategy: 'cost',
    });
    const plan = router.plan(ask('hi'));
    expect(namesOf(plan.candidates)).toEqual(['groq', 'openai']);
    expect(plan.estimate.costUsd).not.toHaveProperty('openai');
    expect(plan.candidates[1]).toEqual({ provider: p.openai, model: 'my-finetune' });
  });
});

describe('latency', () => {
  test('catalogue typical latency until there is data, then the observed window; it ages out', () => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now, windowMs: 60_000 });
    const router = createRouter({ providers, strategy: 'latency', stats, now: clock.now });
    // groq 600 ms, openai 1 000, anthropic and google 2 500 (tie → configured order).
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual([
      'groq',
      'openai',
      'anthropic',
      'google',
    ]);
    for (let i = 0; i < 5; i++) {
      stats.recordAttempt('groq');
      stats.recordSuccess('groq', 4_000);
    }
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual([
      'openai',
      'anthropic',
      'google',
      'groq',
    ]);
    stats.recordAttempt('google');
    stats.recordSuccess('google', 300);
    expect(namesOf(router.plan(ask('hi')).candidates)[0]).toBe('google');
    clock.advance(61_000);
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual([
      'groq',
      'openai',
      'anthropic',
      'google',
    ]);
  });
});

describe('quality', () => {
  test('catalogue score first, overridable per provider', () => {
    expect(
      namesOf(createRouter({ providers, strategy: 'quality' }).plan(ask('hi')).candidates),
    ).toEqual(['anthropic', 'google', 'groq', 'openai']);
    const router = createRouter({
      providers: [{ provider: p.openai, quality: 0.99 }, p.anthropic, p.google, p.groq],
      strategy: 'quality',
    });
    expect(namesOf(router.plan(ask('hi')).candidates)[0]).toBe('openai');
    expect(router.getBestQualityProvider().name).toBe('openai');
  });
});

describe('manual', () => {
  test('the primary, then the fallbacks; others are left out with a reason', () => {
    const router = createRouter({ providers, primary: 'google', fallbacks: ['groq'] });
    const plan = router.plan(ask('hi'));
    expect(plan.strategy).toBe('manual');
    expect(namesOf(plan.candidates)).toEqual(['google', 'groq']);
    expect(plan.excluded).toEqual([
      { name: 'openai', reason: 'not the primary or a fallback (manual routing)' },
      { name: 'anthropic', reason: 'not the primary or a fallback (manual routing)' },
    ]);
  });

  test('without fallbacks the rest follow in configured order; primary is a tie-break elsewhere', () => {
    const router = createRouter({ providers, strategy: 'manual', primary: 'groq' });
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual([
      'groq',
      'openai',
      'anthropic',
      'google',
    ]);
    const latency = createRouter({ providers, strategy: 'latency', primary: 'google' });
    expect(namesOf(latency.plan(ask('hi')).candidates)).toEqual([
      'groq',
      'openai',
      'google',
      'anthropic',
    ]);
  });
});

describe('least-busy', () => {
  test('fewest requests in flight first; it changes as calls finish', () => {
    const stats = createRoutingStats();
    const router = createRouter({ providers, strategy: 'least-busy', stats });
    const busy = { openai: 3, anthropic: 1, google: 0, groq: 2 };
    for (const [name, n] of Object.entries(busy))
      for (let i = 0; i < n; i++) stats.recordAttempt(name);
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual([
      'google',
      'anthropic',
      'groq',
      'openai',
    ]);
    for (let i = 0; i < 3; i++) stats.recordSuccess('openai', 100);
    stats.recordAttempt('google');
    stats.recordAttempt('google');
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual([
      'openai',
      'anthropic',
      'google',
      'groq',
    ]);
  });

  test('ties rotate so idle providers share the load', () => {
    const router = createRouter({ providers, strategy: 'least-busy' });
    const firsts = Array.from({ length: 4 }, () => namesOf(router.plan(ask('hi')).candidates)[0]);
    expect(new Set(firsts).size).toBe(4);
  });
});

describe('weighted and round-robin', () => {
  test('weighted: first in proportion to weight, smoothly interleaved; weight 0 never first', () => {
    const router = createRouter({
      providers: [
        { provider: p.openai, weight: 3 },
        { provider: p.anthropic, weight: 1 },
        { provider: p.google, weight: 0 },
      ],
      strategy: 'weighted',
    });
    const firsts = Array.from({ length: 400 }, () => namesOf(router.plan(ask('hi')).candidates)[0]);
    expect(firsts.slice(0, 4)).toEqual(['openai', 'openai', 'anthropic', 'openai']);
    expect(firsts.filter((n) => n === 'openai')).toHaveLength(300);
    expect(firsts.filter((n) => n === 'anthropic')).toHaveLength(100);
    expect(namesOf(router.plan(ask('hi')).candidates).at(-1)).toBe('google');
  });

  test('round-robin: each provider first in turn, the rest follow', () => {
    const router = createRouter({ providers, strategy: 'round-robin' });
    const plans = Array.from({ length: 5 }, () => namesOf(router.plan(ask('hi')).candidates));
    expect(plans.map((o) => o[0])).toEqual(['openai', 'anthropic', 'google', 'groq', 'openai']);
    expect(plans[1]).toEqual(['anthropic', 'google', 'groq', 'openai']);
  });
});

describe('complexity', () => {
  const router = createRouter({ providers, strategy: 'complexity' });

  test('simple → cheapest, medium → fastest, complex → best quality; the class is in the plan', () => {
    const simple = router.plan(ask('What is RAG?'));
    expect(simple).toMatchObject({ complexity: 'simple', strategy: 'complexity' });
    expect(namesOf(simple.candidates)[0]).toBe('openai');

    const medium = router.plan(
      ask(
        'Write a short friendly note to my team saying that the office will be closed on Friday afternoon',
      ),
    );
    expect(medium.complexity).toBe('medium');
    expect(namesOf(medium.candidates)[0]).toBe('groq');

    const complex = router.plan(ask('Compare Postgres and MySQL for us'));
    expect(complex.complexity).toBe('complex');
    expect(namesOf(complex.candidates)[0]).toBe('anthropic');
  });

  test('long queries, large contexts and tools are complex', () => {
    expect(router.plan(ask('word '.repeat(60))).complexity).toBe('complex');
    const context = ask('Summary?', {
      messages: [
        { role: 'system', content: 'context '.repeat(5_000) },
        { role: 'user', content: 'And now?' },
      ],
    });
    expect(router.plan(context).complexity).toBe('complex');
    const tools = ask('hi', {
      tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
    });
    expect(router.plan(tools).complexity).toBe('complex');
  });

  test('thresholds, keywords and the per-class strategy are configurable', () => {
    const custom = createRouter({
      providers,
      strategy: 'complexity',
      complexity: { simpleMaxWords: 4, keywords: ['translate'], strategies: { simple: 'quality' } },
    });
    expect(custom.plan(ask('Compare these two')).complexity).toBe('simple');
    expect(namesOf(custom.plan(ask('Compare these two')).candidates)[0]).toBe('anthropic');
    expect(custom.plan(ask('Please translate this')).complexity).toBe('complex');
    expect(custom.plan(ask('one two three four five')).complexity).toBe('medium');
  });
});

describe('adaptive', () => {
  /** Runs `n` requests; the first candidate of each plan serves it with `latencyOf(name)` ms. */
  function simulate(
    n: number,
    router: ReturnType<typeof createRouter>,
    stats: ReturnType<typeof createRoutingStats>,
    clock: ReturnType<typeof manualClock>,
    latencyOf: (name: string) => number | 'fail',
  ): string[] {
    const firsts: string[] = [];
    for (let i = 0; i < n; i++) {
      const first = namesOf(router.plan(ask('hi')).candidates)[0];
      stats.recordAttempt(first);
      const latency = latencyOf(first);
      if (latency === 'fail') stats.recordFailure(first, 'server');
      else stats.recordSuccess(first, latency);
      firsts.push(first);
      clock.advance(500);
    }
    return firsts;
  }
  const typical: Record<string, number> = {
    openai: 1000,
    anthropic: 2500,
    google: 2500,
    groq: 600,
  };
  const setup = (seed = 42) => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now, windowMs: 60_000 });
    const router = createRouter({ providers, strategy: 'adaptive', stats, now: clock.now, seed });
    return { clock, stats, router };
  };

  test('deterministic under a seed', () => {
    const a = setup(7);
    const b = setup(7);
    const latency = (name: string) => typical[name];
    expect(simulate(100, a.router, a.stats, a.clock, latency)).toEqual(
      simulate(100, b.router, b.stats, b.clock, latency),
    );
  });

  test.each([1, 2, 42, 1234])(
    'seed %i: moves away from a provider that gets slow, and tries it again after it recovers',
    (seed) => {
      const { clock, stats, router } = setup(seed);
      const share = (list: string[], name: string) =>
        list.filter((n) => n === name).length / list.length;
      const before = simulate(200, router, stats, clock, (n) => typical[n]);
      expect(share(before.slice(100), 'groq')).toBeGreaterThan(0.5);

      const slow = simulate(200, router, stats, clock, (n) => (n === 'groq' ? 8_000 : typical[n]));
      expect(share(slow.slice(100), 'groq')).toBeLessThan(0.05);

      const recovered = simulate(300, router, stats, clock, (n) => typical[n]);
      const firstBack = recovered.indexOf('groq');
      expect(firstBack).toBeGreaterThanOrEqual(0);
      expect(firstBack).toBeLessThan(150); // the slow samples leave the 60 s window after 120 requests
      expect(share(recovered.slice(200), 'groq')).toBeGreaterThan(0.5);
    },
  );

  test.each([3, 5, 42, 777])('seed %i: moves away from a provider that starts failing', (seed) => {
    const { clock, stats, router } = setup(seed);
    const before = simulate(100, router, stats, clock, (n) => typical[n]);
    expect(before.slice(50).filter((n) => n === 'groq').length).toBeGreaterThan(25);
    const failing = simulate(150, router, stats, clock, (n) =>
      n === 'groq' ? 'fail' : typical[n],
    );
    expect(failing.slice(100).filter((n) => n === 'groq').length).toBeLessThan(5);
  });
});

describe('pins, overrides and user strategies', () => {
  test('a pinned provider goes first and the rest follow the strategy', () => {
    const router = createRouter({ providers, strategy: 'cost' });
    expect(namesOf(router.plan(ask('hi'), { provider: 'anthropic' }).candidates)).toEqual([
      'anthropic',
      'openai',
      'groq',
      'google',
    ]);
    expect(() => router.plan(ask('hi'), { provider: 'mistral' })).toThrow(InvalidRequestError);
  });

  test('a per-request strategy overrides the router’s', () => {
    const router = createRouter({ providers, strategy: 'cost' });
    const plan = router.plan(ask('hi'), { strategy: 'quality' });
    expect(plan.strategy).toBe('quality');
    expect(namesOf(plan.candidates)[0]).toBe('anthropic');
    expect(() => router.plan(ask('hi'), { strategy: 'fastest' as never })).toThrow(/strategy/);
  });

  test('a user strategy gets the estimate, costs, stats and a seeded random', () => {
    let seen: { tokens: number; costs: (number | undefined)[]; r: number } | undefined;
    const reverse: RoutingStrategy = {
      name: 'reverse-cost',
      order(candidates, context) {
        seen = {
          tokens: context.inputTokens,
          costs: candidates.map((c) => c.costUsd),
          r: context.random(),
        };
        return [...candidates].sort((a, b) => (b.costUsd ?? 0) - (a.costUsd ?? 0));
      },
    };
    const router = createRouter({ providers, strategy: reverse, seed: 1 });
    const plan = router.plan(ask('hi'));
    expect(plan.strategy).toBe('reverse-cost');
    expect(namesOf(plan.candidates)).toEqual(['anthropic', 'google', 'groq', 'openai']);
    expect(seen?.tokens).toBe(plan.estimate.inputTokens);
    expect(seen?.costs.every((c) => typeof c === 'number')).toBe(true);
    const again = createRouter({ providers, strategy: reverse, seed: 1 });
    const r = seen?.r;
    again.plan(ask('hi'));
    expect(seen?.r).toBe(r);
  });

  test('a user strategy that drops candidates keeps them as the last fallbacks', () => {
    const onlyOne: RoutingStrategy = {
      name: 'one',
      order: (c) => c.filter((x) => x.name === 'google'),
    };
    const plan = createRouter({ providers, strategy: onlyOne }).plan(ask('hi'));
    expect(namesOf(plan.candidates)).toEqual(['google', 'openai', 'anthropic', 'groq']);
  });

  test('getCheapestProvider / getFastestProvider / getBestQualityProvider', () => {
    const router = createRouter({ providers });
    expect(router.getCheapestProvider().name).toBe('openai');
    expect(router.getFastestProvider().name).toBe('groq');
    expect(router.getBestQualityProvider().name).toBe('anthropic');
    expect(router.getCheapestProvider(ask('word '.repeat(20_000), { maxTokens: 10 })).name).toBe(
      'openai',
    );
  });
});
