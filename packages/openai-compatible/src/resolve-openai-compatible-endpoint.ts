import { ConfigError } from '@modelmux/core';
import {
  headerSettingIssues,
  registerHeaderSecrets,
  registerSecret,
} from '@modelmux/core/provider-utils';

/** The settings every adapter's factory reads its endpoint and key from. */
export interface OpenAICompatibleEndpointSettings {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  /** Extra headers; the values of credential-like ones (a gateway key) are registered for redaction. */
  headers?: Record<string, string> | undefined;
  /** Where env fallbacks are read (defaults to `process.env`, read once, at creation). */
  env?: Record<string, string | undefined> | undefined;
}

/** The resolved endpoint: the base URL, whether it is a custom one, and the key (if any). */
export interface OpenAICompatibleEndpoint {
  baseURL: string;
  /** True when `baseURL` is not the vendor's own (a compatible server, a proxy, a fake). */
  customEndpoint: boolean;
  apiKey: string | undefined;
  /** The env the fallbacks were read from. */
  env: Record<string, string | undefined>;
}

/**
 * Resolves the base URL (trailing slashes dropped) and the key: the settings' key, else the
 * `apiKeyEnvVar` from the env, but only for the vendor's own URL, so a custom endpoint never
 * receives the env key. The key, and the values of credential-like headers, are registered for
 * redaction; a key or header value that cannot be sent as an HTTP header is a `ConfigError`.
 */
export function resolveOpenAICompatibleEndpoint(
  settings: OpenAICompatibleEndpointSettings,
  vendor: { defaultBaseURL: string; apiKeyEnvVar: string },
): OpenAICompatibleEndpoint {
  const env = settings.env ?? process.env;
  const baseURL = (settings.baseURL ?? vendor.defaultBaseURL).replace(/\/+$/, '');
  const customEndpoint = baseURL !== vendor.defaultBaseURL;
  const apiKey =
    nonEmpty(settings.apiKey) ?? (customEndpoint ? undefined : nonEmpty(env[vendor.apiKeyEnvVar]));
  registerSecret(apiKey);
  registerHeaderSecrets(settings.headers);
  const issues = headerSettingIssues(apiKey, settings.headers);
  if (issues.length > 0) throw new ConfigError({ issues });
  return { baseURL, customEndpoint, apiKey, env };
}

/** The value, or undefined when it is missing or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
