import { expect, test } from 'vitest';
import { modelIdForms, parseModelId } from './model-id.js';

const providers = ['openai', 'anthropic'];

test.each([
  ['auto', {}],
  ['cost', { strategy: 'cost' }],
  ['round-robin', { strategy: 'round-robin' }],
  ['anthropic', { provider: 'anthropic' }],
  ['openai/gpt-4o', { provider: 'openai', model: 'gpt-4o' }],
  ['openai/ft:gpt-4o/x', { provider: 'openai', model: 'ft:gpt-4o/x' }],
])('%s', (id, target) => {
  expect(parseModelId(id, providers)).toEqual(target);
});

test.each(['', 'gpt-5', 'mistral/large', 'openai/', '/gpt-4o'])('%j is not a model id', (id) => {
  expect(parseModelId(id, providers)).toBeUndefined();
});

test('the forms name the strategies and the providers', () => {
  expect(modelIdForms(providers)).toMatch(
    /^use 'auto', a strategy \(cost, latency, .*\), a provider \(openai, anthropic\) or 'provider\/model' \(e\.g\. 'openai\/<model>'\)$/,
  );
  expect(modelIdForms([])).toContain('a provider (none configured)');
});
