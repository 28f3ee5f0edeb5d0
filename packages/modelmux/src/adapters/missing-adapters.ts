import type { ProviderRecord, ProviderStateStore } from '@modelmux/resilience';
import type { AdapterNotInstalledError } from '../errors/adapter-not-installed-error.js';

/**
 * The providers whose adapter package is not installed: a configuration fact of this process,
 * learnt when a provider is first loaded (a request or a health check). It is reported through
 * the executor's provider state as an unavailable mark that never expires, so every reader of
 * that state says the same thing: the executor skips the provider (its skip list, and the final
 * error's, names the `npm install` hint), its `status()` and so `getProviderStatus()` and
 * `getProviderInfo()` report it unavailable. It is never an attempt, and never shared through a
 * fleet's store (another process may have the package).
 */
export class MissingAdapters {
  private readonly errors = new Map<string, AdapterNotInstalledError>();
  private readonly records = new Map<string, ProviderRecord>();

  constructor(private readonly now: () => number) {}

  /** Records that `error.provider`'s package is not installed (idempotent). */
  add(error: AdapterNotInstalledError): void {
    if (this.errors.has(error.provider)) return;
    this.errors.set(error.provider, error);
    this.records.set(error.provider, {
      coolDownUntil: 0,
      coolDownKind: undefined,
      unavailable: {
        kind: 'not_found',
        reason: `${error.packageName} is not installed: npm install ${error.packageName}`,
        since: this.now(),
        until: Infinity,
      },
      unavailableModels: undefined,
    });
  }

  /** The error of a provider whose package is not installed, or undefined. O(1). */
  get(provider: string): AdapterNotInstalledError | undefined {
    return this.errors.get(provider);
  }

  /**
   * `store` with the not-installed marks laid over it: reads of a missing provider return its
   * mark, everything else (and every write) goes to `store`. `clear()` cannot forget a missing
   * package: installing it and restarting does.
   */
  overlay(store: ProviderStateStore): ProviderStateStore {
    const records = this.records;
    return {
      get: (provider) => records.get(provider) ?? store.get(provider),
      coolDown: (provider, until, kind) => store.coolDown(provider, until, kind),
      markUnavailable: (provider, mark, model) => store.markUnavailable(provider, mark, model),
      clear: (provider) => store.clear(provider),
      *providers() {
        yield* records.keys();
        for (const name of store.providers()) if (!records.has(name)) yield name;
      },
    };
  }
}
