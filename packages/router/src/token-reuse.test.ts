import { type Provider, ProviderError } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { describe, expect, test } from 'vitest';
import { ask, fourProviders, testProvider } from './__fixtures__/providers.js';
import { createRouter } from './router.js';

describe("the plan's token count is reused downstream, never counted twice", () => {
  test('countTokens returns the count the plan used (given or counted), without counting again', () => {
    const { openai } = fourProviders();
    const router = createRouter({ providers: [openai] });
    const given = ask('hi');
    expect(router.plan(given, { inputTokens: 12_345 }).estimate.inputTokens).toBe(12_345);
    expect(router.countTokens(given)).toBe(12_345); // a recount would give ~8
    const counted = ask('hello there');
    const plan = router.plan(counted);
    expect(router.countTokens(counted)).toBe(plan.estimate.inputTokens);
  });

  test("the executor's context logic reads the plan's count through countTokens", async () => {
    const { google } = fourProviders();
    // openai's model says the context is too long; the executor then skips every window below the need.
    const tooLong: Provider = {
      ...testProvider('openai', { model: 'gpt-4o-mini' }),
      generate: async () => {
        throw new ProviderError({
          kind: 'context_length',
          provider: 'openai',
          message: 'too long',
          status: 400,
        });
      },
    };
    let anthropicCalls = 0;
    const anthropic: Provider = {
      ...testProvider('anthropic', { model: 'claude-sonnet-4-5' }), // a 200 000-token window
      generate: async (request) => {
        anthropicCalls++;
        return testProvider('anthropic', { model: 'claude-sonnet-4-5' }).generate(request) as never;
      },
    };
    const router = createRouter({
      providers: [tooLong, anthropic, google],
      strategy: 'manual',
      primary: 'openai',
    });
    const executor = createFallbackExecutor({ countTokens: router.countTokens, maxRetries: 0 });
    const request = ask('hi'); // maxTokens 100
    // The caller counted 199 950 tokens: 200 050 with the answer, over Sonnet's window, within Gemini's.
    const plan = router.plan(request, { inputTokens: 199_950 });
    expect(plan.excluded.map((e) => e.name)).toEqual(['openai', 'anthropic']);
    // Hand the executor all three: after openai's context error it skips Sonnet on the plan's count
    // (a recount would say ~8 tokens, and Sonnet would be called).
    const result = await executor.generate([tooLong, anthropic, google], request);
    expect(result.provider).toBe('google');
    expect(anthropicCalls).toBe(0);
    executor.dispose();
  });
});
