import {
  type BudgetGuard,
  type ChatRequest,
  NoProviderAvailableError,
  type RateLimitInfo,
} from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import {
  ask,
  fourProviders,
  manualClock,
  namesOf,
  testProvider,
} from './__fixtures__/providers.js';
import { createRouter } from './router.js';
import { createRoutingStats } from './routing-stats.js';

const p = fourProviders();
const providers = [p.openai, p.anthropic, p.google, p.groq];

function thrown(fn: () => unknown): NoProviderAvailableError {
  try {
    fn();
  } catch (error) {
    if (NoProviderAvailableError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected NoProviderAvailableError');
}

describe('constraints (each exclusion has its reason)', () => {
  test('not configured: isAvailable() is false', () => {
    const keyless = testProvider('mistral', { model: 'gpt-4o-mini', available: false });
    const plan = createRouter({ providers: [keyless, p.groq] }).plan(ask('hi'));
    expect(namesOf(plan.candidates)).toEqual(['groq']);
    expect(plan.excluded).toEqual([
      { name: 'mistral', reason: 'not configured (isAvailable() is false)' },
    ]);
  });

  test('breaker open, cooling down, marked unavailable: through the availability function', () => {
    const marks: Record<string, string> = {
      openai: 'circuit breaker open (probe in 20000ms)',
      anthropic: 'cooling down for 3000ms more after rate_limit',
      google: 'unavailable: auth (HTTP 401)',
    };
    const router = createRouter({ providers, availability: (name) => marks[name] });
    const plan = router.plan(ask('hi'));
    expect(namesOf(plan.candidates)).toEqual(['groq']);
    expect(plan.excluded).toEqual(
      Object.entries(marks).map(([name, reason]) => ({ name, reason })),
    );
  });

  test('the default stats see breaker and cool-down events, until they end', () => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now });
    const router = createRouter({ providers: [p.openai, p.groq], stats, now: clock.now });
    stats.recordBreakerOpen('openai', 10_000);
    stats.recordCoolDown('groq', clock.now() + 5_000, 'rate_limit');
    const error = thrown(() => router.plan(ask('hi')));
    expect(error.excluded).toEqual([
      { provider: 'openai', reason: 'circuit breaker open (probe in 10000ms)' },
      { provider: 'groq', reason: 'cooling down for 5000ms more after rate_limit' },
    ]);
    expect(error.message).toContain('openai: circuit breaker open');
    clock.advance(5_000);
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual(['groq']);
    stats.recordBreakerClosed('openai');
    expect(namesOf(router.plan(ask('hi')).candidates)).toEqual(['openai', 'groq']);
  });

  test('budget: a BudgetGuard denial excludes with its reason; it sees the predicted cost', () => {
    const seen: [string, number | undefined][] = [];
    const budget: BudgetGuard = {
      check(provider, predictedCostUsd, metadata) {
        seen.push([provider, predictedCostUsd]);
        if (provider === 'anthropic')
          return {
            reason: 'daily budget spent: $20.00 of $20.00 (resets 2026-11-26T00:00:00Z)',
            scope: 'daily',
            limitUsd: 20,
            spentUsd: 20,
            resetsAt: 0,
          };
        if ((predictedCostUsd ?? 0) > 0.0001 && metadata?.userId === 'u1')
          return {
            reason: 'predicted cost $0.00025 is over the per-request limit $0.0001',
            scope: 'request',
            limitUsd: 0.0001,
            spentUsd: 0,
            resetsAt: undefined,
          };
        return undefined;
      },
    };
    const router = createRouter({ providers, budget });
    const plan = router.plan(ask('hi', { metadata: { userId: 'u1' } }));
    expect(namesOf(plan.candidates)).toEqual(['openai', 'groq']);
    expect(plan.excluded).toEqual([
      {
        name: 'anthropic',
        reason: 'daily budget spent: $20.00 of $20.00 (resets 2026-11-26T00:00:00Z)',
      },
      { name: 'google', reason: 'predicted cost $0.00025 is over the per-request limit $0.0001' },
    ]);
    expect(seen.find(([name]) => name === 'openai')?.[1]).toBe(plan.estimate.costUsd['openai']);
  });

  test('capabilities: tools, images, JSON', () => {
    const router = createRouter({
      providers: [
        { provider: p.openai, model: 'text-embedding-3-small' }, // no tools, vision or JSON
        { provider: p.groq, model: 'llama-3.3-70b-versatile' }, // no vision
        p.anthropic,
      ],
    });
    const tools = router.plan(
      ask('hi', { tools: [{ name: 'f', parameters: { type: 'object', properties: {} } }] }),
    );
    expect(tools.excluded).toEqual([
      { name: 'openai', reason: 'model text-embedding-3-small cannot call tools' },
    ]);
    const image: ChatRequest = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    };
    expect(router.plan(image).excluded).toEqual([
      { name: 'openai', reason: 'model text-embedding-3-small does not accept images' },
      { name: 'groq', reason: 'model llama-3.3-70b-versatile does not accept images' },
    ]);
    expect(router.plan(ask('hi', { responseFormat: { type: 'json' } })).excluded).toEqual([
      { name: 'openai', reason: 'model text-embedding-3-small does not support JSON output' },
    ]);
  });

  test('embeddings: only providers that can embed, with an embedding model', () => {
    const router = createRouter({ providers });
    const plan = router.plan({ input: ['a', 'b'] });
    expect(namesOf(plan.candidates)).toEqual(['openai', 'google']);
    expect(plan.excluded).toEqual([
      { name: 'anthropic', reason: 'cannot embed (the provider has no embed method)' },
      { name: 'groq', reason: 'cannot embed (the provider has no embed method)' },
    ]);
    expect(plan.estimate.inputTokens).toBe(2);
    expect(plan.estimate.costUsd['openai']).toBeCloseTo((2 * 0.02) / 1e6, 15);
    const chatModel = createRouter({
      providers: [{ provider: p.openai, embeddingModel: 'gpt-4o-mini' }, p.google],
    });
    const withChatModel = chatModel.plan({ input: ['a'] });
    expect(withChatModel.excluded).toEqual([
      { name: 'openai', reason: 'model gpt-4o-mini is not an embedding model' },
    ]);
  });

  test('context window: estimated input plus maxTokens must fit', () => {
    const router = createRouter({ providers: [p.openai, p.google] });
    const big = ask('word '.repeat(120_000), { maxTokens: 16_000 });
    const plan = router.plan(big);
    expect(namesOf(plan.candidates)).toEqual(['google']);
    expect(plan.excluded[0].name).toBe('openai');
    expect(plan.excluded[0].reason).toMatch(
      /^context window too small: model gpt-4o-mini takes 128000 tokens; this request needs ~\d+ input \+ 16000 output$/,
    );
  });

  test('nothing passes: NoProviderAvailableError lists each provider and why', () => {
    const router = createRouter({ providers: [p.anthropic, p.groq] });
    const error = thrown(() => router.plan({ input: ['x'] }));
    expect(error.excluded).toEqual([
      { provider: 'anthropic', reason: 'cannot embed (the provider has no embed method)' },
      { provider: 'groq', reason: 'cannot embed (the provider has no embed method)' },
    ]);
    expect(error.message).toContain('anthropic: cannot embed');
  });

  test('a pinned provider that fails a constraint is excluded and the rest are planned', () => {
    const router = createRouter({
      providers,
      availability: (n) => (n === 'groq' ? 'breaker open' : undefined),
    });
    const plan = router.plan(ask('hi'), { provider: 'groq' });
    expect(namesOf(plan.candidates)).toEqual(['openai', 'google', 'anthropic']);
    expect(plan.excluded).toEqual([{ name: 'groq', reason: 'breaker open' }]);
  });
});

