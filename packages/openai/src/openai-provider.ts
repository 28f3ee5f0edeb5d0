import type { ModelCatalogue, ProviderSettings } from '@modelmux/core';
import {
  nonEmpty,
  resolveOpenAICompatibleEndpoint,
  type MaxTokensField,
} from '@modelmux/openai-compatible';
import { OpenAIChatModel } from './openai-chat-model.js';

/** OpenAI's own API; any other `baseURL` is treated as an OpenAI-compatible endpoint. */
export const openAIBaseURL = 'https://api.openai.com/v1';

/** The chat model used when neither the settings nor the request name one. */
export const defaultOpenAIModel = 'gpt-4o-mini';

/** The embedding model used when neither the settings nor the request name one. */
export const defaultOpenAIEmbeddingModel = 'text-embedding-3-small';

/** Settings of `createOpenAI`. Every field is optional. */
export interface OpenAISettings extends ProviderSettings {
  /** The API key. Defaults to `OPENAI_API_KEY`, but only for OpenAI's own URL: a custom endpoint never gets the env key. */
  apiKey?: string;
  /** An OpenAI-compatible endpoint (Ollama `http://127.0.0.1:11434/v1`, vLLM, LM Studio). Defaults to OpenAI's. */
  baseURL?: string;
  /** The default chat model (`gpt-4o-mini`). */
  model?: string;
  /** The default embedding model (`text-embedding-3-small`). */
  embeddingModel?: string;
  /** The instance name, unique in a router (`openai`, `ollama`). Also a `providerOptions` key. */
  name?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** The SDK's timeout per request, in ms (until the response starts). */
  timeoutMs?: number;
  /** The default temperature when a request sets none. */
  temperature?: number;
  /** The default output token limit when a request sets none. */
  maxTokens?: number;
  /**
   * The body field carrying the token limit. Defaults to `max_completion_tokens` for OpenAI's
   * own URL (its reasoning models reject `max_tokens`) and `max_tokens` for custom endpoints
   * (the field every compatible server understands).
   */
  maxTokensField?: MaxTokensField;
  /** Prices for `costUsd` (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Where env fallbacks are read (defaults to `process.env`, read once, at creation). */
  env?: Record<string, string | undefined>;
}

/**
 * Creates an OpenAI provider, or a provider for any OpenAI-compatible endpoint.
 *
 * @example
 * const openai = createOpenAI(); // OPENAI_API_KEY
 * const ollama = createOpenAI({ name: 'ollama', baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.2' });
 * const { text } = await openai.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAIChatModel {
  const { baseURL, customEndpoint, apiKey, env } = resolveOpenAICompatibleEndpoint(settings, {
    defaultBaseURL: openAIBaseURL,
    apiKeyEnvVar: 'OPENAI_API_KEY',
  });
  return new OpenAIChatModel({
    name: settings.name ?? 'openai',
    apiKey,
    baseURL,
    customEndpoint,
    model: settings.model ?? defaultOpenAIModel,
    embeddingModel: settings.embeddingModel ?? defaultOpenAIEmbeddingModel,
    headers: settings.headers,
    timeoutMs: settings.timeoutMs,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
    maxTokensField:
      settings.maxTokensField ?? (customEndpoint ? 'max_tokens' : 'max_completion_tokens'),
    catalogue: settings.catalogue,
    fetch: settings.fetch,
    organization: customEndpoint ? undefined : nonEmpty(env['OPENAI_ORG_ID']),
    project: customEndpoint ? undefined : nonEmpty(env['OPENAI_PROJECT_ID']),
  });
}
