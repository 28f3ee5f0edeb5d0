import { defaultAnthropicModel } from '@modelmux/anthropic';
import { defaultGoogleEmbeddingModel, defaultGoogleModel } from '@modelmux/google';
import { defaultGroqModel } from '@modelmux/groq';
import { defaultOpenAIEmbeddingModel, defaultOpenAIModel } from '@modelmux/openai';
import { describe, expect, test } from 'vitest';
import { builtInAdapters, isPackageMissing } from './built-in-adapters.js';

describe('builtInAdapters', () => {
  test("the default models match each adapter's own constants", () => {
    expect(builtInAdapters.openai.defaultModel).toBe(defaultOpenAIModel);
    expect(builtInAdapters.openai.defaultEmbeddingModel).toBe(defaultOpenAIEmbeddingModel);
    expect(builtInAdapters.anthropic.defaultModel).toBe(defaultAnthropicModel);
    expect(builtInAdapters.google.defaultModel).toBe(defaultGoogleModel);
    expect(builtInAdapters.google.defaultEmbeddingModel).toBe(defaultGoogleEmbeddingModel);
    expect(builtInAdapters.groq.defaultModel).toBe(defaultGroqModel);
  });

  test('each package exports the named factory', async () => {
    for (const adapter of Object.values(builtInAdapters)) {
      const module = (await import(adapter.packageName)) as Record<string, unknown>;
      expect(typeof module[adapter.factoryExport]).toBe('function');
    }
  });
});

describe('isPackageMissing', () => {
  test('true only when the package itself is missing, not one of its dependencies', async () => {
    const error = await import('@modelmux/not-a-package' as string).catch((e: unknown) => e);
    expect(isPackageMissing(error, '@modelmux/not-a-package')).toBe(true);
    const nested = new Error(
      "Cannot find package 'openai' imported from /x/@modelmux/openai/dist/index.js",
    );
    expect(isPackageMissing(nested, '@modelmux/openai')).toBe(false);
    expect(isPackageMissing(undefined, '@modelmux/openai')).toBe(false);
  });
});
