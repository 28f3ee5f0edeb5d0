import { emptyUsage, type Provider, specificationVersion } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { AdapterNotInstalledError } from '../errors/adapter-not-installed-error.js';
import { builtInAdapters, type ImportPackage } from './built-in-adapters.js';
import { LazyProvider } from './lazy-provider.js';

function inner(name: string, available = true): Provider {
  return {
    specificationVersion,
    name,
    type: 'openai',
    defaultModel: 'm',
    isAvailable: () => available,
    generate: () =>
      Promise.resolve({
        text: 'hi',
        toolCalls: [],
        finishReason: 'stop',
        usage: emptyUsage(),
        provider: name,
        model: 'm',
        latencyMs: 0,
        costUsd: 0,
      }),
    // eslint-disable-next-line require-yield -- not streamed here
    async *stream() {
      throw new Error('unused');
    },
  };
}

const request = { messages: [{ role: 'user' as const, content: 'Hi' }] };

function lazy(importPackage: ImportPackage, type: 'openai' | 'anthropic' = 'openai') {
  return new LazyProvider({
    name: 'main',
    type,
    adapter: builtInAdapters[type],
    settings: { name: 'main', model: 'custom-model' },
    configured: true,
    importPackage,
  });
}

describe('LazyProvider', () => {
  test('stands in with the config until used, imports once, then delegates', async () => {
    let imports = 0;
    const created: unknown[] = [];
    const provider = lazy(() => {
      imports++;
      return Promise.resolve({
        createOpenAI: (settings: unknown) => {
          created.push(settings);
          return inner('main', false);
        },
      });
    });
    expect(provider.defaultModel).toBe('custom-model');
    expect(provider.defaultEmbeddingModel).toBe(builtInAdapters.openai.defaultEmbeddingModel);
    expect(typeof provider.embed).toBe('function');
    expect(provider.isAvailable()).toBe(true);
    expect(imports).toBe(0);
    await Promise.all([provider.generate(request), provider.generate(request)]);
    expect(imports).toBe(1);
    expect(created).toEqual([{ name: 'main', model: 'custom-model' }]);
    expect(provider.isAvailable()).toBe(false); // the adapter's own answer now
  });

  test('no embed member for vendors without embeddings', () => {
    expect(lazy(() => Promise.resolve({}), 'anthropic').embed).toBeUndefined();
  });

  test('a missing package is AdapterNotInstalledError, remembered; other import failures are retried', async () => {
    let calls = 0;
    const missing = lazy(() => {
      calls++;
      return Promise.reject(new Error("Cannot find package '@modelmux/openai' imported from x"));
    });
    await expect(missing.generate(request)).rejects.toSatisfy(AdapterNotInstalledError.isInstance);
    await expect(missing.generate(request)).rejects.toThrow(/npm install @modelmux\/openai/);
    expect(calls).toBe(1);

    let attempts = 0;
    const flaky = lazy(() =>
      ++attempts === 1
        ? Promise.reject(new Error('EMFILE: too many open files'))
        : Promise.resolve({ createOpenAI: () => inner('main') }),
    );
    await expect(flaky.generate(request)).rejects.toThrow(/EMFILE/);
    await expect(flaky.generate(request)).resolves.toMatchObject({ text: 'hi' });
  });

  test('a package without the factory export is reported as not installed (wrong package)', async () => {
    const provider = lazy(() => Promise.resolve({ somethingElse: 1 }));
    await expect(provider.generate(request)).rejects.toSatisfy(AdapterNotInstalledError.isInstance);
  });
});
