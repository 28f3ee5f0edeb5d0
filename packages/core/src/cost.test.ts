import { describe, expect, test } from 'vitest';
import type { ChatRequest } from './chat.js';
import type { ModelCatalogue, ModelInfo } from './catalogue/model-info.js';
import { estimateCost, predictCost } from './cost.js';
import { countRequestTokens } from './tokens.js';

/** The value, or a test failure when it is undefined. */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const caps = { tools: true, vision: false, json: true, streaming: true, embeddings: false };
const model = (info: Partial<ModelInfo> & { id: string }): ModelInfo => ({
  provider: 'acme',
  inputPerMTok: 2,
  outputPerMTok: 8,
  contextWindow: 100_000,
  maxOutputTokens: 4_000,
  capabilities: caps,
  quality: 0.5,
  typicalLatencyMs: 500,
  ...info,
});
const catalogue: ModelCatalogue = {
  'acme-cached': model({ id: 'acme-cached', cachedInputPerMTok: 0.5 }),
  'acme-plain': model({ id: 'acme-plain' }),
  'acme-small': model({ id: 'acme-small', contextWindow: 1_000, maxOutputTokens: 900 }),
  'acme-free': model({ id: 'acme-free', inputPerMTok: 0, outputPerMTok: 0 }),
};

describe('estimateCost', () => {
  test('prices input and output per million tokens', () => {
    expect(
      estimateCost('acme-plain', { inputTokens: 1_000, outputTokens: 500 }, catalogue),
    ).toBeCloseTo((1_000 * 2 + 500 * 8) / 1e6, 12);
  });

  test('prices cached input tokens (a subset of input) at the cached rate, the rest at the input rate', () => {
    const cost = estimateCost(
      'acme-cached',
      { inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 500 },
      catalogue,
    );
    expect(cost).toBeCloseTo((600 * 2 + 400 * 0.5 + 500 * 8) / 1e6, 12);
    expect(cost).toBeLessThan(
      defined(estimateCost('acme-cached', { inputTokens: 1_000, outputTokens: 500 }, catalogue)),
    );
  });

  test('prices cached tokens at the input rate when the model has no cached price', () => {
    expect(
      estimateCost(
        'acme-plain',
        { inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 0 },
        catalogue,
      ),
    ).toBeCloseTo((1_000 * 2) / 1e6, 12);
  });

  test('never counts more cached tokens than input tokens', () => {
    expect(
      estimateCost(
        'acme-cached',
        { inputTokens: 100, cachedInputTokens: 1_000, outputTokens: 0 },
        catalogue,
      ),
    ).toBeCloseTo((100 * 0.5) / 1e6, 12);
  });

  test('returns undefined for an unknown model, not 0', () => {
    expect(estimateCost('gpt-99', { inputTokens: 1_000, outputTokens: 1_000 })).toBeUndefined();
    expect(
      estimateCost('gpt-4o', { inputTokens: 1_000, outputTokens: 1_000 }, catalogue),
    ).toBeUndefined();
  });

  test('returns 0 for a known free model', () => {
    expect(estimateCost('acme-free', { inputTokens: 1_000, outputTokens: 1_000 }, catalogue)).toBe(
      0,
    );
    expect(estimateCost('llama3.2:3b', { inputTokens: 1_000, outputTokens: 1_000 })).toBe(0);
  });

  test('resolves dated snapshots to the catalogued model', () => {
    const usage = { inputTokens: 12_345, outputTokens: 678, cachedInputTokens: 1_000 };
    expect(estimateCost('gpt-4o-2024-08-06', usage)).toBe(estimateCost('gpt-4o', usage));
    expect(estimateCost('claude-sonnet-4-5-20250929', usage)).toBe(
      estimateCost('claude-sonnet-4-5', usage),
    );
    expect(estimateCost('gpt-4o', usage)).toBeGreaterThan(0);
  });

  test('prices embeddings from input tokens alone, and accepts a ModelInfo', () => {
    expect(estimateCost('text-embedding-3-small', { inputTokens: 1_000_000 })).toBeCloseTo(
      0.02,
      12,
    );
    expect(estimateCost(catalogue['acme-plain'], { inputTokens: 500_000 })).toBeCloseTo(1, 12);
  });

  test.each([
    { inputTokens: -1, outputTokens: 0 },
    { inputTokens: Number.NaN, outputTokens: 0 },
    { inputTokens: 1, outputTokens: Number.POSITIVE_INFINITY },
    { inputTokens: 1, outputTokens: 1, cachedInputTokens: -5 },
  ])('returns undefined for unusable counts %o', (usage) => {
    expect(estimateCost('acme-plain', usage, catalogue)).toBeUndefined();
  });
});

describe('predictCost', () => {
  const request = (text: string, maxTokens?: number): ChatRequest => ({
    messages: [{ role: 'user', content: text }],
    ...(maxTokens !== undefined && { maxTokens }),
  });

  test('returns undefined for an unknown model', () => {
    expect(predictCost('gpt-99', request('hi'))).toBeUndefined();
  });

  test('counts input with the tokenizer and bounds output by maxTokens', () => {
    const r = request('Summarise the plot of Hamlet in two sentences.', 100);
    const prediction = defined(predictCost('acme-plain', r, catalogue));
    expect(prediction.inputTokens).toBe(countRequestTokens(r));
    expect(prediction.maxOutputTokens).toBe(100);
    expect(prediction.minUsd).toBeCloseTo((prediction.inputTokens * 2) / 1e6, 12);
    expect(prediction.maxUsd).toBeCloseTo((prediction.inputTokens * 2 + 100 * 8) / 1e6, 12);
  });

  test("uses the model's maximum output when maxTokens is absent or larger", () => {
    expect(defined(predictCost('acme-plain', request('hi'), catalogue)).maxOutputTokens).toBe(
      4_000,
    );
    expect(
      defined(predictCost('acme-plain', request('hi', 50_000), catalogue)).maxOutputTokens,
    ).toBe(4_000);
  });

  test('never predicts more output than the context window leaves', () => {
    const prediction = defined(predictCost('acme-small', request('word '.repeat(300)), catalogue));
    expect(prediction.inputTokens).toBeGreaterThan(100);
    expect(prediction.maxOutputTokens).toBe(1_000 - prediction.inputTokens);
    expect(
      defined(predictCost('acme-small', request('word '.repeat(2_000)), catalogue)).maxOutputTokens,
    ).toBe(0);
  });

  test('grows with the input', () => {
    const short = defined(predictCost('gpt-4o', request('Hello')));
    const long = defined(predictCost('gpt-4o', request('Hello, '.repeat(500))));
    expect(long.inputTokens).toBeGreaterThan(short.inputTokens + 400);
    expect(long.minUsd).toBeGreaterThan(short.minUsd);
    expect(long.maxUsd).toBeGreaterThan(short.maxUsd);
  });

  test('reuses a count the caller already made', () => {
    expect(predictCost('acme-plain', request('hi', 10), catalogue, { inputTokens: 5_000 })).toEqual(
      {
        inputTokens: 5_000,
        maxOutputTokens: 10,
        minUsd: (5_000 * 2) / 1e6,
        maxUsd: (5_000 * 2) / 1e6 + (10 * 8) / 1e6,
      },
    );
  });
});
