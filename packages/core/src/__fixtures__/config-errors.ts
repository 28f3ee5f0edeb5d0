import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { parseConfig, type ParseConfigOptions } from '../config/parse-config.js';

/** The `ConfigError` that `parseConfig(input)` must throw (anything else is rethrown). */
export function parseConfigError(input: unknown, options?: ParseConfigOptions): ConfigError {
  try {
    parseConfig(input, options);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parseConfig to throw');
}

/** The issues of the `ConfigError` that `parseConfig(input)` must throw. */
export function parseConfigIssues(input: unknown): ConfigIssue[] {
  return [...parseConfigError(input).issues];
}
