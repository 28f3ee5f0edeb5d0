// A provider whose adapter package is not installed is a configuration fact: reported once,
// with the `npm install` hint, by the final error, the status readers and a pinned call; never
// an attempt. The real adapters of the installed packages answer from the fakes.
import { AllProvidersFailedError } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';
import { AdapterNotInstalledError, type FactoryConfigInput } from '../index.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const hint = 'npm install @modelmux/anthropic';

/** A factory where `@modelmux/anthropic` is not installed; counts its import attempts. */
function withoutAnthropic(config: Partial<FactoryConfigInput> = {}) {
  const imports = { anthropic: 0 };
  const factory = make(
    {
      providers: providersFor(fake, ['openai', 'anthropic', 'groq']),
      ...config,
    },
    {
      importPackage: (specifier) => {
        if (specifier !== '@modelmux/anthropic') return import(specifier);
        imports.anthropic++;
        return Promise.reject(
          Object.assign(new Error(`Cannot find package '${specifier}' imported from x`), {
            code: 'ERR_MODULE_NOT_FOUND',
          }),
        );
      },
    },
  );
  return { factory, imports };
}

describe('a provider whose adapter package is not installed', () => {
  test('when the others fail, the final error lists it as skipped with the install hint', async () => {
    const { factory } = withoutAnthropic({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic', 'groq'],
      maxRetries: 0,
    });
    fake.script('openai', [{ status: 500 }]);
    fake.script('groq', [{ status: 500 }]);
    const error = await factory
      .getProvider()
      .invoke('Hi')
      .catch((e: unknown) => e);
    expect(AllProvidersFailedError.isInstance(error)).toBe(true);
    const failed = error as AllProvidersFailedError;
    expect(failed.message).toContain(hint);
    const skipped = failed.attempts.find((a) => a.provider === 'anthropic');
    expect(skipped?.message).toBe(
      `skipped: unavailable: @modelmux/anthropic is not installed: ${hint}`,
    );
    expect(failed.attempts.map((a) => a.provider)).toEqual(['openai', 'anthropic', 'groq']);
    expect([fake.count('openai'), fake.count('anthropic'), fake.count('groq')]).toEqual([1, 0, 1]);
  });

  test('when it is the only candidate, the request fails with its AdapterNotInstalledError', async () => {
    const { factory } = withoutAnthropic({ providers: providersFor(fake, ['anthropic']) });
    await expect(factory.getProvider().invoke('Hi')).rejects.toSatisfy(
      AdapterNotInstalledError.isInstance,
    );
    expect(fake.count()).toBe(0);
  });

  test('when the primary is missing, results carry only real calls (no phantom attempt)', async () => {
    const { factory, imports } = withoutAnthropic({
      primaryProvider: 'anthropic',
      fallbackProviders: ['openai'],
    });
    for (let i = 0; i < 3; i++) {
      const result = await factory.getProvider().invoke('Hi');
      expect(result.provider).toBe('openai');
      expect(result.attempts).toEqual([expect.objectContaining({ provider: 'openai', ok: true })]);
    }
    const streamed: string[] = [];
    for await (const event of factory.getProvider().stream('Hi'))
      if (event.type === 'finish') streamed.push(event.provider);
    expect(streamed).toEqual(['openai']);
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([4, 0]);
    // Tried once per process: a missing package stays missing.
    expect(imports.anthropic).toBe(1);
  });

  test('status, info, availability and health report it unavailable with the hint', async () => {
    const { factory } = withoutAnthropic({
      primaryProvider: 'anthropic',
      fallbackProviders: ['openai'],
    });
    const health = await factory.healthCheck();
    expect(health['anthropic']).toMatchObject({ status: 'unhealthy' });
    expect(health['anthropic']?.error).toContain(hint);
    expect(health['openai']).toMatchObject({ status: 'healthy' });

    const status = factory.getProviderStatus();
    expect(status.providers['anthropic']?.available).toBe(false);
    expect(status.providers['anthropic']?.reasons).toEqual([
      expect.objectContaining({ code: 'unavailable', message: expect.stringContaining(hint) }),
    ]);
    expect(status.current).toBe('openai');
    expect(factory.getProviderInfo('anthropic').available).toBe(false);
    expect(factory.getProviderInfo('openai').available).toBe(true);
    expect(factory.getAvailability()).toEqual({ anthropic: false, openai: true, groq: true });
    expect(fake.count('anthropic')).toBe(0);
  });

  test("getProvider('anthropic') fails with AdapterNotInstalledError, not another provider's answer", async () => {
    const { factory } = withoutAnthropic({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic', 'groq'],
    });
    for (let i = 0; i < 2; i++) {
      const error = await factory
        .getProvider('anthropic')
        .invoke('Hi')
        .catch((e: unknown) => e);
      expect(AdapterNotInstalledError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(hint);
    }
    const stream = factory.getProvider('anthropic').stream('Hi');
    await expect(
      (async () => {
        for await (const event of stream) void event;
      })(),
    ).rejects.toSatisfy(AdapterNotInstalledError.isInstance);
    expect(fake.count()).toBe(0);
    // The others still answer.
    expect((await factory.getProvider().invoke('Hi')).provider).toBe('openai');
  });

  test('the only candidate left (the others cooling down) is missing: its AdapterNotInstalledError', async () => {
    const { factory } = withoutAnthropic({
      primaryProvider: 'anthropic',
      fallbackProviders: ['openai'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
    });
    fake.script('openai', [{ status: 429, retryAfter: 60 }]);
    const first = await factory
      .getProvider()
      .invoke('Hi')
      .catch((e: unknown) => e);
    expect(AllProvidersFailedError.isInstance(first)).toBe(true);
    expect((first as Error).message).toContain(hint);
    const error = await factory
      .getProvider()
      .invoke('Hi')
      .catch((e: unknown) => e);
    expect(AdapterNotInstalledError.isInstance(error)).toBe(true);
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 0]);
  });
});
