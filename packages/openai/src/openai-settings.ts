import type { ModelCatalogue, UnknownPrice, ProviderSettings } from '@modelmux/core';
import type { MaxTokensField } from '@modelmux/openai-compatible';

/** OpenAI's own API; any other `baseURL` is treated as an OpenAI-compatible endpoint. */
export const openAIBaseURL = 'https://api.openai.com/v1';

/** The chat model used when neither the settings nor the request name one (current, non-reasoning, in core's catalogue). */
export const defaultOpenAIModel = 'gpt-4.1-mini';

/** The embedding model used when neither the settings nor the request name one. */
export const defaultOpenAIEmbeddingModel = 'text-embedding-3-small';

/** Settings of `createOpenAI`. Every field is optional. */
export interface OpenAISettings extends ProviderSettings {
  /** The API key. Defaults to `OPENAI_API_KEY`, but only for OpenAI's own URL: a custom endpoint never gets the env key. */
  apiKey?: string;
  /** An OpenAI-compatible endpoint (Ollama `http://127.0.0.1:11434/v1`, vLLM, LM Studio). Defaults to OpenAI's. A custom endpoint needs no key. */
  baseURL?: string;
  /** The default chat model (`gpt-4.1-mini`). */
  model?: string;
  /** The default embedding model (`text-embedding-3-small`). */
  embeddingModel?: string;
  /** The instance name, unique in a router (`openai`, `ollama`). Also a `providerOptions` key. */
  name?: string;
  /** Extra headers sent with every request; credential-like ones (a gateway key) are registered for redaction. */
  headers?: Record<string, string>;
  /**
   * Our timeout, in ms, over the whole call: `generate` and `embed` until the answer is read,
   * a stream until its first chunk and then between two chunks (an idle timeout). None when absent.
   */
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
