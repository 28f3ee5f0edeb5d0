import {
  countRequestTokens,
  defaultCatalogue,
  type Env,
  type ChatRequest,
  mergeCatalogue,
  type ModelCatalogue,
  type MultiLLMConfig,
  type Provider,
  type Store,
} from '@modelmux/core';
import {
  type Budgets,
  createBudgets,
  memoryStore,
  type SharedProviderState,
  sharedProviderState,
} from '@modelmux/budgets';
import { createMetrics, type Metrics } from '@modelmux/metrics';
import {
  createFallbackExecutor,
  type FallbackExecutor,
  memoryProviderState,
} from '@modelmux/resilience';
import {
  anyOf,
  type Availability,
  createRouter,
  providerStateAvailability,
  type Router,
  SessionAffinity,
} from '@modelmux/router';
import {
  type ImportPackage,
  importPackage,
  isPackageMissing,
} from './adapters/built-in-adapters.js';
import { AdapterNotInstalledError } from './errors/adapter-not-installed-error.js';
import { buildProviders, type ProviderEntry } from './adapters/build-providers.js';
import { MissingAdapters } from './adapters/missing-adapters.js';
import { AvailabilityTracker } from './availability.js';
import { createResponseCache, type ResponseCache } from './cache/response-cache.js';
import { lazyStore } from './lazy-store.js';
import type { ProviderFactoryOptions } from './provider-factory-options.js';

/** Everything one factory runs on: the default wiring of the engine packages. */
export interface Stack {
  config: MultiLLMConfig;
  catalogue: ModelCatalogue;
  entries: ProviderEntry[];
  store: Store;
  executor: FallbackExecutor;
  metrics: Metrics;
  budgets: Budgets;
  router: Router;
  availability: AvailabilityTracker;
  /**
   * Cool-downs and unavailable marks shared through the store, when the store is shared beyond
   * this process (Redis): a 429 seen by one process makes every process skip that provider.
   */
  providerState: SharedProviderState | undefined;
  /** Session pins (config `sessionAffinity`), kept across router rebuilds. */
  affinity: SessionAffinity | undefined;
  /** The providers whose adapter package is not installed (the executor's state shows them). */
  missingAdapters: MissingAdapters;
  /** Why a provider is not usable now (breaker, cool-down, marks; shared ones included), O(1). */
  unavailableReason: (provider: string, model?: string) => string | undefined;
  cache: ResponseCache | undefined;
  now: () => number;
}

/** The store named by `config.store`: in memory by default, Redis through `@modelmux/redis`. */
function storeFromConfig(config: MultiLLMConfig, load: ImportPackage, now: () => number): Store {
  const settings = config.store;
  if (settings?.type === 'redis') {
    return lazyStore('redis', async () => {
      const packageName = '@modelmux/redis';
      let module: Record<string, unknown>;
      try {
        module = await load(packageName);
      } catch (error) {
        if (!isPackageMissing(error, packageName)) throw error;
        throw new AdapterNotInstalledError({
          provider: 'store',
          packageName,
          subject: "store: { type: 'redis' }",
          cause: error,
        });
      }
      const redisStore = module['redisStore'] as (options: {
        url: string;
        prefix?: string;
        timeoutMs?: number;
      }) => Store;
      return redisStore({
        url: settings.url,
        ...(settings.prefix !== undefined && { prefix: settings.prefix }),
        ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }),
      });
    });
  }
  return memoryStore({ now });
}

/** The names of the enabled providers in routing order: primary, fallbacks, then the rest. */
function orderedNames(config: MultiLLMConfig, enabled: readonly ProviderEntry[]): string[] {
  const names = enabled.map((e) => e.provider.name);
  const head = [config.primaryProvider, ...config.fallbackProviders].filter(
    (name): name is string => name !== undefined && names.includes(name),
  );
  return [...head, ...names.filter((name) => !head.includes(name))];
}

/** Builds the router over the enabled providers (again after `registerProvider`). */
export function buildRouter(stack: Omit<Stack, 'router'>, seed: number | undefined): Router {
  const { config } = stack;
  const enabled = stack.entries.filter((e) => e.enabled);
  return createRouter({
    providers: enabled.map((e) => ({
      provider: e.provider,
      ...(e.model !== undefined && { model: e.model }),
      ...(e.weight !== undefined && { weight: e.weight }),
      ...(e.quality !== undefined && { quality: e.quality }),
    })),
    strategy: config.routingStrategy,
    ...(config.primaryProvider !== undefined && { primary: config.primaryProvider }),
    fallbacks: config.fallbackProviders,
    ...(config.rules !== undefined && { rules: config.rules }),
    ...(config.experiments !== undefined && { experiments: config.experiments }),
    ...(seed !== undefined && { seed }),
    stats: stack.metrics,
    budget: stack.budgets.guard,
    availability: stack.unavailableReason,
    catalogue: stack.catalogue,
    now: stack.now,
    ...(stack.affinity && { sessionAffinity: stack.affinity }),
    ...(config.exploration !== undefined && { exploration: config.exploration }),
  });
}

