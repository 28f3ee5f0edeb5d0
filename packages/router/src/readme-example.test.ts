// The README's example, run (in-test providers stand in for the adapters). Keep the two in step.
import { createFallbackExecutor } from '@modelmux/resilience';
import { describe, expect, test } from 'vitest';
import { fourProviders, namesOf } from './__fixtures__/providers.js';
import { createRouter, createRoutingStats } from './index.js';

describe('the README example', () => {
  test('runs as documented', async () => {
    const { openai, anthropic, google, groq } = fourProviders();
    const stats = createRoutingStats();
    const router = createRouter({
      providers: [openai, anthropic, google, groq],
      strategy: 'cost',
      stats,
      seed: 42,
    });
    const executor = createFallbackExecutor({ countTokens: router.countTokens });
    stats.attach(executor);

    const request = {
      messages: [{ role: 'user' as const, content: 'What is RAG?' }],
      maxTokens: 300,
    };
    const plan = router.plan(request);
    expect(namesOf(plan.candidates)).toEqual(['openai', 'groq', 'google', 'anthropic']);
    expect(plan).toMatchObject({ excluded: [], demoted: [], strategy: 'cost' });
    expect(plan.estimate.costUsd['openai']).toBeCloseTo(
      (plan.estimate.inputTokens * 0.15 + 300 * 0.6) / 1e6,
      12,
    );
    const result = await executor.generate(plan.candidates, request);
    router.recordResult(plan, result);
    expect(router.recordFeedback(plan.requestId, 0.9)).toBe(true);
    expect(stats.get('openai')).toMatchObject({ successes: 1, quality: 0.9, inFlight: 0 });
    executor.dispose();
  });

  test('the experiments example', async () => {
    const { openai, anthropic, google, groq } = fourProviders();
    const router = createRouter({
      providers: [openai, anthropic, google, groq],
      experiments: [
        {
          name: 'claude-vs-gpt',
          variants: { A: 'openai', B: 'anthropic' },
          split: { A: 50, B: 50 },
        },
        {
          name: 'eu-only',
          variants: { x: 'google', y: 'groq' },
          when: { region: 'eu' },
          enabled: true,
        },
      ],
    });
    const executor = createFallbackExecutor();
    const request = {
      messages: [{ role: 'user' as const, content: 'hi' }],
      metadata: { userId: 'u-42' },
    };
    const plan = router.plan(request);
    expect(plan.experiment).toEqual({ name: 'claude-vs-gpt', variant: 'B' });
    const result = await executor.generate(plan.candidates, request);
    router.recordResult(plan, result);
    router.recordFeedback(plan.requestId, 0.8);
    const variant = plan.experiment?.variant ?? '';
    expect(router.getExperimentResults()['claude-vs-gpt'][variant]).toMatchObject({
      requests: 1,
      sampleSize: 1,
      avgQualityScore: 0.8,
    });
    executor.dispose();
  });
});
