// Worked examples from each vendor's pricing page, priced from the default catalogue to the
// cent (and below: costs are rounded to 1e-10 USD, so these compare exactly).
import { describe, expect, test } from 'vitest';
import { costBreakdown, estimateCost, predictCost } from './cost.js';
import type { CostUsage } from './cost.js';

const cost = (model: string, usage: CostUsage) => estimateCost(model, usage);

describe('Anthropic (prompt caching: reads 0.1×, 5-minute writes 1.25×, 1-hour writes 2× input)', () => {
  test('Claude Sonnet 4.5: 10k fresh input, 100k 5-minute cache writes, 50k cache reads, 2k output', () => {
    const usage = {
      inputTokens: 160_000,
      cacheWriteInputTokens: 100_000,
      cachedInputTokens: 50_000,
      outputTokens: 2_000,
    };
    // 10k × $3 + 100k × $3.75 + 50k × $0.30 + 2k × $15 (per 1M)
    expect(costBreakdown('claude-sonnet-4-5', usage)).toEqual({
      input: 0.03,
      cacheWrite: 0.375,
      cachedInput: 0.015,
      output: 0.03,
      reasoning: 0,
    });
    expect(cost('claude-sonnet-4-5', usage)).toBe(0.45);
  });

  test('1-hour cache writes at 2× input, 5-minute ones at 1.25×', () => {
    // Haiku 4.5 ($1 input): 20k 1-hour writes ($2) + 80k 5-minute writes ($1.25) + 1k output ($5)
    expect(
      cost('claude-haiku-4-5', {
        inputTokens: 100_000,
        cacheWriteInputTokens: 100_000,
        cacheWrite1hInputTokens: 20_000,
        outputTokens: 1_000,
      }),
    ).toBe(0.145);
  });

  test('uncached: Claude Opus 4.5, 1k input and 1k output', () => {
    expect(cost('claude-opus-4-5', { inputTokens: 1_000, outputTokens: 1_000 })).toBe(0.03);
  });

  test('extended thinking is output, counted once (reasoningTokens is part of outputTokens)', () => {
    const usage = { inputTokens: 2_000, outputTokens: 5_000, reasoningTokens: 4_000 };
    expect(costBreakdown('claude-opus-4-5', usage)).toMatchObject({
      output: 0.025,
      reasoning: 0.1,
    });
    expect(cost('claude-opus-4-5', usage)).toBe(0.135);
  });

  test('Sonnet with the 1M context: above 200k input tokens the whole request is at $6 / $22.50', () => {
    expect(cost('claude-sonnet-4-5', { inputTokens: 250_000, outputTokens: 1_000 })).toBe(1.5225);
    // At 200k exactly: the standard card.
    expect(cost('claude-sonnet-4-5', { inputTokens: 200_000, outputTokens: 1_000 })).toBe(0.615);
    // Long-context cache reads and writes: $0.60 and $7.50.
    expect(
      cost('claude-sonnet-4-5', {
        inputTokens: 300_000,
        cachedInputTokens: 200_000,
        cacheWriteInputTokens: 100_000,
        outputTokens: 0,
      }),
    ).toBe(0.87);
  });
});

