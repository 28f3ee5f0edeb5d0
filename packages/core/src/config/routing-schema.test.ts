import { describe, expect, test } from 'vitest';
import { parseConfigIssues as issuesOf } from '../__fixtures__/config-errors.js';
import { parseConfig } from './parse-config.js';

const providers = {
  openai: { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' },
  anthropic: { apiKey: 'sk-ant-test-bbbbbbbbbbbb' },
  groq: { apiKey: 'gsk-test-cccccccccccc' },
};

describe('config: rules and experiments', () => {
  test('valid rules and experiments parse as given', () => {
    const isLong = () => true;
    const config = parseConfig({
      providers,
      routingStrategy: 'adaptive',
      rules: [
        { name: 'classify-fast', when: { task: 'classify' }, use: ['groq', 'openai'] },
        { when: { tags: ['vip'] }, use: 'anthropic' },
        { when: isLong, use: { strategy: 'quality' } },
      ],
      experiments: [
        {
          name: 'claude-vs-gpt',
          variants: { A: 'openai', B: 'anthropic' },
          split: { A: 50, B: 50 },
        },
        {
          name: 'equal',
          variants: { x: 'groq', y: 'openai' },
          when: { task: 'chat' },
          enabled: false,
        },
      ],
    });
    expect(config.routingStrategy).toBe('adaptive');
    expect(config.rules?.[0]).toEqual({
      name: 'classify-fast',
      when: { task: 'classify' },
      use: ['groq', 'openai'],
    });
    expect(config.rules?.[2].when).toBe(isLong);
    expect(config.experiments?.[0].split).toEqual({ A: 50, B: 50 });
  });

  test.each([['least-busy'], ['weighted'], ['round-robin'], ['complexity'], ['adaptive']])(
    'routingStrategy %s is accepted',
    (strategy) => {
      expect(parseConfig({ providers, routingStrategy: strategy }).routingStrategy).toBe(strategy);
    },
  );

  test.each([
    [{ rules: 'groq' }, 'rules', /a list of rules/],
    [
      { rules: [{ when: { task: 'x' } }] },
      'rules.0.use',
      /a provider name \('groq'\), a list of names/,
    ],
    [{ rules: [{ use: 'groq' }] }, 'rules.0.when', /metadata fields to match/],
    [{ rules: [{ when: { task: 'x' }, use: [] }] }, 'rules.0.use', /at least one provider name/],
    [
      { rules: [{ when: { task: 'x' }, use: { strategy: 'fastest' } }] },
      'rules.0.use.strategy',
      /one of 'cost'/,
    ],
    [
      { rules: [{ when: { task: 'x' }, use: 'mistral' }] },
      'rules.0.use',
      /unknown provider "mistral" in a rule/,
    ],
    [
      { rules: [{ when: { task: 'x' }, use: ['groq', 'mistral'] }] },
      'rules.0.use.1',
      /unknown provider "mistral"/,
    ],
    [{ rules: [{ when: { task: 'x' }, use: 'groq', extra: 1 }] }, 'rules.0.extra', /unknown key/],
    [{ rules: [{ when: { task: 'x' }, uses: 'groq' }] }, 'rules.0.uses', /did you mean "use"/],
    [
      { experiments: [{ name: 'e', variants: { A: 'groq' }, splits: {} }] },
      'experiments.0.splits',
      /did you mean "split"/,
    ],
    [{ experiments: [{ variants: { A: 'openai' } }] }, 'experiments.0.name', /experiment name/],
    [
      { experiments: [{ name: 'e', variants: 'openai' }] },
      'experiments.0.variants',
      /variant → provider name/,
    ],
    [
      { experiments: [{ name: 'e', variants: { A: 'openai', B: 'mistral' } }] },
      'experiments.0.variants.B',
      /unknown provider "mistral" in experiment variant B/,
    ],
    [
      { experiments: [{ name: 'e', variants: { A: 'openai', B: 'groq' }, split: { A: 50 } }] },
      'experiments.0.split.B',
      /a share for variant "B"/,
    ],
    [
      { experiments: [{ name: 'e', variants: { A: 'openai' }, split: { A: 50, C: 50 } }] },
      'experiments.0.split.C',
      /"C" is not a variant/,
    ],
    [
      { experiments: [{ name: 'e', variants: { A: 'openai' }, split: { A: 0 } }] },
      'experiments.0.split',
      /add up to 0/,
    ],
    [
      { experiments: [{ name: 'e', variants: { A: 'openai' }, split: { A: -1 } }] },
      'experiments.0.split.A',
      /share ≥ 0/,
    ],
    [
      { experiments: [{ name: 'e', variants: {} }] },
      'experiments.0.variants',
      /at least one variant/,
    ],
    [
      {
        experiments: [
          { name: 'e', variants: { A: 'openai' } },
          { name: 'e', variants: { A: 'groq' } },
        ],
      },
      'experiments.1.name',
      /used by another experiment/,
    ],
  ])('%j → an issue at %s', (extra, path, message) => {
    const issues = issuesOf({ providers, ...extra });
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });
});
