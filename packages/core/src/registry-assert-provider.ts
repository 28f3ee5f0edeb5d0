import { ConfigError, type ConfigIssue } from './errors/config-error.js';
import type { Provider } from './provider.js';
import { specificationVersion } from './provider.js';

/** Every member of the `Provider` contract that is wrong or missing on `value`, as issues under `path`. */
export function providerIssues(value: unknown, path = 'provider'): ConfigIssue[] {
  if (!value || typeof value !== 'object')
    return [
      {
        path,
        message: 'expected an object implementing the Provider contract (specificationVersion v1)',
      },
    ];
  const p = value as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  if (p['specificationVersion'] !== specificationVersion) {
    issues.push({
      path: `${path}.specificationVersion`,
      message: `expected '${specificationVersion}' (this version of @modelmux/core implements contract ${specificationVersion})`,
    });
  }
  for (const key of ['name', 'type', 'defaultModel']) {
    if (typeof p[key] !== 'string' || p[key] === '')
      issues.push({ path: `${path}.${key}`, message: 'expected a non-empty string' });
  }
  if (
    p['defaultEmbeddingModel'] !== undefined &&
    (typeof p['defaultEmbeddingModel'] !== 'string' || p['defaultEmbeddingModel'] === '')
  ) {
    issues.push({
      path: `${path}.defaultEmbeddingModel`,
      message: 'expected a non-empty string when present',
    });
  }
  for (const key of ['generate', 'stream', 'isAvailable']) {
    if (typeof p[key] !== 'function')
      issues.push({ path: `${path}.${key}`, message: 'expected a function' });
  }
  for (const key of ['embed', 'healthCheck']) {
    if (p[key] !== undefined && typeof p[key] !== 'function')
      issues.push({ path: `${path}.${key}`, message: 'expected a function when present' });
  }
  return issues;
}

/**
 * Checks that `value` implements the `Provider` contract (v1); throws a `ConfigError` listing
 * each wrong or missing member (`provider.generate: expected a function`).
 */
export function assertProvider(value: unknown, label = 'provider'): asserts value is Provider {
  const issues = providerIssues(value, label);
  if (issues.length > 0) {
    throw new ConfigError({
      issues,
      message: `Not a valid modelmux Provider:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
    });
  }
}
