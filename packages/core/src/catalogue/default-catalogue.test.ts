import { describe, expect, test } from 'vitest';
import { defaultCatalogue } from './default-catalogue.js';
import { ModelInfoSchema } from './model-info-schema.js';

const entries = Object.entries(defaultCatalogue);

describe('defaultCatalogue', () => {
  test.each(entries)('%s is a valid entry keyed by its id', (id, info) => {
    expect(ModelInfoSchema.parse(info)).toEqual(info);
    expect(info.id).toBe(id);
  });

  test('has the current models of each vendor the task names', () => {
    const expected = {
      openai: [
        'gpt-5',
        'gpt-5-mini',
        'gpt-5-nano',
        'gpt-4.1',
        'gpt-4.1-mini',
        'gpt-4.1-nano',
        'gpt-4o',
        'gpt-4o-mini',
        'o3',
        'o4-mini',
        'text-embedding-3-small',
        'text-embedding-3-large',
      ],
      anthropic: [
        'claude-opus-4-1',
        'claude-sonnet-4-5',
        'claude-haiku-4-5',
        'claude-3-5-haiku-latest',
      ],
      google: [
        'gemini-2.5-pro',
        'gemini-2.5-flash',
        'gemini-2.5-flash-lite',
        'gemini-2.0-flash',
        'text-embedding-004',
        'gemini-embedding-001',
      ],
      groq: [
        'llama-3.3-70b-versatile',
        'llama-3.1-8b-instant',
        'openai/gpt-oss-120b',
        'openai/gpt-oss-20b',
      ],
      ollama: ['llama3.2', 'qwen2.5', 'nomic-embed-text'],
    };
    for (const [provider, ids] of Object.entries(expected)) {
      for (const id of ids) expect(defaultCatalogue[id]?.provider, id).toBe(provider);
    }
  });

  test('embedding models have dimensions and no output; chat models the reverse', () => {
    for (const [id, info] of entries) {
      if (info.capabilities.embeddings) {
        expect(info.dimensions, id).toBeGreaterThan(0);
        expect(info.maxOutputTokens, id).toBe(0);
        expect(info.outputPerMTok, id).toBe(0);
      } else {
        expect(info.dimensions, id).toBeUndefined();
        expect(info.maxOutputTokens, id).toBeGreaterThan(0);
        expect(info.maxOutputTokens, id).toBeLessThanOrEqual(info.contextWindow);
        expect(info.capabilities.streaming, id).toBe(true);
      }
    }
  });

  test('cached input is never dearer than input, and output never cheaper than input for paid chat models', () => {
    for (const [id, info] of entries) {
      if (info.cachedInputPerMTok !== undefined)
        expect(info.cachedInputPerMTok, id).toBeLessThanOrEqual(info.inputPerMTok);
      if (!info.capabilities.embeddings)
        expect(info.outputPerMTok, id).toBeGreaterThanOrEqual(info.inputPerMTok);
    }
  });

  test('local Ollama models are free; hosted chat models are not', () => {
    for (const [id, info] of entries) {
      if (info.provider === 'ollama') expect(info.inputPerMTok + info.outputPerMTok, id).toBe(0);
      else if (!info.capabilities.embeddings) expect(info.inputPerMTok, id).toBeGreaterThan(0);
    }
  });

  test('is frozen, entries and capabilities included', () => {
    const gpt = defaultCatalogue['gpt-4o'];
    expect(() => {
      (gpt as { inputPerMTok: number }).inputPerMTok = 0;
    }).toThrow(TypeError);
    expect(() => {
      (gpt.capabilities as { tools: boolean }).tools = false;
    }).toThrow(TypeError);
    expect(() => {
      (defaultCatalogue as Record<string, unknown>)['x'] = gpt;
    }).toThrow(TypeError);
  });
});
