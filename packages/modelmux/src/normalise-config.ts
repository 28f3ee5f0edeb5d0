import {
  type MultiLLMConfig,
  type MultiLLMConfigInput,
  parseConfig,
  type Provider,
} from '@modelmux/core';

/** A config as the factory takes it: providers may be adapter instances as well as settings. */
export type FactoryConfigInput = Omit<MultiLLMConfigInput, 'providers'> & {
  providers?: Record<string, NonNullable<MultiLLMConfigInput['providers']>[string] | Provider>;
};

function isProviderInstance(value: unknown): value is Provider {
  return (
    typeof value === 'object' &&
    value !== null &&
    ('specificationVersion' in value ||
      typeof (value as { generate?: unknown }).generate === 'function')
  );
}

/**
 * Splits adapter instances out of the config, validates the rest with core's `parseConfig`
 * (instances stand in as `{ type }` so the cross-field checks still see their names), and
 * returns both. Errors are core's `ConfigError`, naming each path.
 */
export function normaliseConfig(input: unknown): {
  config: MultiLLMConfig;
  instances: Map<string, Provider>;
} {
  const instances = new Map<string, Provider>();
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { config: parseConfig(input), instances };
  }
  const raw = input as { providers?: unknown };
  let providers = raw.providers;
  if (providers && typeof providers === 'object' && !Array.isArray(providers)) {
    const entries = Object.entries(providers as Record<string, unknown>).map(([name, value]) => {
      if (!isProviderInstance(value)) return [name, value];
      instances.set(name, value);
      const type = typeof value.type === 'string' && value.type !== '' ? value.type : name;
      return [name, { type }];
    });
    providers = Object.fromEntries(entries);
  }
  return { config: parseConfig({ ...raw, providers }), instances };
}
