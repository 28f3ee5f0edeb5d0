// Groq usage and cost through groq-sdk against the fake's wire format: cached prompt tokens on
// gpt-oss, reasoning tokens inside completion_tokens (priced once), generate and stream alike.
import { collectStream } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGroq } from './groq-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('Groq pricing through the SDK', () => {
  it('gpt-oss-120b: cached input at its rate, reasoning counted once as output', async () => {
    const usage = {
      inputTokens: 10_000,
      cachedInputTokens: 5_000,
      outputTokens: 2_000,
      reasoningTokens: 1_500,
    };
    fake.script('groq', [{ reply: { text: 'ok', usage } }, { reply: { text: 'ok', usage } }]);
    const groq = createGroq({
      apiKey: 'gsk_pricing_test_0123456789',
      baseURL: fake.baseURL.groq,
      model: 'openai/gpt-oss-120b',
    });
    const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };
    const result = await groq.generate(hi);
    expect(result.usage).toMatchObject({
      inputTokens: 10_000,
      cachedInputTokens: 5_000,
      outputTokens: 2_000,
      reasoningTokens: 1_500,
    });
    // 5k × $0.15 + 5k × $0.075 + 2k × $0.60 per 1M
    expect(result.costUsd).toBe(0.002325);
    expect((await collectStream(groq.stream(hi))).costUsd).toBe(0.002325);
  });
});
