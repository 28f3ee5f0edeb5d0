import { type ChatRequest, type ChatResult, type Provider, ProviderError } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { describe, expect, test } from 'vitest';
import { ask, manualClock, namesOf, testProvider } from './__fixtures__/providers.js';
import { createRouter } from './router.js';
import { createRoutingStats } from './routing-stats.js';

describe('createRoutingStats (in memory)', () => {
  test('latency and success over the recent window; data ages out bucket by bucket', () => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now, windowMs: 60_000, buckets: 6 });
    expect(stats.get('a')).toBeUndefined();
    stats.recordAttempt('a');
    stats.recordSuccess('a', 100);
    clock.advance(30_000);
    stats.recordAttempt('a');
    stats.recordSuccess('a', 300);
    stats.recordAttempt('a');
    stats.recordFailure('a', 'server');
    stats.recordAttempt('a');
    stats.recordFailure('a', 'bad_request'); // the caller's fault: not a health failure
    expect(stats.get('a')).toMatchObject({
      latencyMs: 200,
      successes: 2,
      failures: 1,
      inFlight: 0,
    });
    clock.advance(31_000); // the first sample's bucket has left the window
    expect(stats.get('a')).toMatchObject({ latencyMs: 300, successes: 1, failures: 1 });
    clock.advance(30_000);
    expect(stats.get('a')).toMatchObject({ latencyMs: undefined, successes: 0, failures: 0 });
  });

  test('p95 over the latest samples in the window', () => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now, latencySamples: 100 });
    for (let i = 1; i <= 100; i++) {
      stats.recordAttempt('a');
      stats.recordSuccess('a', i);
    }
    expect(stats.get('a')?.p95LatencyMs).toBe(95);
    clock.advance(120_000);
    expect(stats.get('a')?.p95LatencyMs).toBeUndefined();
  });

  test('in flight, quality mean, and memory bounded by the window, not the traffic', () => {
    const stats = createRoutingStats();
    stats.recordAttempt('a');
    stats.recordAttempt('a');
    expect(stats.get('a')?.inFlight).toBe(2);
    stats.recordSuccess('a', 10);
    stats.recordFailure('a', 'timeout');
    stats.recordFailure('a', 'timeout'); // never below 0
    expect(stats.get('a')?.inFlight).toBe(0);
    stats.recordQuality('a', 1);
    stats.recordQuality('a', 0);
    expect(stats.get('a')?.quality).toBeCloseTo(0.5, 12);
    for (let i = 0; i < 200; i++) stats.recordQuality('b', i < 100 ? 0 : 1);
    expect(stats.get('b')?.quality).toBeGreaterThan(0.6); // a running mean of the last ~100
  });
});

/** A user-implemented provider whose answers (or failures) come from a list. */
function scripted(
  name: string,
  model: string,
  steps: (ProviderError | Partial<ChatResult>)[],
): Provider {
  const base = testProvider(name, { model });
  let i = 0;
  return {
    ...base,
    async generate(request: ChatRequest) {
      const step = steps[Math.min(i++, steps.length - 1)];
      if (step instanceof ProviderError) throw step;
      return { ...(await base.generate(request)), ...step } as never;
    },
  };
}

describe('attach(executor): fed by the resilience executor’s events', () => {
  test('successes, failures, in flight, rate-limit info, cool-downs and breaker state', async () => {
    const clock = manualClock();
    const stats = createRoutingStats({ now: clock.now });
    const resetAt = clock.now() + 30_000;
    const fast = scripted('fast', 'gpt-4o-mini', [
      { rateLimit: { remainingRequests: 0, limitRequests: 100, resetRequestsAt: resetAt } },
    ]);
    const limited = scripted('limited', 'llama-3.3-70b-versatile', [
      new ProviderError({
        kind: 'rate_limit',
        provider: 'limited',
        message: 'slow down',
        status: 429,
        retryAfterMs: 5_000,
      }),
    ]);
    const broken = scripted('broken', 'gemini-2.5-flash', [
      new ProviderError({ kind: 'server', provider: 'broken', message: 'boom', status: 500 }),
    ]);
    const executor = createFallbackExecutor({
      now: clock.now,
      maxRetries: 0,
      breaker: { volumeThreshold: 1, resetTimeoutMs: 20_000 },
    });
    const subscription = stats.attach(executor);
    const router = createRouter({
      providers: [limited, broken, fast],
      stats,
      now: clock.now,
      strategy: 'manual',
      primary: 'limited',
    });

    const plan = router.plan(ask('hi'));
    expect(namesOf(plan.candidates)).toEqual(['limited', 'broken', 'fast']);
    const result = await executor.generate(plan.candidates, ask('hi'));
    expect(result.provider).toBe('fast');

    expect(stats.get('broken')).toMatchObject({ successes: 0, failures: 1, inFlight: 0 });
    expect(stats.get('fast')).toMatchObject({ successes: 1, inFlight: 0 });
    expect(stats.get('fast')?.rateLimit?.remainingRequests).toBe(0);

    // The next plan leaves out the cooling and the broken one, and moves the exhausted one last.
    const next = router.plan(ask('hi'));
    expect(next.excluded.map((e) => e.name)).toEqual(['limited', 'broken']);
    expect(next.excluded[0].reason).toMatch(/^cooling down for 5000ms more after rate_limit$/);
    expect(next.excluded[1].reason).toMatch(/^circuit breaker open/);
    expect(next.demoted.map((d) => d.name)).toEqual(['fast']);

    // rate_limit counts toward the breaker too: with volumeThreshold 1 both breakers opened.
    clock.advance(5_000);
    expect(router.plan(ask('hi')).excluded).toEqual([
      { name: 'limited', reason: 'circuit breaker open (probe in 15000ms)' },
      { name: 'broken', reason: 'circuit breaker open (probe in 15000ms)' },
    ]);
    clock.advance(15_000);
    const later = router.plan(ask('hi'));
    expect(later.excluded).toEqual([]);
    expect(namesOf(later.candidates)).toEqual(['limited', 'broken', 'fast']);
    clock.advance(10_000); // the quota's reset
    expect(router.plan(ask('hi')).demoted).toEqual([]);
    subscription.dispose();
    executor.dispose();
  });
});
