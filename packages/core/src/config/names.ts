/** The provider types with an official adapter; a provider named like one defaults to that type. */
export const builtInProviderTypes = ['openai', 'anthropic', 'google', 'groq'] as const;

/** One of the built-in provider types. */
export type BuiltInProviderType = (typeof builtInProviderTypes)[number];

/** True when `name` is one of the built-in provider types. */
export function isBuiltInProviderType(name: string): name is BuiltInProviderType {
  return (builtInProviderTypes as readonly string[]).includes(name);
}

/** Provider instance names and types: lowercase letters, digits, `-` or `_`, starting with a letter. */
export const providerNamePattern = /^[a-z][a-z0-9_-]{0,63}$/;

/** How to write a valid provider name, for error messages. */
export const providerNameRule =
  "use 1-64 lowercase letters, digits, '-' or '_', starting with a letter (e.g. 'openai', 'anthropic-eu')";

/**
 * The routing strategies the config accepts. To add one, append its name here and teach the
 * router about it; the schema, type and docs follow from this list.
 */
export const routingStrategies = [
  'cost',
  'latency',
  'quality',
  'manual',
  'least-busy',
  'weighted',
  'round-robin',
  'complexity',
  'adaptive',
] as const;

/** A routing strategy name. */
export type RoutingStrategyName = (typeof routingStrategies)[number];
