import type { ModelCatalogue, ProviderSettings } from '@modelmux/core';

/** How to create an Anthropic provider. Every field is optional. */
export interface AnthropicSettings extends ProviderSettings {
  /** The API key; defaults to `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** The API origin; defaults to `https://api.anthropic.com` (never read from `ANTHROPIC_BASE_URL`). */
  baseURL?: string;
  /** The default model; `claude-sonnet-4-5` when absent. */
  model?: string;
  /** The instance name, unique in a router; `anthropic` when absent. */
  name?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Abort a call after this many ms (for a stream: this long without an event). */
  timeoutMs?: number;
  /** The default temperature when a request gives none. */
  temperature?: number;
  /** The default `max_tokens` when a request gives none (see the README for the fallback). */
  maxTokens?: number;
  /** Prices and output limits (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /** A `fetch` implementation for the SDK. */
  fetch?: typeof globalThis.fetch;
  /** Where to read `ANTHROPIC_API_KEY` from; `process.env` when absent (for tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The default model of `createAnthropic()`. */
export const defaultAnthropicModel = 'claude-sonnet-4-5';

/** The default API origin. */
export const defaultAnthropicBaseURL = 'https://api.anthropic.com';
