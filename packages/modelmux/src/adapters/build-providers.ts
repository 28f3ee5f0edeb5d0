import {
  assertProvider,
  ConfigError,
  type Env,
  getDefaultProviderRegistry,
  isBuiltInProviderType,
  type ModelCatalogue,
  type MultiLLMConfig,
  type Provider,
  providerEnvVars,
} from '@modelmux/core';
import { sharedPooledFetch } from '@modelmux/transport';
import type { AdapterNotInstalledError } from '../errors/adapter-not-installed-error.js';
import { builtInAdapters, type ImportPackage } from './built-in-adapters.js';
import { LazyProvider } from './lazy-provider.js';

/** One configured provider: the adapter (or its stand-in) and the routing settings of its entry. */
export interface ProviderEntry {
  provider: Provider;
  /** The model to use on it (config `model`; the provider's default when absent). */
  model: string | undefined;
  weight: number | undefined;
  quality: number | undefined;
  enabled: boolean;
}

/** Settings an adapter factory understands, from one `providers.<name>` entry. */
function adapterSettings(
  name: string,
  entry: MultiLLMConfig['providers'][string],
  catalogue: ModelCatalogue | undefined,
): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...entry.options, name };
  for (const key of [
    'apiKey',
    'baseURL',
    'model',
    'embeddingModel',
    'temperature',
    'maxTokens',
    'timeoutMs',
    'headers',
    'unknownPrice',
  ] as const) {
    if (entry[key] !== undefined) settings[key] = entry[key];
  }
  if (catalogue) settings['catalogue'] = catalogue;
  return settings;
}

/**
 * The `fetch` a built-in adapter made from settings gets: the user's own (`options.fetch` of the
 * entry) wins; else the factory's `fetch` option; else the process-wide pooled keep-alive fetch
 * of `@modelmux/transport`. `false` leaves each SDK on its own default. `@google/generative-ai`
 * (`sdk: 'legacy'`) always calls the global fetch and refuses one, so it is left alone.
 */
function withDefaultFetch(
  type: keyof typeof providerEnvVars,
  settings: Record<string, unknown>,
  fetch: typeof globalThis.fetch | false | undefined,
): Record<string, unknown> {
  if (fetch === false || settings['fetch'] !== undefined) return settings;
  if (type === 'google' && settings['sdk'] === 'legacy') return settings;
  settings['fetch'] = fetch ?? sharedPooledFetch();
  return settings;
}

/**
 * Whether an adapter of a built-in type will find a key or an endpoint, before it is loaded: a
 * key in the settings or its environment variable, or a custom `baseURL` (local servers and
 * proxies need no key). Once loaded, the adapter's own `isAvailable()` decides.
 */
function isConfigured(
  type: keyof typeof providerEnvVars,
  entry: MultiLLMConfig['providers'][string],
  env: Env,
): boolean {
  if (entry.apiKey !== undefined || entry.baseURL !== undefined) return true;
  return providerEnvVars[type].apiKey.some((name) => Boolean(env[name]?.trim()));
}

/**
 * Turns the config's providers into `Provider`s: instances are checked against the contract and
 * used as they are; settings of a type registered in core's registry are created now; settings of
 * a built-in type become a `LazyProvider` that imports `@modelmux/<type>` on first use.
 */
export function buildProviders(options: {
  config: MultiLLMConfig;
  instances: ReadonlyMap<string, Provider>;
  catalogue: ModelCatalogue | undefined;
  importPackage: ImportPackage;
  env: Env;
  /** The factory's `fetch` option (see `withDefaultFetch`). */
  fetch?: typeof globalThis.fetch | false;
  /** Told when a built-in adapter's package turns out not to be installed. */
  onNotInstalled?: (error: AdapterNotInstalledError) => void;
}): ProviderEntry[] {
  const { config, instances, catalogue } = options;
  const registry = getDefaultProviderRegistry();
  return Object.entries(config.providers).map(([name, entry]) => {
    const instance = instances.get(name);
    let provider: Provider;
    if (instance) {
      assertProvider(instance, `providers.${name}`);
      if (instance.name !== name)
        throw new ConfigError({
          issues: [
            {
              path: `providers.${name}`,
              message: `the provider instance is named "${instance.name}": create it with name: '${name}' or use the key '${instance.name}'`,
            },
          ],
        });
      provider = instance;
    } else if (registry.has(entry.type)) {
      provider = registry.create(entry.type, adapterSettings(name, entry, catalogue));
    } else if (isBuiltInProviderType(entry.type)) {
      provider = new LazyProvider({
        name,
        type: entry.type,
        adapter: builtInAdapters[entry.type],
        settings: withDefaultFetch(
          entry.type,
          adapterSettings(name, entry, catalogue),
          options.fetch,
        ),
        configured: isConfigured(entry.type, entry, options.env),
        importPackage: options.importPackage,
        ...(options.onNotInstalled !== undefined && { onNotInstalled: options.onNotInstalled }),
      });
    } else {
      throw new ConfigError({
        issues: [
          {
            path: `providers.${name}.type`,
            message: `no adapter for type "${entry.type}": use one of openai, anthropic, google, groq, register one with registerProvider('${entry.type}', factory) from @modelmux/core, or pass a Provider instance`,
          },
        ],
      });
    }
    return {
      provider,
      model: instance ? undefined : entry.model,
      weight: entry.weight,
      quality: entry.quality,
      enabled: entry.enabled,
    };
  });
}
