import { type Provider, ProviderError } from '@modelmux/core';
import { createFallbackExecutor, memoryProviderState } from '@modelmux/resilience';
import { describe, expect, test } from 'vitest';
import { ask, manualClock, namesOf, testProvider } from './__fixtures__/providers.js';
import { anyOf, providerStateAvailability } from './availability.js';
import { createRouter } from './router.js';
import { createRoutingStats } from './routing-stats.js';

function failing(name: string, model: string, error: ProviderError): Provider {
  return {
    ...testProvider(name, { model }),
    generate: async () => {
      throw error;
    },
  };
}

describe("availability from the executor's provider state store", () => {
  test('auth marks, model marks and cool-downs, with the breaker seen by the stats', async () => {
    const clock = manualClock();
    const state = memoryProviderState();
    const stats = createRoutingStats({ now: clock.now });
    const executor = createFallbackExecutor({ store: state, now: clock.now, maxRetries: 0 });
    stats.attach(executor);
    const badKey = failing(
      'badkey',
      'gpt-4o-mini',
      new ProviderError({
        kind: 'auth',
        provider: 'badkey',
        message: 'Incorrect API key',
        status: 401,
      }),
    );
    const missing = failing(
      'missing',
      'gpt-4o-mini',
      new ProviderError({
        kind: 'not_found',
        provider: 'missing',
        message: 'no such model',
        status: 404,
      }),
    );
    const limited = failing(
      'limited',
      'gpt-4o-mini',
      new ProviderError({
        kind: 'rate_limit',
        provider: 'limited',
        message: 'slow down',
        status: 429,
        retryAfterMs: 9_000,
      }),
    );
    const good = testProvider('good', { model: 'gpt-4o-mini' });
    const router = createRouter({
      providers: [badKey, missing, limited, good],
      strategy: 'manual',
      primary: 'badkey',
      stats,
      now: clock.now,
      availability: anyOf(providerStateAvailability(state, clock.now), stats.unavailableReason),
    });
    const first = router.plan(ask('hi'));
    expect(namesOf(first.candidates)).toEqual(['badkey', 'missing', 'limited', 'good']);
    expect((await executor.generate(first.candidates, ask('hi'))).provider).toBe('good');

    const next = router.plan(ask('hi'));
    expect(namesOf(next.candidates)).toEqual(['good']);
    expect(next.excluded).toEqual([
      {
        name: 'badkey',
        reason: expect.stringMatching(
          /^unavailable: auth \(HTTP 401\): the provider refused the API key/,
        ),
      },
      {
        name: 'missing',
        reason: expect.stringMatching(/^model gpt-4o-mini unavailable: not_found \(HTTP 404\)/),
      },
      { name: 'limited', reason: 'cooling down for 9000ms more after rate_limit' },
    ]);
    executor.reset('badkey');
    expect(namesOf(router.plan(ask('hi')).candidates)[0]).toBe('badkey');
    executor.dispose();
  });
});
