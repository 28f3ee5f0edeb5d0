import type { ModelCatalogue, ProviderSettings } from '@modelmux/core';
import { resolveOpenAICompatibleEndpoint } from '@modelmux/openai-compatible';
import { GroqChatModel } from './groq-chat-model.js';

/** Groq's own API origin (groq-sdk adds `/openai/v1`); any other `baseURL` is a custom endpoint. */
export const groqBaseURL = 'https://api.groq.com';

/** The chat model used when neither the settings nor the request name one. */
export const defaultGroqModel = 'llama-3.3-70b-versatile';

/** Settings of `createGroq`. Every field is optional. */
export interface GroqSettings extends ProviderSettings {
  /** The API key. Defaults to `GROQ_API_KEY`, but only for Groq's own URL: a custom endpoint never gets the env key. */
  apiKey?: string;
  /** Another origin (a proxy or a test server); groq-sdk adds `/openai/v1`. Defaults to Groq's. */
  baseURL?: string;
  /** The default chat model (`llama-3.3-70b-versatile`). */
  model?: string;
  /** The instance name, unique in a router (`groq`, `groq-fast`). Also a `providerOptions` key. */
  name?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** The SDK's timeout per request, in ms (until the response starts). */
  timeoutMs?: number;
  /** The default temperature when a request sets none. */
  temperature?: number;
  /** The default output token limit (sent as `max_completion_tokens`) when a request sets none. */
  maxTokens?: number;
  /** Prices for `costUsd` (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Where env fallbacks are read (defaults to `process.env`, read once, at creation). */
  env?: Record<string, string | undefined>;
}

/**
 * Creates a Groq provider (chat and streaming; Groq offers no embeddings).
 *
 * @example
 * const groq = createGroq(); // GROQ_API_KEY
 * const { text } = await groq.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createGroq(settings: GroqSettings = {}): GroqChatModel {
  const { baseURL, customEndpoint, apiKey } = resolveOpenAICompatibleEndpoint(settings, {
    defaultBaseURL: groqBaseURL,
    apiKeyEnvVar: 'GROQ_API_KEY',
  });
  return new GroqChatModel({
    name: settings.name ?? 'groq',
    apiKey,
    baseURL,
    customEndpoint,
    model: settings.model ?? defaultGroqModel,
    headers: settings.headers,
    timeoutMs: settings.timeoutMs,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
    catalogue: settings.catalogue,
    fetch: settings.fetch,
  });
}
