import Anthropic from '@anthropic-ai/sdk';
import { defaultCatalogue, registerSecret } from '@modelmux/core';
import { AnthropicChatModel } from './anthropic-chat-model.js';
import {
  defaultAnthropicBaseURL,
  defaultAnthropicModel,
  type AnthropicSettings,
} from './anthropic-settings.js';

/**
 * Creates the Anthropic provider over the official `@anthropic-ai/sdk`, with the SDK's own
 * retries off (`maxRetries: 0`; the router retries) and the base URL always explicit. The key
 * falls back to `ANTHROPIC_API_KEY` and is registered for redaction.
 *
 * @example
 * const anthropic = createAnthropic({ model: 'claude-haiku-4-5' });
 * const { text } = await anthropic.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createAnthropic(settings: AnthropicSettings = {}): AnthropicChatModel {
  const env = settings.env ?? process.env;
  const apiKey = nonEmpty(settings.apiKey) ?? nonEmpty(env['ANTHROPIC_API_KEY']);
  registerSecret(apiKey);
  const client = apiKey
    ? new Anthropic({
        apiKey,
        baseURL: settings.baseURL ?? defaultAnthropicBaseURL,
        maxRetries: 0,
        // An explicit timeout also stops the SDK from refusing large non-streaming max_tokens.
        timeout: settings.timeoutMs ?? 600_000,
        logLevel: 'off',
        ...(settings.headers ? { defaultHeaders: settings.headers } : {}),
        ...(settings.fetch ? { fetch: settings.fetch } : {}),
      })
    : undefined;
  return new AnthropicChatModel({
    name: settings.name ?? 'anthropic',
    model: settings.model ?? defaultAnthropicModel,
    client,
    apiKey,
    catalogue: settings.catalogue ?? defaultCatalogue,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
