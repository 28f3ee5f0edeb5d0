import { InvalidArgumentError } from '@ai-sdk/provider';
import { type RequestMetadata, routingStrategies } from '@modelmux/core';

/** `providerOptions.modelmux` of a call: routing overrides and the caller's metadata. */
export interface ModelmuxCallOptions {
  /** Routing strategy for this call (`'cost'`, `'quality'`, …). */
  strategy?: string;
  /** The caller, for per-user budgets, rate limits and A/B variants. */
  userId?: string;
  /** Tags for per-tag budgets and routing rules. */
  tags?: string[];
  /** More routing metadata (never sent to a provider). */
  metadata?: Record<string, unknown>;
  /** This request's id (default: a random UUID); `providerMetadata.modelmux.requestId`. */
  requestId?: string;
}

function fail(field: string, message: string): never {
  throw new InvalidArgumentError({
    argument: `providerOptions.modelmux.${field}`,
    message: `providerOptions.modelmux.${field} ${message}`,
  });
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) fail(field, 'must be a non-empty string');
  return value;
}

/** Reads and checks `providerOptions.modelmux`; a bad field is `InvalidArgumentError` naming it. */
export function readModelmuxOptions(value: unknown): {
  strategy?: string;
  requestId?: string;
  metadata?: RequestMetadata;
} {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidArgumentError({
      argument: 'providerOptions.modelmux',
      message:
        'providerOptions.modelmux must be an object: { strategy?, userId?, tags?, metadata?, requestId? }',
    });
  const options = value as Record<string, unknown>;
  const known = ['strategy', 'userId', 'tags', 'metadata', 'requestId'];
  for (const key of Object.keys(options))
    if (!known.includes(key)) fail(key, `is not an option: use ${known.join(', ')}`);
  const strategy = optionalString(options['strategy'], 'strategy');
  if (strategy !== undefined && !(routingStrategies as readonly string[]).includes(strategy))
    fail('strategy', `must be one of ${routingStrategies.join(', ')}; received "${strategy}"`);
  const requestId = optionalString(options['requestId'], 'requestId');
  const userId = optionalString(options['userId'], 'userId');
  const tags = options['tags'];
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')))
    fail('tags', 'must be an array of strings');
  const extra = options['metadata'];
  if (extra !== undefined && (typeof extra !== 'object' || extra === null || Array.isArray(extra)))
    fail('metadata', 'must be an object');
  const metadata: RequestMetadata = {
    ...(extra as Record<string, unknown> | undefined),
    ...(userId !== undefined && { userId }),
    ...(tags !== undefined && { tags: tags as string[] }),
  };
  return {
    ...(strategy !== undefined && { strategy }),
    ...(requestId !== undefined && { requestId }),
    ...(Object.keys(metadata).length > 0 && { metadata }),
  };
}
