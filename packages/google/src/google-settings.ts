import type { ModelCatalogue, UnknownPrice, ProviderSettings } from '@modelmux/core';
import type { GoogleSdk } from './google-backend.js';

/** Vertex AI (`@google/genai` only): Google Cloud auth instead of a Gemini API key. */
export interface GoogleVertexSettings {
  /** The Google Cloud project; defaults to `GOOGLE_CLOUD_PROJECT`. */
  project?: string;
  /** The region (`us-central1`, `global`, …); defaults to `GOOGLE_CLOUD_LOCATION`. */
  location?: string;
  /** Passed to google-auth-library (`keyFilename`, `credentials`, `scopes`, …); Application Default Credentials when absent. */
  googleAuthOptions?: object;
}

/**
 * How to create a Google provider. Every field is optional. The default SDK is `@google/genai`
 * against the Gemini API with an API key; `vertexai` switches it to Vertex AI; `sdk: 'legacy'`
 * runs on `@google/generative-ai` (an optional peer dependency you install yourself).
 */
export interface GoogleSettings extends ProviderSettings {
  /** `genai` (default): `@google/genai` 2.x. `legacy`: `@google/generative-ai` (install it; Gemini API keys only). */
  sdk?: GoogleSdk;
  /** The API key; defaults to `GOOGLE_API_KEY`, then `GEMINI_API_KEY`. With `vertexai`, an Express Mode key. */
  apiKey?: string;
  /**
   * Vertex AI instead of the Gemini API (`@google/genai` only): `true` reads the project and
   * location from `GOOGLE_CLOUD_PROJECT` / `GOOGLE_CLOUD_LOCATION`, an object gives them.
   */
  vertexai?: boolean | GoogleVertexSettings;
  /** The API origin; `https://generativelanguage.googleapis.com` for the Gemini API, the SDK's regional endpoint for Vertex AI. */
  baseURL?: string;
  /** The default chat model; `gemini-2.5-flash` when absent. */
  model?: string;
  /** The default embedding model; `text-embedding-004` when absent. */
  embeddingModel?: string;
  /** The instance name, unique in a router; `google` when absent. */
  name?: string;
  /** Extra headers on every request (not `x-goog-api-key`, which the SDK sets); their values are redacted like keys. */
  headers?: Record<string, string>;
  /** The `fetch` the SDK calls (`@google/genai` only; the legacy SDK always calls the global one). */
  fetch?: typeof fetch;
  /** Abort a call after this many ms (for a stream: this long without a chunk). */
  timeoutMs?: number;
  /** The default temperature when a request gives none. */
  temperature?: number;
  /** The default `maxOutputTokens` when a request gives none (Gemini needs none). */
  maxTokens?: number;
  /** Prices (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /**
   * What a model missing from the catalogue costs: 'refuse' (no call, a `ConfigError`), 'warn'
   * (core's `fallbackUnknownPrice`, one warning) or `{ inputPerMTok, outputPerMTok }` (0 and 0 for
   * a local model). Unset: `costUsd: undefined` and one warning (the factory refuses it under a
   * cost limit).
   */
  unknownPrice?: UnknownPrice;
  /** Where to read the key variables from; `process.env` when absent (for tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The default chat model of `createGoogle()`. */
export const defaultGoogleModel = 'gemini-2.5-flash';

/** The default embedding model of `createGoogle()`. */
export const defaultGoogleEmbeddingModel = 'text-embedding-004';

/** The default API origin (Gemini API). */
export const defaultGoogleBaseURL = 'https://generativelanguage.googleapis.com';

/** The default SDK of `createGoogle()`. */
export const defaultGoogleSdk: GoogleSdk = 'genai';