describe('rate-limit quota (move before the 429)', () => {
  const setup = () => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now });
    const router = createRouter({ providers, stats, now: clock.now, strategy: 'cost' });
    return { clock, stats, router };
  };

  test('no requests left: moved behind the others until its reset, then back', () => {
    const { clock, stats, router } = setup();
    const info: RateLimitInfo = {
      remainingRequests: 0,
      limitRequests: 500,
      resetRequestsAt: clock.now() + 2_000,
    };
    stats.recordAttempt('openai');
    stats.recordSuccess('openai', 800, info);
    const plan = router.plan(ask('hi'));
    expect(namesOf(plan.candidates)).toEqual(['groq', 'google', 'anthropic', 'openai']);
    expect(plan.demoted).toEqual([
      {
        name: 'openai',
        reason: `rate limit: no requests left until ${new Date(info.resetRequestsAt ?? 0).toISOString()}`,
      },
    ]);
    clock.advance(2_000);
    expect(namesOf(router.plan(ask('hi')).candidates)[0]).toBe('openai');
  });

  test('tokens left below this request’s input + maxTokens: moved back; a small request still fits', () => {
    const { clock, stats, router } = setup();
    stats.recordRateLimit('openai', {
      remainingTokens: 500,
      remainingRequests: 40,
      resetTokensAt: clock.now() + 6_000,
    });
    const small = router.plan(ask('hi', { maxTokens: 100 }));
    expect(namesOf(small.candidates)[0]).toBe('openai');
    expect(small.demoted).toEqual([]);
    const large = router.plan(ask('hi', { maxTokens: 1_000 }));
    expect(namesOf(large.candidates).at(-1)).toBe('openai');
    expect(large.demoted[0].reason).toMatch(
      /^rate limit: 500 tokens left, this request needs ~10\d\d, until /,
    );
  });

  test('info without a reset time, or after it, is ignored', () => {
    const { clock, stats, router } = setup();
    stats.recordRateLimit('openai', { remainingRequests: 0 });
    expect(namesOf(router.plan(ask('hi')).candidates)[0]).toBe('openai');
    stats.recordRateLimit('openai', { remainingRequests: 0, resetRequestsAt: clock.now() - 1 });
    expect(namesOf(router.plan(ask('hi')).candidates)[0]).toBe('openai');
  });
});
