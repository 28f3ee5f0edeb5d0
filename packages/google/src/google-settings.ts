import type { ModelCatalogue, ProviderSettings } from '@modelmux/core';

/**
 * How to create a Google (Gemini API) provider. Every field is optional. There is no `fetch`
 * setting: `@google/generative-ai` 0.24.1 always calls the global `fetch`.
 */
export interface GoogleSettings extends ProviderSettings {
  /** The API key; defaults to `GOOGLE_API_KEY`, then `GEMINI_API_KEY`. */
  apiKey?: string;
  /** The API origin; defaults to `https://generativelanguage.googleapis.com`. */
  baseURL?: string;
  /** The default chat model; `gemini-2.5-flash` when absent. */
  model?: string;
  /** The default embedding model; `text-embedding-004` when absent. */
  embeddingModel?: string;
  /** The instance name, unique in a router; `google` when absent. */
  name?: string;
  /** Extra headers on every request (not `x-goog-api-key`, which the SDK sets). */
  headers?: Record<string, string>;
  /** Abort a call after this many ms (for a stream: this long without a chunk). */
  timeoutMs?: number;
  /** The default temperature when a request gives none. */
  temperature?: number;
  /** The default `maxOutputTokens` when a request gives none (Gemini needs none). */
  maxTokens?: number;
  /** Prices (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /** Where to read the key variables from; `process.env` when absent (for tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The default chat model of `createGoogle()`. */
export const defaultGoogleModel = 'gemini-2.5-flash';

/** The default embedding model of `createGoogle()`. */
export const defaultGoogleEmbeddingModel = 'text-embedding-004';

/** The default API origin. */
export const defaultGoogleBaseURL = 'https://generativelanguage.googleapis.com';
