import type { ModelCatalogue, UnknownPrice, ProviderSettings } from '@modelmux/core';

/** How to create an Anthropic provider. Every field is optional. */
export interface AnthropicSettings extends ProviderSettings {
  /** The API key; defaults to `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /**
   * The API origin; defaults to `https://api.anthropic.com` (never read from `ANTHROPIC_BASE_URL`).
   * Another origin (a local proxy, a gateway, a fake) is available without a key.
   */
  baseURL?: string;
  /** The default model; `claude-haiku-4-5` when absent. */
  model?: string;
  /** The instance name, unique in a router; `anthropic` when absent. */
  name?: string;
  /** Extra headers on every request; credential-like ones (a gateway key) are registered for redaction. */
  headers?: Record<string, string>;
  /**
   * Our timeout, in ms, over the whole call: `generate` until the answer is read, a stream until
   * its first event and then between two events (an idle timeout). None when absent.
   */
  timeoutMs?: number;
  /** The default temperature when a request gives none. */
  temperature?: number;
  /** The default `max_tokens` when a request gives none (see the README for the fallback). */
  maxTokens?: number;
  /** Prices and output limits (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /**
   * What a model missing from the catalogue costs: 'refuse' (no call, a `ConfigError`), 'warn'
   * (core's `fallbackUnknownPrice`, one warning) or `{ inputPerMTok, outputPerMTok }` (0 and 0 for
   * a local model). Unset: `costUsd: undefined` and one warning (the factory refuses it under a
   * cost limit).
   */
  unknownPrice?: UnknownPrice;
  /** A `fetch` implementation for the SDK. */
  fetch?: typeof globalThis.fetch;
  /** Where to read `ANTHROPIC_API_KEY` from; `process.env` when absent (for tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The default model of `createAnthropic()`: a current model listed in core's catalogue. */
export const defaultAnthropicModel = 'claude-haiku-4-5';

/** The default API origin. */
export const defaultAnthropicBaseURL = 'https://api.anthropic.com';