/** Wires routing, resilience, metrics, budgets, the store and the cache from one parsed config. */
export function createStack(
  config: MultiLLMConfig,
  instances: ReadonlyMap<string, Provider>,
  options: ProviderFactoryOptions,
): Stack {
  const now = options.now ?? Date.now;
  const load = options.importPackage ?? importPackage;
  const env: Env = options.env ?? globalThis.process?.env ?? {};
  const catalogue = config.catalogue
    ? mergeCatalogue(defaultCatalogue, config.catalogue)
    : defaultCatalogue;
  const missingAdapters = new MissingAdapters(now);
  const entries = buildProviders({
    config,
    instances,
    catalogue: config.catalogue ? catalogue : undefined,
    importPackage: load,
    env,
    ...(options.fetch !== undefined && { fetch: options.fetch }),
    onNotInstalled: (error) => missingAdapters.add(error),
  });
  const enabled = entries.filter((e) => e.enabled);
  const store = options.store ?? storeFromConfig(config, load, now);

  const names = orderedNames(config, enabled);
  // A store shared across processes shares cool-downs and unavailable marks too (quota is per
  // account, not per process); breakers stay per process (see ARCHITECTURE.md).
  const shared =
    config.store?.type === 'redis' || (options.store && options.store.kind !== 'memory');
  const providerState = shared ? sharedProviderState(store, { providers: names, now }) : undefined;

  // The router counts a request's input tokens once, for its plan; the executor reuses that count.
  let countTokens: (request: ChatRequest<unknown>) => number = countRequestTokens;
  const executor = createFallbackExecutor({
    maxRetries: config.maxRetries,
    timeoutMs: config.timeoutMs,
    now,
    countTokens: (request) => countTokens(request),
    contextWindowOf: (_provider, model) => catalogue[model]?.contextWindow,
    store: missingAdapters.overlay(providerState ?? memoryProviderState()),
    ...(options.breaker !== undefined && { breaker: options.breaker }),
    ...(options.hedge !== undefined && { hedge: options.hedge }),
    ...options.backoff,
  });
  const budgets = createBudgets({
    store,
    costLimitPerRequest: config.costLimitPerRequest,
    ...(config.dailyCostLimit !== undefined && { dailyCostLimit: config.dailyCostLimit }),
    ...(config.monthlyCostLimit !== undefined && { monthlyCostLimit: config.monthlyCostLimit }),
    ...(config.costLimitPerUser !== undefined && { costLimitPerUser: config.costLimitPerUser }),
    ...(config.costLimitPerTag !== undefined && { costLimitPerTag: config.costLimitPerTag }),
    ...(config.rateLimits !== undefined && { rateLimits: config.rateLimits }),
    ...(config.store?.type === 'redis' &&
      config.store.onError !== undefined && { onStoreError: config.store.onError }),
    now,
  });
  const byName = new Map(enabled.map((e) => [e.provider.name, e.provider]));
  const metrics = createMetrics({
    executor,
    providers: names.map((name) => byName.get(name) as Provider),
    ...(names[0] !== undefined && { primary: config.primaryProvider ?? names[0] }),
    fallbacks: config.primaryProvider !== undefined ? config.fallbackProviders : names.slice(1),
    now,
    ...(options.logger !== undefined && { logger: options.logger }),
    ...(config.alerts !== undefined && { alerts: config.alerts }),
    defaultAlerts: config.defaultAlerts,
    alertIntervalMs: config.alertIntervalMs,
    ...(config.dailyCostLimit !== undefined && {
      dailyLimitUsd: (provider: string | undefined) =>
        provider === undefined
          ? config.dailyCostLimit?.global
          : config.dailyCostLimit?.perProvider[provider],
    }),
    budgetCheck: (provider) => budgets.guard.check(provider, undefined, undefined),
    ...(options.healthCheckIntervalMs !== undefined && {
      healthCheckIntervalMs: options.healthCheckIntervalMs,
    }),
  });
  const availability = new AvailabilityTracker(executor, now);
  const combined: Availability = providerState
    ? anyOf(providerStateAvailability(providerState, now), availability.reason)
    : availability.reason;
  const unavailableReason = (provider: string, model = ''): string | undefined =>
    combined(provider, model);
  const cache = config.cache
    ? createResponseCache({ config: config.cache, store, now })
    : undefined;
  const affinitySettings = config.sessionAffinity;
  const affinity =
    affinitySettings === undefined || affinitySettings === false
      ? undefined
      : new SessionAffinity(
          {
            ...(affinitySettings === true ? {} : affinitySettings),
            // A Redis store, or a store the caller passed in, shares the pins (a fleet agrees).
            ...((providerState !== undefined || options.store !== undefined) && { store }),
          },
          now,
        );
  const partial = {
    config,
    affinity,
    catalogue,
    entries,
    store,
    executor,
    metrics,
    budgets,
    availability,
    providerState,
    missingAdapters,
    unavailableReason,
    cache,
    now,
  };
  const stack: Stack = { ...partial, router: buildRouter(partial, options.seed) };
  countTokens = (request) => stack.router.countTokens(request);
  return stack;
}