describe('OpenAI (cached input at its rate; service tiers; reasoning inside completion_tokens)', () => {
  test('gpt-4o-mini: 10k prompt tokens of which 8k cached, 500 completion tokens', () => {
    expect(
      cost('gpt-4o-mini', { inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 500 }),
    ).toBe(0.0012);
  });

  test('o4-mini: reasoning tokens are part of completion_tokens, priced once', () => {
    const usage = { inputTokens: 1_000, outputTokens: 3_000, reasoningTokens: 2_500 };
    expect(cost('o4-mini', usage)).toBe(0.0143);
    expect(costBreakdown('o4-mini', usage)).toMatchObject({ output: 0.0022, reasoning: 0.011 });
  });

  test('service_tier flex and priority at their rates; default and unlisted tiers at standard', () => {
    const usage = { inputTokens: 100_000, outputTokens: 10_000 };
    expect(cost('gpt-5', { ...usage, serviceTier: 'flex' })).toBe(0.1125);
    expect(cost('gpt-5', { ...usage, serviceTier: 'priority' })).toBe(0.45);
    expect(cost('gpt-5', { ...usage, serviceTier: 'default' })).toBe(0.225);
    expect(cost('gpt-5', usage)).toBe(0.225);
    // Priority Processing's published card: gpt-4.1 $3.50 / $0.875 cached / $14.
    expect(
      cost('gpt-4.1', {
        inputTokens: 1_000_000,
        cachedInputTokens: 400_000,
        outputTokens: 1_000_000,
        serviceTier: 'priority',
      }),
    ).toBe(16.45);
  });

  test('batch results at half price', () => {
    expect(
      cost('gpt-4o', { inputTokens: 1_000_000, outputTokens: 1_000_000, serviceTier: 'batch' }),
    ).toBe(6.25);
  });

  test('a fine-tune is priced as its base model', () => {
    expect(
      cost('ft:gpt-4o-mini-2024-07-18:acme::abc123', { inputTokens: 1_000, outputTokens: 1_000 }),
    ).toBe(cost('gpt-4o-mini', { inputTokens: 1_000, outputTokens: 1_000 }));
  });
});

describe('Google Gemini (cached content at its rate; thoughts billed as output; long context)', () => {
  test('Gemini 2.5 Pro under 200k: 100k prompt of which 40k cached, 1k output', () => {
    expect(
      cost('gemini-2.5-pro', {
        inputTokens: 100_000,
        cachedInputTokens: 40_000,
        outputTokens: 1_000,
      }),
    ).toBe(0.09);
  });

  test('Gemini 2.5 Pro above 200k prompt tokens: $2.50 / $15 (cached $0.25), thoughts included', () => {
    expect(
      cost('gemini-2.5-pro', { inputTokens: 300_000, outputTokens: 2_000, reasoningTokens: 1_500 }),
    ).toBe(0.78);
    expect(
      cost('gemini-2.5-pro', { inputTokens: 300_000, cachedInputTokens: 100_000, outputTokens: 0 }),
    ).toBe(0.525);
  });

  test('Gemini 2.5 Flash: thinking at the output price', () => {
    expect(
      cost('gemini-2.5-flash', {
        inputTokens: 10_000,
        outputTokens: 4_000,
        reasoningTokens: 3_000,
      }),
    ).toBe(0.013);
  });
});

describe('Groq (cached input on gpt-oss; reasoning inside completion_tokens)', () => {
  test('gpt-oss-120b: 10k prompt of which 5k cached, 2k completion of which 1.5k reasoning', () => {
    expect(
      cost('openai/gpt-oss-120b', {
        inputTokens: 10_000,
        cachedInputTokens: 5_000,
        outputTokens: 2_000,
        reasoningTokens: 1_500,
      }),
    ).toBe(0.002325);
  });

  test('llama-3.3-70b-versatile, uncached', () => {
    expect(
      cost('llama-3.3-70b-versatile', { inputTokens: 1_000_000, outputTokens: 1_000_000 }),
    ).toBe(1.38);
  });
});

describe('predictCost reads the same cards', () => {
  const request = { messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 1_000 };

  test('the long-context card above the threshold', () => {
    expect(predictCost('gemini-2.5-pro', request, undefined, { inputTokens: 300_000 })).toEqual({
      inputTokens: 300_000,
      maxOutputTokens: 1_000,
      minUsd: 0.75,
      maxUsd: 0.765,
    });
    expect(
      predictCost('gemini-2.5-pro', request, undefined, { inputTokens: 100_000 })?.maxUsd,
    ).toBe(0.135);
  });

  test('amounts carry no float noise', () => {
    // 0.1 + 0.2 style noise: 1025 × $0.15 / 1M = 0.00015375 exactly, not …0000002.
    expect(cost('gpt-4o-mini', { inputTokens: 1_025, outputTokens: 0 })).toBe(0.00015375);
    expect(String(cost('gpt-4o-mini', { inputTokens: 1_025, outputTokens: 0 }))).toBe('0.00015375');
  });
});
