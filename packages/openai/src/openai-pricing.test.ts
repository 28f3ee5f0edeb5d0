// Usage and cost as OpenAI reports them, through the SDK against the fake's real wire format:
// cached prompt tokens, reasoning tokens inside completion_tokens, the service_tier that served
// the call, fine-tune ids and the provider's unknownPrice.
import { collectStream, ConfigError } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider.js';
import type { OpenAISettings } from './openai-settings.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const create = (settings: OpenAISettings = {}) =>
  createOpenAI({ apiKey: 'sk-pricing-test-0123456789', baseURL: fake.baseURL.openai, ...settings });
const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('OpenAI pricing through the SDK', () => {
  it('prices the tier the response names (flex, priority) and reasoning once, generate and stream alike', async () => {
    const usage = { inputTokens: 100_000, outputTokens: 10_000, reasoningTokens: 8_000 };
    fake.script('openai', [
      { reply: { text: 'ok', usage: { ...usage, serviceTier: 'flex' } } },
      { reply: { text: 'ok', usage: { ...usage, serviceTier: 'flex' } } },
      { reply: { text: 'ok', usage: { ...usage, serviceTier: 'priority' } } },
      { reply: { text: 'ok', usage } },
    ]);
    const provider = create({ model: 'gpt-5' });
    const flex = await provider.generate(hi);
    expect(flex.usage).toMatchObject({ reasoningTokens: 8_000, serviceTier: 'flex' });
    // gpt-5 flex: 100k × $0.625 + 10k × $5 (reasoning inside the 10k) per 1M.
    expect(flex.costUsd).toBe(0.1125);
    const streamed = await collectStream(provider.stream(hi));
    expect(streamed.usage.serviceTier).toBe('flex');
    expect(streamed.costUsd).toBe(0.1125);
    expect((await provider.generate(hi)).costUsd).toBe(0.45);
    const standard = await provider.generate(hi);
    expect(standard.usage.serviceTier).toBe('default');
    expect(standard.costUsd).toBe(0.225);
  });

  it('prices a fine-tune as its base model', async () => {
    fake.script('openai', [
      { reply: { text: 'ok', usage: { inputTokens: 1_000, outputTokens: 1_000 } } },
    ]);
    const result = await create().generate({
      ...hi,
      model: 'ft:gpt-4o-mini-2024-07-18:acme::abc123',
    });
    expect(result.costUsd).toBe(0.00075);
  });

  it("unknownPrice: 'refuse' sends nothing and names the model; a price is charged as given", async () => {
    await expect(
      create({ name: 'vllm', unknownPrice: 'refuse' }).generate({ ...hi, model: 'my-lora' }),
    ).rejects.toSatisfy(
      (e) => ConfigError.isInstance(e) && /"my-lora"/.test(e.message) && /vllm/.test(e.message),
    );
    expect(fake.requests('openai')).toHaveLength(0);
    fake.script('openai', [
      { reply: { text: 'ok', usage: { inputTokens: 1_000, outputTokens: 1_000 } } },
    ]);
    const local = await create({ unknownPrice: { inputPerMTok: 0, outputPerMTok: 0 } }).generate({
      ...hi,
      model: 'my-lora',
    });
    expect(local.costUsd).toBe(0);
  });
});
