import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { redactSecrets } from '../redact.js';
import { checkConfig, type CheckedConfig } from './config-checks.js';
import { formatPath, toConfigIssues, type KnownKeys } from './config-issues.js';
import {
  configKeys,
  MultiLLMConfigSchema,
  providerConfigKeys,
  type MultiLLMConfig,
} from './config-schema.js';
import { costLimitKeys } from './cost-limit-schema.js';
import { cacheKeys } from './cache-schema.js';
import { hooksKeys } from './hooks-schema.js';
import { experimentKeys, routingRuleKeys } from './routing-schema.js';

const knownKeys: KnownKeys = (path) => {
  if (path.length === 0) return configKeys;
  if (path.length === 2 && path[0] === 'providers') return providerConfigKeys;
  if (path.length === 1 && (path[0] === 'dailyCostLimit' || path[0] === 'monthlyCostLimit'))
    return costLimitKeys;
  if (path.length === 1 && path[0] === 'cache') return cacheKeys;
  if (path.length === 1 && path[0] === 'hooks') return hooksKeys;
  if (path.length === 2 && path[0] === 'rules') return routingRuleKeys;
  if (path.length === 2 && path[0] === 'experiments') return experimentKeys;
  return undefined;
};

/** Every API key and header value in a raw config, so that no error message can echo one. */
function secretsOf(input: unknown): string[] {
  const secrets: string[] = [];
  const providers =
    input && typeof input === 'object' ? (input as { providers?: unknown }).providers : undefined;
  if (!providers || typeof providers !== 'object') return secrets;
  for (const provider of Object.values(providers)) {
    if (!provider || typeof provider !== 'object') continue;
    const { apiKey, headers } = provider as { apiKey?: unknown; headers?: unknown };
    if (typeof apiKey === 'string') secrets.push(apiKey.trim(), apiKey);
    if (headers && typeof headers === 'object')
      for (const value of Object.values(headers))
        if (typeof value === 'string') secrets.push(value);
  }
  return secrets;
}

/** Options for `parseConfig`. */
export interface ParseConfigOptions {
  /** The provider types that can be created (e.g. `registry.types()`); other types are reported. */
  providerTypes?: readonly string[];
}

/**
 * Validates a configuration and fills its defaults. Throws a `ConfigError` whose `issues` name
 * each bad path (`providers.openai.maxTokens`, `fallbackProviders.1`) with what was expected and
 * how to fix it. API keys are never echoed in the error.
 */
export function parseConfig(input: unknown, options: ParseConfigOptions = {}): MultiLLMConfig {
  const secrets = secretsOf(input);
  const result = MultiLLMConfigSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const issues = toConfigIssues(result.error.issues, { knownKeys, secrets });
    // zod skips the cross-field checks after some field errors; run them anyway so every problem is reported at once.
    if (input && typeof input === 'object' && !Array.isArray(input)) {
      checkConfig(input as CheckedConfig, {
        addIssue: ({ path, message }) => {
          const issue = { path: formatPath(path), message: redactSecrets(message, secrets) };
          if (!issues.some((i) => i.path === issue.path && i.message === issue.message))
            issues.push(issue);
        },
      });
    }
    throw new ConfigError({ issues });
  }
  const config = result.data;
  if (options.providerTypes) {
    const issues: ConfigIssue[] = [];
    for (const [name, provider] of Object.entries(config.providers)) {
      if (!options.providerTypes.includes(provider.type)) {
        issues.push({
          path: formatPath(['providers', name, 'type']),
          message: `no adapter is registered for type "${provider.type}" (registered: ${options.providerTypes.join(', ') || 'none'}): import its package or call registerProvider('${provider.type}', factory)`,
        });
      }
    }
    if (issues.length > 0) throw new ConfigError({ issues });
  }
  return config;
}
