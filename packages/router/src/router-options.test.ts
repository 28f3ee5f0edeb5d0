import { ConfigError, type ConfigIssue } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { fourProviders } from './__fixtures__/providers.js';
import { createRouter } from './router.js';
import type { RouterOptions } from './types.js';

const p = fourProviders();

function issuesOf(options: RouterOptions): ConfigIssue[] {
  try {
    createRouter(options);
  } catch (error) {
    if (ConfigError.isInstance(error)) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createRouter: bad options are a ConfigError naming the path', () => {
  test.each<[string, Partial<RouterOptions>, string, RegExp]>([
    ['no providers', { providers: [] }, 'providers', /at least one provider/],
    ['not a provider', { providers: [{} as never] }, 'providers.0', /expected a Provider/],
    ['a duplicate name', { providers: [p.openai, p.openai] }, 'providers.1', /listed twice/],
    [
      'a negative weight',
      { providers: [{ provider: p.openai, weight: -1 }] },
      'providers.0.weight',
      /weight ≥ 0/,
    ],
    [
      'quality above 1',
      { providers: [{ provider: p.openai, quality: 2 }] },
      'providers.0.quality',
      /from 0 to 1/,
    ],
    [
      'maxTokens 0',
      { providers: [{ provider: p.openai, maxTokens: 0 }] },
      'providers.0.maxTokens',
      /≥ 1/,
    ],
    ['an unknown primary', { primary: 'mistral' }, 'primary', /unknown provider "mistral"/],
    ['an unknown fallback', { fallbacks: ['groq', 'x'] }, 'fallbacks.1', /unknown provider "x"/],
    [
      'an unknown strategy',
      { strategy: 'fastest' as never },
      'strategy',
      /unknown strategy "fastest"/,
    ],
    [
      'manual without a primary',
      { strategy: 'manual' },
      'primary',
      /required when strategy is 'manual'/,
    ],
    [
      'a rule naming an unknown provider',
      { rules: [{ when: { task: 'x' }, use: ['groq', 'nope'] }] },
      'rules.0.use.1',
      /unknown provider "nope"/,
    ],
    [
      'a rule with an empty list',
      { rules: [{ when: { task: 'x' }, use: [] }] },
      'rules.0.use',
      /at least one/,
    ],
    [
      'a rule with a bad strategy',
      { rules: [{ when: { task: 'x' }, use: { strategy: 'x' as never } }] },
      'rules.0.use.strategy',
      /unknown strategy/,
    ],
    [
      'a rule without when',
      { rules: [{ use: 'groq' } as never] },
      'rules.0.when',
      /metadata fields to match/,
    ],
    [
      'an experiment without variants',
      { experiments: [{ name: 'e', variants: {} }] },
      'experiments.0.variants',
      /at least one variant/,
    ],
    [
      'an experiment on an unknown provider',
      { experiments: [{ name: 'e', variants: { A: 'nope' } }] },
      'experiments.0.variants.A',
      /unknown provider/,
    ],
    [
      'a split missing a variant',
      { experiments: [{ name: 'e', variants: { A: 'groq', B: 'openai' }, split: { A: 1 } }] },
      'experiments.0.split.B',
      /share ≥ 0 for every variant/,
    ],
    [
      'a split of zero',
      { experiments: [{ name: 'e', variants: { A: 'groq' }, split: { A: 0 } }] },
      'experiments.0.split',
      /add up to 0/,
    ],
    [
      'two experiments with one name',
      {
        experiments: [
          { name: 'e', variants: { A: 'groq' } },
          { name: 'e', variants: { A: 'groq' } },
        ],
      },
      'experiments.1.name',
      /used by another experiment/,
    ],
  ])('%s', (_, options, path, message) => {
    const issues = issuesOf({ providers: [p.openai, p.groq], ...options });
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  test('a bad per-request input is an InvalidRequestError naming the field', () => {
    const router = createRouter({ providers: [p.openai] });
    expect(() => router.plan({} as never)).toThrow(/"messages"/);
    expect(() => router.plan({ messages: [] }, { strategy: { name: 'x' } as never })).toThrow(
      /"strategy"/,
    );
  });
});
