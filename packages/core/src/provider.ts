import type { ChatRequest, ChatResult } from './chat.js';
import type { EmbedRequest, EmbedResult } from './embed.js';
import type { StreamEvent } from './stream.js';

/** The version of the provider contract this package defines. */
export const specificationVersion = 'v1' as const;

/** The result of a provider health check. */
export interface HealthCheckResult {
  healthy: boolean;
  latencyMs: number;
  model: string;
  /** Why it is unhealthy (redacted). */
  error?: string;
}

/**
 * One configured LLM provider. Adapters implement it over an official SDK; users may
 * implement it for anything else. A provider never retries on its own: it makes exactly one
 * call and turns every failure into a `ProviderError`.
 */
export interface Provider {
  readonly specificationVersion: typeof specificationVersion;
  /** The instance name, unique in a router (`openai`, `ollama`, `anthropic-eu`). */
  readonly name: string;
  /** The vendor family (`openai`, `anthropic`, `google`, `groq`, or a user's own). */
  readonly type: string;
  readonly defaultModel: string;
  readonly defaultEmbeddingModel?: string;
  generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>>;
  /** Streams the answer; the call starts on the first `next()`, and failures are thrown. */
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
  embed?(request: EmbedRequest): Promise<EmbedResult>;
  /** Configured: has a key, or an endpoint that needs none. Makes no call. */
  isAvailable(): boolean;
  healthCheck?(options?: { signal?: AbortSignal }): Promise<HealthCheckResult>;
}
