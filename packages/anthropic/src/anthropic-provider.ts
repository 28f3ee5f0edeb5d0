import Anthropic from '@anthropic-ai/sdk';
import { ConfigError, defaultCatalogue } from '@modelmux/core';
import {
  headerSettingIssues,
  registerHeaderSecrets,
  registerSecret,
} from '@modelmux/core/provider-utils';
import { AnthropicChatModel } from './anthropic-chat-model.js';
import {
  defaultAnthropicBaseURL,
  defaultAnthropicModel,
  type AnthropicSettings,
} from './anthropic-settings.js';

/** Sent to a custom endpoint that needs no key, because the SDK insists on one. Never a real key. */
export const anthropicPlaceholderApiKey = 'modelmux-no-key';

/**
 * Creates the Anthropic provider over the official `@anthropic-ai/sdk`, with the SDK's own
 * retries off (`maxRetries: 0`; the router retries) and the base URL always explicit. The key
 * falls back to `ANTHROPIC_API_KEY`; it and credential-like `headers` are registered for
 * redaction (a key or header value that cannot be sent as an HTTP header is a `ConfigError`).
 * The SDK client is made on the first call. A custom `baseURL` (a local proxy)
 * is available without a key.
 *
 * @example
 * const anthropic = createAnthropic({ model: 'claude-haiku-4-5' });
 * const { text } = await anthropic.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createAnthropic(settings: AnthropicSettings = {}): AnthropicChatModel {
  const env = settings.env ?? process.env;
  const apiKey = nonEmpty(settings.apiKey) ?? nonEmpty(env['ANTHROPIC_API_KEY']);
  registerSecret(apiKey);
  registerHeaderSecrets(settings.headers);
  const issues = headerSettingIssues(apiKey, settings.headers);
  if (issues.length > 0) throw new ConfigError({ issues });
  const baseURL = (settings.baseURL ?? defaultAnthropicBaseURL).replace(/\/+$/, '');
  const customEndpoint = baseURL !== defaultAnthropicBaseURL;
  return new AnthropicChatModel({
    name: settings.name ?? 'anthropic',
    model: settings.model ?? defaultAnthropicModel,
    apiKey,
    customEndpoint,
    createClient: () =>
      new Anthropic({
        apiKey: apiKey ?? anthropicPlaceholderApiKey,
        baseURL,
        maxRetries: 0,
        // An explicit timeout also stops the SDK from refusing large non-streaming max_tokens.
        timeout: settings.timeoutMs ?? 600_000,
        logLevel: 'off',
        ...(settings.headers ? { defaultHeaders: settings.headers } : {}),
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
      }),
    catalogue: settings.catalogue ?? defaultCatalogue,
    ...(settings.unknownPrice !== undefined ? { unknownPrice: settings.unknownPrice } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
