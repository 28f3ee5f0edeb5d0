import { memoryStore } from '@modelmux/budgets';
import type { Store } from '@modelmux/core';
import { redisStore } from '@modelmux/redis';
import { ProviderFactory, type ProviderFactoryOptions } from 'modelmux';
import type { GatewayConfig } from './config/load-config.js';
import { createOpenAIHandler, type OpenAIHandler } from './handler-contract.js';
import { CostPredictor } from './keys/cost-predictor.js';
import { KeyLimits } from './keys/key-limits.js';
import { VirtualKeys } from './keys/virtual-keys.js';

/**
 * One generation of the gateway's working parts, built from one config: the store, the
 * factory, the handler, the keys. A reload builds a new one and retires the old one once the
 * requests it serves have finished.
 */
export interface Runtime {
  readonly config: GatewayConfig;
  readonly store: Store;
  readonly factory: ProviderFactory;
  readonly handler: OpenAIHandler;
  readonly keys: VirtualKeys;
  readonly keyLimits: KeyLimits;
  readonly predictor: CostPredictor;
  /** Counts a request in; `release()` counts it out. */
  retain(): void;
  release(): void;
  /** Closes once no request holds it (or at once with `force`). */
  retire(force?: boolean): Promise<void>;
}

/** Settings the config file cannot hold (objects, clocks, test seams). */
export interface RuntimeOptions {
  factoryOptions?: ProviderFactoryOptions;
  now?: () => number;
}

/** The store `store` in the config names: Redis for a fleet, else in memory. */
export function storeOf(config: GatewayConfig, onError: (error: unknown) => void): Store {
  const settings = config.modelmux.store;
  if (settings?.type === 'redis')
    return redisStore({
      url: settings.url,
      ...(settings.prefix !== undefined && { prefix: settings.prefix }),
      ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }),
      onError,
    });
  return memoryStore();
}

/**
 * Builds a runtime on `store` (which the caller owns and closes); throws (a `ConfigError`) when
 * the factory refuses the config.
 */
export function createRuntime(
  config: GatewayConfig,
  store: Store,
  options: RuntimeOptions = {},
): Runtime {
  const factory = new ProviderFactory(config.modelmux, { ...options.factoryOptions, store });
  const now = options.now ?? Date.now;
  const keyLimits = new KeyLimits(store, { now });
  let held = 0;
  let retiring: (() => void) | undefined;
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await keyLimits.close();
      await factory.close();
    })());
  return {
    config,
    store,
    factory,
    handler: createOpenAIHandler(factory, { maxBodyBytes: config.gateway.limits.maxBodyBytes }),
    keys: new VirtualKeys(store, { now }),
    keyLimits,
    predictor: new CostPredictor(factory),
    retain: () => void held++,
    release() {
      held--;
      if (held === 0) retiring?.();
    },
    async retire(force = false) {
      if (!force && held > 0) await new Promise<void>((resolve) => (retiring = resolve));
      await close();
    },
  };
}
