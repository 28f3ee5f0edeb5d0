import type { UnknownPrice } from './price.js';
import type { ModelCatalogue } from './catalogue/model-info.js';
import { providerNamePattern, providerNameRule } from './config/names.js';
import { ConfigError } from './errors/config-error.js';
import type { Provider } from './provider.js';
import { providerIssues } from './registry-assert-provider.js';

/** The settings every adapter accepts; an adapter's own settings extend these. */
export interface ProviderSettings {
  apiKey?: string;
  baseURL?: string;
  /** The default chat model. */
  model?: string;
  /** The default embedding model. */
  embeddingModel?: string;
  /** The instance name (`openai`, `ollama`, `anthropic-eu`); defaults to the type. */
  name?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
  /** Prices and limits used for `costUsd`; the default catalogue when absent. */
  catalogue?: ModelCatalogue;
  /** What a model missing from the catalogue costs (see core's `UnknownPrice`). */
  unknownPrice?: UnknownPrice;
}

/** Creates a provider from settings; `name` is always set by the registry. */
export type CreateProvider<S extends ProviderSettings = ProviderSettings> = (
  settings: S & { name: string },
) => Provider;

/**
 * @deprecated Renamed `CreateProvider` (the `modelmux` package exports a class named
 * `ProviderFactory`).
 */
export type ProviderFactory<S extends ProviderSettings = ProviderSettings> = CreateProvider<S>;

/** Provider types and the factories that create them. */
export interface ProviderRegistry {
  /** Adds a factory; a duplicate type is rejected unless `override` is set. */
  register<S extends ProviderSettings>(
    type: string,
    factory: CreateProvider<S>,
    options?: { override?: boolean },
  ): void;
  /** Creates a provider of `type` (adapter-specific settings pass through), checked against the contract. */
  create(type: string, settings?: ProviderSettings & Record<string, unknown>): Provider;
  has(type: string): boolean;
  /** The registered types, in registration order. */
  types(): string[];
}

/** The factory each official adapter package exports, for the "not registered" message. */
const officialFactories: Record<string, [pkg: string, factory: string]> = {
  openai: ['@modelmux/openai', 'createOpenAI'],
  anthropic: ['@modelmux/anthropic', 'createAnthropic'],
  google: ['@modelmux/google', 'createGoogle'],
  groq: ['@modelmux/groq', 'createGroq'],
};

/**
 * What to call to register `type`. Adapters do not register themselves on import (they are
 * side-effect free, so bundlers can drop them): the caller registers the factory explicitly.
 */
function howToRegister(type: string): string {
  const official = officialFactories[type];
  const factory = official ? official[1] : 'yourFactory';
  const importLine = official ? `import { ${factory} } from '${official[0]}'; ` : '';
  return `register it first: ${importLine}registerProvider('${type}', ${factory})`;
}

function fail(path: string, message: string): never {
  throw new ConfigError({ issues: [{ path, message }] });
}

/** Creates an empty provider registry. */
export function createProviderRegistry(): ProviderRegistry {
  const factories = new Map<string, CreateProvider>();
  return {
    register(type, factory, options = {}) {
      if (typeof type !== 'string' || !providerNamePattern.test(type))
        fail(
          'type',
          `invalid provider type ${typeof type === 'string' ? JSON.stringify(type) : `(${typeof type})`}: ${providerNameRule}`,
        );
      if (typeof factory !== 'function')
        fail(
          'factory',
          `expected a function (settings) => Provider; received ${factory === null ? 'null' : typeof factory}`,
        );
      if (factories.has(type) && !options.override) {
        fail(
          'type',
          `provider type "${type}" is already registered: pass { override: true } to replace its factory`,
        );
      }
      factories.set(type, factory as CreateProvider);
    },
    create(type, settings = {}) {
      const factory = factories.get(type);
      if (!factory) {
        fail(
          'type',
          `no provider type "${type}" is registered (registered: ${[...factories.keys()].join(', ') || 'none'}): ${howToRegister(type)}`,
        );
      }
      const name = settings.name ?? type;
      const provider: unknown = factory({ ...settings, name });
      const issues = providerIssues(provider);
      const actualName = (provider as { name?: unknown } | null)?.name;
      if (issues.length === 0 && actualName !== name) {
        issues.push({
          path: 'provider.name',
          message: `expected "${name}", the name it was created with; received ${JSON.stringify(actualName)}`,
        });
      }
      if (issues.length > 0) {
        throw new ConfigError({
          issues,
          message: `The factory for provider type "${type}" returned an invalid provider for "${name}":\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
        });
      }
      return provider as Provider;
    },
    has: (type) => factories.has(type),
    types: () => [...factories.keys()],
  };
}

// One default registry per process, shared by every copy of @modelmux/core that is loaded.
const defaultRegistryKey = Symbol.for('modelmux.providerRegistry.v1');

/** The process-wide default registry used by `registerProvider` and `createProvider`. */
export function getDefaultProviderRegistry(): ProviderRegistry {
  const holder = globalThis as { [defaultRegistryKey]?: ProviderRegistry };
  return (holder[defaultRegistryKey] ??= createProviderRegistry());
}

/** Registers a provider factory in the default registry. */
export function registerProvider<S extends ProviderSettings>(
  type: string,
  factory: CreateProvider<S>,
  options?: { override?: boolean },
): void {
  getDefaultProviderRegistry().register(type, factory, options);
}

/** Creates a provider from the default registry, checked against the contract. */
export function createProvider(
  type: string,
  settings?: ProviderSettings & Record<string, unknown>,
): Provider {
  return getDefaultProviderRegistry().create(type, settings);
}
