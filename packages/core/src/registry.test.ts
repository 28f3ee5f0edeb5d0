import { describe, expect, test, vi } from 'vitest';
import { fakeProvider } from './__fixtures__/fakes.js';
import { ConfigError, type ConfigIssue } from './errors/config-error.js';
import type { Provider } from './provider.js';
import { assertProvider } from './registry-assert-provider.js';
import {
  createProvider,
  createProviderRegistry,
  getDefaultProviderRegistry,
  registerProvider,
  type ProviderSettings,
} from './registry.js';

function issuesOf(fn: () => unknown): readonly ConfigIssue[] {
  try {
    fn();
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('createProviderRegistry', () => {
  test('creates providers from registered factories, passing the settings and the name', () => {
    const registry = createProviderRegistry();
    const seen: (ProviderSettings & { name: string })[] = [];
    registry.register('acme', (settings) => {
      seen.push(settings);
      return fakeProvider(settings.name, 'acme');
    });
    const first = registry.create('acme', { apiKey: 'k-123456', model: 'acme-1' });
    const second = registry.create('acme', { name: 'acme-eu', baseURL: 'http://127.0.0.1:9' });
    expect(first.name).toBe('acme');
    expect(second.name).toBe('acme-eu');
    expect(seen).toEqual([
      { apiKey: 'k-123456', model: 'acme-1', name: 'acme' },
      { baseURL: 'http://127.0.0.1:9', name: 'acme-eu' },
    ]);
    expect(registry.has('acme')).toBe(true);
    expect(registry.has('other')).toBe(false);
  });

  test('lists types in registration order', () => {
    const registry = createProviderRegistry();
    registry.register('b-vendor', (s) => fakeProvider(s.name));
    registry.register('a-vendor', (s) => fakeProvider(s.name));
    expect(registry.types()).toEqual(['b-vendor', 'a-vendor']);
  });

  test.each([[''], ['Acme'], ['my vendor'], ['1vendor'], ['a'.repeat(65)], [42], [undefined]])(
    'rejects the type %j',
    (type) => {
      const registry = createProviderRegistry();
      expect(
        issuesOf(() => registry.register(type as string, (s) => fakeProvider(s.name))),
      ).toEqual([
        { path: 'type', message: expect.stringMatching(/invalid provider type.*lowercase/) },
      ]);
      expect(registry.types()).toEqual([]);
    },
  );

  test.each([[null], ['factory'], [{ create: () => null }]])(
    'rejects the factory %j',
    (factory) => {
      const registry = createProviderRegistry();
      expect(issuesOf(() => registry.register('acme', factory as never))).toEqual([
        { path: 'factory', message: expect.stringMatching(/expected a function/) },
      ]);
      expect(registry.has('acme')).toBe(false);
    },
  );

  test('rejects a duplicate type unless override is set', () => {
    const registry = createProviderRegistry();
    registry.register('acme', (s) => fakeProvider(s.name, 'v1'));
    expect(
      issuesOf(() => registry.register('acme', (s) => fakeProvider(s.name, 'v2')))[0].message,
    ).toMatch(/already registered.*override: true/);
    expect(registry.create('acme').type).toBe('v1');
    registry.register('acme', (s) => fakeProvider(s.name, 'v2'), { override: true });
    expect(registry.create('acme').type).toBe('v2');
  });

  test('an unknown type names the registered ones', () => {
    const registry = createProviderRegistry();
    registry.register('openai', (s) => fakeProvider(s.name));
    expect(issuesOf(() => registry.create('groq'))).toEqual([
      {
        path: 'type',
        message: expect.stringMatching(
          /no provider type "groq" is registered \(registered: openai\)/,
        ),
      },
    ]);
  });

  test('the message says exactly what to call: the official factory for a built-in type', () => {
    const registry = createProviderRegistry();
    expect(() => registry.create('anthropic')).toThrow(
      "register it first: import { createAnthropic } from '@modelmux/anthropic'; registerProvider('anthropic', createAnthropic)",
    );
    expect(() => registry.create('acme')).toThrow(
      "register it first: registerProvider('acme', yourFactory)",
    );
  });

  test('rejects what a factory returns when it breaks the contract, listing each member', () => {
    const registry = createProviderRegistry();
    registry.register(
      'broken',
      () =>
        ({
          specificationVersion: 'v2',
          name: 'broken',
          type: '',
          stream: 'no',
          isAvailable: () => true,
          embed: 5,
        }) as never,
    );
    expect(issuesOf(() => registry.create('broken'))).toEqual([
      { path: 'provider.specificationVersion', message: expect.stringMatching(/expected 'v1'/) },
      { path: 'provider.type', message: 'expected a non-empty string' },
      { path: 'provider.defaultModel', message: 'expected a non-empty string' },
      { path: 'provider.generate', message: 'expected a function' },
      { path: 'provider.stream', message: 'expected a function' },
      { path: 'provider.embed', message: 'expected a function when present' },
    ]);
    registry.register('nothing', () => undefined as never);
    expect(issuesOf(() => registry.create('nothing'))).toEqual([
      { path: 'provider', message: expect.stringMatching(/expected an object/) },
    ]);
  });

  test('the error message says which factory failed', () => {
    const registry = createProviderRegistry();
    registry.register('broken', (s) => ({ ...fakeProvider(s.name), generate: undefined }) as never);
    expect(() => registry.create('broken', { name: 'mine' })).toThrow(
      /factory for provider type "broken" returned an invalid provider for "mine":\n {2}- provider.generate: expected a function/,
    );
  });

  test('rejects a provider that ignores the name it was given', () => {
    const registry = createProviderRegistry();
    registry.register('acme', () => fakeProvider('something-else'));
    expect(issuesOf(() => registry.create('acme', { name: 'acme-eu' }))).toEqual([
      { path: 'provider.name', message: expect.stringMatching(/expected "acme-eu"/) },
    ]);
  });

  test("passes a factory's own errors through", () => {
    const registry = createProviderRegistry();
    const failure = new ConfigError({ issues: [{ path: 'apiKey', message: 'required' }] });
    registry.register('acme', () => {
      throw failure;
    });
    expect(() => registry.create('acme')).toThrow(failure);
  });
});

describe('assertProvider', () => {
  test('accepts a valid provider, optional members included', () => {
    const provider = {
      ...fakeProvider('x'),
      embed: async () => ({}) as never,
      healthCheck: async () => ({}) as never,
    };
    expect(() => assertProvider(provider)).not.toThrow();
  });

  test('throws a ConfigError listing each problem', () => {
    const value: unknown = { ...fakeProvider('x'), name: '', healthCheck: true };
    expect(() => assertProvider(value)).toThrow(
      /provider.name: expected a non-empty string\n {2}- provider.healthCheck: expected a function when present/,
    );
  });

  test('narrows the type', () => {
    const value: unknown = fakeProvider('x');
    assertProvider(value);
    const provider: Provider = value;
    expect(provider.isAvailable()).toBe(true);
  });
});

describe('the default registry', () => {
  test('registerProvider and createProvider use it', () => {
    registerProvider('default-registry-test', (s) => fakeProvider(s.name, 'default-registry-test'));
    expect(getDefaultProviderRegistry().has('default-registry-test')).toBe(true);
    expect(createProvider('default-registry-test', { name: 'dr' }).name).toBe('dr');
  });

  test('is shared by a second copy of the module', async () => {
    registerProvider('shared-registry-test', (s) => fakeProvider(s.name));
    vi.resetModules();
    const copy = await import('./registry.js');
    expect(copy.createProviderRegistry).not.toBe(createProviderRegistry);
    expect(copy.getDefaultProviderRegistry()).toBe(getDefaultProviderRegistry());
    expect(copy.createProvider('shared-registry-test').name).toBe('shared-registry-test');
  });
});
