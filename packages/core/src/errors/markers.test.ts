import { describe, expect, test, vi } from 'vitest';
import { AllProvidersFailedError } from './all-providers-failed-error.js';
import { BudgetExceededError } from './budget-exceeded-error.js';
import { CircuitOpenError } from './circuit-open-error.js';
import { ConfigError } from './config-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { ModelmuxError } from './modelmux-error.js';
import { NoProviderAvailableError } from './no-provider-available-error.js';
import { ProviderError } from './provider-error.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';

/** A second copy of the error classes, as when two versions of @modelmux/core are installed. */
async function secondCopy() {
  vi.resetModules();
  const [base, provider, config] = await Promise.all([
    import('./modelmux-error.js'),
    import('./provider-error.js'),
    import('./config-error.js'),
  ]);
  return {
    ModelmuxError: base.ModelmuxError,
    ProviderError: provider.ProviderError,
    ConfigError: config.ConfigError,
  };
}

describe('error markers across two copies of the package', () => {
  test('instanceof fails across copies; isInstance works', async () => {
    const copy = await secondCopy();
    expect(copy.ProviderError).not.toBe(ProviderError);
    const foreign = new copy.ProviderError({
      kind: 'rate_limit',
      provider: 'openai',
      message: 'slow down',
    });
    expect(foreign instanceof ProviderError).toBe(false);
    expect(foreign instanceof ModelmuxError).toBe(false);
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(ModelmuxError.isInstance(foreign)).toBe(true);
    const local = new ProviderError({ kind: 'server', provider: 'groq', message: 'oops' });
    expect(copy.ProviderError.isInstance(local)).toBe(true);
    expect(copy.ModelmuxError.isInstance(local)).toBe(true);
  });

  test('a subclass check is false for the base class and for sibling classes, in either copy', async () => {
    const copy = await secondCopy();
    const plain = new copy.ModelmuxError({ name: 'ModelmuxError', message: 'x' });
    expect(ModelmuxError.isInstance(plain)).toBe(true);
    expect(ProviderError.isInstance(plain)).toBe(false);
    expect(
      ProviderError.isInstance(new ModelmuxError({ name: 'ModelmuxError', message: 'x' })),
    ).toBe(false);
    const config = new copy.ConfigError({ issues: [] });
    expect(ConfigError.isInstance(config)).toBe(true);
    expect(ProviderError.isInstance(config)).toBe(false);
    expect(
      copy.ConfigError.isInstance(
        new ProviderError({ kind: 'auth', provider: 'x', message: 'no' }),
      ),
    ).toBe(false);
  });

  test.each([
    [null],
    [undefined],
    ['ModelmuxProviderError'],
    [new Error('plain')],
    [{ name: 'ModelmuxProviderError', kind: 'rate_limit' }],
    [{ [Symbol.for('modelmux.error.ProviderError')]: 'yes' }],
  ])('is false for %j', (value) => {
    expect(ModelmuxError.isInstance(value)).toBe(false);
    expect(ProviderError.isInstance(value)).toBe(false);
  });

  test('every class recognises its own instances and only those', () => {
    const instances = [
      [ProviderError, new ProviderError({ kind: 'timeout', provider: 'p', message: 'm' })],
      [AllProvidersFailedError, new AllProvidersFailedError({ attempts: [] })],
      [BudgetExceededError, new BudgetExceededError({ scope: 'daily', limitUsd: 1 })],
      [CircuitOpenError, new CircuitOpenError({ provider: 'p' })],
      [NoProviderAvailableError, new NoProviderAvailableError({ excluded: [] })],
      [ConfigError, new ConfigError({ issues: [] })],
      [InvalidRequestError, new InvalidRequestError({ field: 'f', message: 'm' })],
      [StreamInterruptedError, new StreamInterruptedError({ provider: 'p', partialText: '' })],
    ] as const;
    for (const [cls, instance] of instances) {
      for (const [other, otherInstance] of instances)
        expect(cls.isInstance(otherInstance), `${cls.name}.isInstance(${other.name})`).toBe(
          cls === other,
        );
      expect(ModelmuxError.isInstance(instance)).toBe(true);
      expect(instance.name).toMatch(/^Modelmux/);
    }
  });
});
