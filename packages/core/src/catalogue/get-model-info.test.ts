import { describe, expect, test } from 'vitest';
import { defaultCatalogue } from './default-catalogue.js';
import { getModelInfo } from './get-model-info.js';
import type { ModelCatalogue } from './model-info.js';

describe('getModelInfo', () => {
  test('finds an exact id', () => {
    expect(getModelInfo('gpt-4o')).toBe(defaultCatalogue['gpt-4o']);
    expect(getModelInfo('openai/gpt-oss-120b')?.provider).toBe('groq');
  });

  test.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['o3-2025-04-16', 'o3'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    ['claude-opus-4-20250514', 'claude-opus-4-0'],
    ['claude-sonnet-4-5-latest', 'claude-sonnet-4-5'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['qwen2.5:7b', 'qwen2.5'],
    ['nomic-embed-text:latest', 'nomic-embed-text'],
  ])('resolves the snapshot or alias %s to %s', (snapshot, id) => {
    expect(getModelInfo(snapshot)?.id).toBe(id);
  });

  test('does not confuse a model with a longer sibling', () => {
    expect(getModelInfo('gpt-4o-mini')?.id).toBe('gpt-4o-mini');
    expect(getModelInfo('gpt-4o-mini-2024-07-18')?.inputPerMTok).toBe(
      defaultCatalogue['gpt-4o-mini'].inputPerMTok,
    );
  });

  test.each([
    'gpt-99',
    'gpt-4o-turbo-ultra',
    '',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
  ])('returns undefined for unknown %j', (id) => {
    expect(getModelInfo(id)).toBeUndefined();
  });

  test('uses the catalogue it is given', () => {
    const catalogue: ModelCatalogue = {
      'my-model': { ...defaultCatalogue['gpt-4o'], id: 'my-model', provider: 'acme' },
    };
    expect(getModelInfo('my-model-2025-01-01', catalogue)?.provider).toBe('acme');
    expect(getModelInfo('gpt-4o', catalogue)).toBeUndefined();
  });
});
