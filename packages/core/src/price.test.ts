import { describe, expect, test, vi } from 'vitest';
import { mergeCatalogue } from './catalogue/merge-catalogue.js';
import { defaultCatalogue } from './catalogue/default-catalogue.js';
import { ProviderConfigSchema } from './config/provider-config-schema.js';
import { estimateCost, predictCost } from './cost.js';
import { ConfigError } from './errors/config-error.js';
import { assertPriceKnown, fallbackUnknownPrice, resolvePrice, roundUsd } from './price.js';

const usage = { inputTokens: 100_000, outputTokens: 10_000 };

describe('unknown prices are never free', () => {
  test('fine-tunes resolve to their base model (OpenAI, Mistral and legacy forms)', () => {
    expect(resolvePrice('ft:gpt-4o-mini-2024-07-18:acme::abc123')).toBe(
      defaultCatalogue['gpt-4o-mini'],
    );
    expect(resolvePrice('ft:gpt-4.1-2025-04-14:acme:support:B1x2')).toBe(
      defaultCatalogue['gpt-4.1'],
    );
    expect(resolvePrice('gpt-4o:ft-acme-2024-01-01')).toBe(defaultCatalogue['gpt-4o']);
  });

  test('unset: undefined (never 0) and one warning per model', () => {
    const warn = vi.fn();
    expect(estimateCost('acme-unknown-1', usage, undefined, { warn })).toBeUndefined();
    expect(estimateCost('acme-unknown-1', usage, undefined, { warn })).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('"acme-unknown-1"');
  });

  test("'warn': the stated fallback price, one warning", () => {
    const warn = vi.fn();
    const options = { unknownPrice: 'warn' as const, warn };
    expect(estimateCost('acme-unknown-2', usage, undefined, options)).toBe(
      roundUsd(
        (100_000 * fallbackUnknownPrice.inputPerMTok +
          10_000 * fallbackUnknownPrice.outputPerMTok) /
          1e6,
      ),
    );
    estimateCost('acme-unknown-2', usage, undefined, options);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('$15/$75');
  });

  test('an explicit price, 0 for a local model, charged silently', () => {
    const warn = vi.fn();
    expect(
      estimateCost('my-vllm-model', usage, undefined, {
        unknownPrice: { inputPerMTok: 0, outputPerMTok: 0 },
        warn,
      }),
    ).toBe(0);
    expect(
      predictCost(
        'my-model',
        { messages: [{ role: 'user', content: 'hi' }], maxTokens: 1_000 },
        undefined,
        { inputTokens: 1_000_000, unknownPrice: { inputPerMTok: 1, outputPerMTok: 2 } },
      )?.maxUsd,
    ).toBe(1.002);
    expect(warn).not.toHaveBeenCalled();
  });

  test("'refuse': a ConfigError naming the model and the fix, before any call", () => {
    expect(() => assertPriceKnown('vllm', 'my-model', { unknownPrice: 'refuse' })).toThrow(
      ConfigError,
    );
    try {
      assertPriceKnown('vllm', 'my-model', { unknownPrice: 'refuse' });
    } catch (error) {
      const issue = (error as ConfigError).issues[0];
      expect(issue?.path).toBe('providers.vllm.unknownPrice');
      expect(issue?.message).toMatch(/"my-model".*catalogue.*unknownPrice/s);
    }
    expect(() => assertPriceKnown('openai', 'gpt-4o', { unknownPrice: 'refuse' })).not.toThrow();
    expect(() => assertPriceKnown('vllm', 'my-model', {})).not.toThrow();
  });

  test('the config schema takes unknownPrice and names the field when it is wrong', () => {
    expect(ProviderConfigSchema.parse({ unknownPrice: 'warn' }).unknownPrice).toBe('warn');
    expect(
      ProviderConfigSchema.parse({ unknownPrice: { inputPerMTok: 0, outputPerMTok: 0 } })
        .unknownPrice,
    ).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    const bad = ProviderConfigSchema.safeParse({ unknownPrice: 'free' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['unknownPrice']);
    expect(bad.error?.issues[0]?.message).toMatch(/'refuse', 'warn' or a price/);
  });
});

describe('catalogue overrides take the new price fields', () => {
  test('long-context, cache-write and tier prices merge and are validated', () => {
    const merged = mergeCatalogue(defaultCatalogue, {
      'gpt-4o-mini': { serviceTiers: { flex: { inputPerMTok: 0.075, outputPerMTok: 0.3 } } },
    });
    expect(estimateCost('gpt-4o-mini', { ...usage, serviceTier: 'flex' }, merged)).toBe(0.0105);
    expect(() =>
      mergeCatalogue(defaultCatalogue, {
        'gpt-4o': { longContext: { aboveInputTokens: -1, inputPerMTok: 1, outputPerMTok: 1 } },
      }),
    ).toThrow(/catalogue\.gpt-4o\.longContext\.aboveInputTokens/);
  });
});
