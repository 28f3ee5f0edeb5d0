import type { ModelCatalogue, UnknownPrice, ProviderSettings } from '@modelmux/core';

/** Groq's own API origin (groq-sdk adds `/openai/v1`); any other `baseURL` is a custom endpoint. */
export const groqBaseURL = 'https://api.groq.com';

/** The chat model used when neither the settings nor the request name one. */
export const defaultGroqModel = 'llama-3.3-70b-versatile';

/** Settings of `createGroq`. Every field is optional. */
export interface GroqSettings extends ProviderSettings {
  /** The API key. Defaults to `GROQ_API_KEY`, but only for Groq's own URL: a custom endpoint never gets the env key. */
  apiKey?: string;
  /** Another origin (a proxy or a test server); groq-sdk adds `/openai/v1`. Defaults to Groq's. A custom endpoint needs no key. */
  baseURL?: string;
  /** The default chat model (`llama-3.3-70b-versatile`). */
  model?: string;
  /** The instance name, unique in a router (`groq`, `groq-fast`). Also a `providerOptions` key. */
  name?: string;
  /** Extra headers sent with every request; credential-like ones (a gateway key) are registered for redaction. */
  headers?: Record<string, string>;
  /**
   * Our timeout, in ms, over the whole call: `generate` until the answer is read, a stream until
   * its first chunk and then between two chunks (an idle timeout). None when absent.
   */
  timeoutMs?: number;
  /** The default temperature when a request sets none. */
  temperature?: number;
  /** The default output token limit (sent as `max_completion_tokens`) when a request sets none. */
  maxTokens?: number;
  /** Prices for `costUsd` (a whole catalogue, e.g. from `mergeCatalogue`); core's `defaultCatalogue` when absent. */
  catalogue?: ModelCatalogue;
  /**
   * What a model missing from the catalogue costs: 'refuse' (no call, a `ConfigError`), 'warn'
   * (core's `fallbackUnknownPrice`, one warning) or `{ inputPerMTok, outputPerMTok }` (0 and 0 for
   * a local model). Unset: `costUsd: undefined` and one warning (the factory refuses it under a
   * cost limit).
   */
  unknownPrice?: UnknownPrice;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Where env fallbacks are read (defaults to `process.env`, read once, at creation). */
  env?: Record<string, string | undefined>;
}
