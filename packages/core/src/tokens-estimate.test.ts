import { describe, expect, test } from 'vitest';
import { countTextTokens, estimateTextTokens, loadTokenizer, tokenCounting } from './tokens.js';

const samples: [string, string, number][] = [
  [
    'English prose',
    'Retrieval-augmented generation combines a search step with a language model, so answers can cite the documents they were built from. It reduces hallucinations and keeps answers current without retraining.',
    0.15,
  ],
  [
    'code',
    'export function add(a: number, b: number): number {\n  return a + b; // sum\n}\nconst total = [1, 2, 3].reduce(add, 0);',
    0.3,
  ],
  ['numbers', 'Order 12345 shipped on 2024-06-01 for $1,299.99 to 221B Baker Street.', 0.15],
  [
    'French',
    'Les modèles de langage répondent mieux quand la question est précise et le contexte bien choisi.',
    0.3,
  ],
  ['Japanese', '大規模言語モデルは文脈に基づいて次の単語を予測します。', 0.25],
];

describe('the token estimate (no gpt-tokenizer installed)', () => {
  test('the exact tokenizer is installed here (a devDependency), so counts are exact', () => {
    expect(loadTokenizer()).toBe(true);
    expect(tokenCounting()).toBe('o200k_base');
  });

  test.each(samples)(
    '%s: within the documented error of the exact count',
    (_name, text, tolerance) => {
      const exact = countTextTokens(text);
      const estimate = estimateTextTokens(text);
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(tolerance);
    },
  );

  test('empty and whitespace', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('a')).toBe(1);
  });
});
