import { describe, expect, test } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { defaultCatalogue } from './default-catalogue.js';
import { mergeCatalogue } from './merge-catalogue.js';
import type { ModelInfo } from './model-info.js';

const newModel: ModelInfo = {
  id: 'acme-1',
  provider: 'acme',
  inputPerMTok: 1,
  outputPerMTok: 2,
  contextWindow: 32_000,
  maxOutputTokens: 4_000,
  capabilities: { tools: true, vision: false, json: true, streaming: true, embeddings: false },
  quality: 0.5,
  typicalLatencyMs: 700,
};

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('mergeCatalogue', () => {
  test('applies a partial override to an existing id and leaves the rest (and the base) alone', () => {
    const merged = mergeCatalogue(defaultCatalogue, {
      'gpt-4o': { inputPerMTok: 2, capabilities: { vision: false } },
    });
    expect(merged['gpt-4o']).toEqual({
      ...defaultCatalogue['gpt-4o'],
      inputPerMTok: 2,
      capabilities: { ...defaultCatalogue['gpt-4o'].capabilities, vision: false },
    });
    expect(merged['gpt-4o-mini']).toBe(defaultCatalogue['gpt-4o-mini']);
    expect(defaultCatalogue['gpt-4o'].inputPerMTok).toBe(2.5);
    expect(defaultCatalogue['gpt-4o'].capabilities.vision).toBe(true);
  });

  test('adds a complete new entry; the id may be left out', () => {
    const withoutId: Partial<ModelInfo> = { ...newModel };
    delete withoutId.id;
    const merged = mergeCatalogue(defaultCatalogue, { 'acme-1': withoutId });
    expect(merged['acme-1']).toEqual(newModel);
    expect(Object.isFrozen(merged)).toBe(true);
    expect(Object.isFrozen(merged['acme-1'])).toBe(true);
  });

  test('returns the base entries when there are no overrides', () => {
    expect(mergeCatalogue(defaultCatalogue, undefined)).toEqual(defaultCatalogue);
  });

  test('lists the missing fields of an incomplete new entry at its path', () => {
    const issues = issuesOf(() =>
      mergeCatalogue(defaultCatalogue, { 'acme-2': { provider: 'acme', inputPerMTok: 1 } }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('catalogue.acme-2');
    expect(issues[0].message).toMatch(
      /missing: outputPerMTok, contextWindow, maxOutputTokens, capabilities, quality, typicalLatencyMs/,
    );
  });

  test('names the path of an invalid value', () => {
    const issues = issuesOf(() =>
      mergeCatalogue(defaultCatalogue, { 'gpt-4.1': { inputPerMTok: -1, quality: 2 } }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'catalogue.gpt-4.1.inputPerMTok',
      'catalogue.gpt-4.1.quality',
    ]);
    expect(issues[0].message).toMatch(/USD ≥ 0.*received -1/);
  });

  test('suggests the right spelling of an unknown key', () => {
    const issues = issuesOf(() =>
      mergeCatalogue(defaultCatalogue, { 'gpt-4o': { inputPerMtok: 2 } as never }),
    );
    expect(issues).toEqual([
      {
        path: 'catalogue.gpt-4o.inputPerMtok',
        message: expect.stringContaining('did you mean "inputPerMTok"?'),
      },
    ]);
  });

  test('rejects an id that differs from its key, a bad id and a non-object', () => {
    expect(
      issuesOf(() => mergeCatalogue(defaultCatalogue, { 'gpt-4o': { id: 'gpt-4o-mini' } }))[0].path,
    ).toBe('catalogue.gpt-4o.id');
    expect(
      issuesOf(() =>
        mergeCatalogue(defaultCatalogue, JSON.parse('{"__proto__": {"inputPerMTok": 1}}')),
      )[0].path,
    ).toBe('catalogue.__proto__');
    expect(issuesOf(() => mergeCatalogue(defaultCatalogue, ['x'] as never))[0].path).toBe(
      'catalogue',
    );
    expect(
      issuesOf(() => mergeCatalogue(defaultCatalogue, { 'gpt-4o': 'cheap' as never }))[0].path,
    ).toBe('catalogue.gpt-4o');
  });
});
