import type { Message, ToolCall } from './messages.js';
import type { SchemaLike } from './schema.js';
import type { ToolChoice, ToolDefinition } from './tool.js';
import type { RateLimitInfo } from './engine/rate-limit-info.js';
import type { Usage } from './usage.js';

/** Data about the caller that routing, budgets and A/B tests read. Never sent to a provider. */
export interface RequestMetadata {
  userId?: string;
  tags?: string[];
  [key: string]: unknown;
}

/** Ask for JSON output, optionally matching a schema (zod or JSON Schema). */
export interface JsonResponseFormat<T = unknown> {
  type: 'json';
  schema?: SchemaLike<T>;
  /** A name for the schema, where the vendor wants one (OpenAI). */
  name?: string;
  description?: string;
}

/** The output format: plain text (the default) or JSON. */
export type ResponseFormat<T = unknown> = { type: 'text' } | JsonResponseFormat<T>;

/** One chat request, the same for every provider. */
export interface ChatRequest<T = unknown> {
  messages: Message[];
  /** The model; the provider's default when absent. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  responseFormat?: ResponseFormat<T>;
  /** Aborts the call; the provider error then has kind `aborted`. */
  signal?: AbortSignal;
  metadata?: RequestMetadata;
  /** Vendor-specific body fields, keyed by provider type (`{ openai: { seed: 1 } }`). */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** The normalised answer of one chat call. */
export interface ChatResult<T = unknown> {
  text: string;
  toolCalls: ToolCall[];
  /** The parsed (and, with a zod schema, validated) structured output. */
  object?: T;
  finishReason: FinishReason;
  usage: Usage;
  /** The provider instance's name (e.g. `openai`, `ollama`). */
  provider: string;
  model: string;
  latencyMs: number;
  /** USD, from the catalogue; `undefined` when the model's price is unknown, never a silent 0. */
  costUsd: number | undefined;
  /** The vendor's own response, for debugging. */
  raw?: unknown;
  /** True when the vendor sent no usage and `usage` is an estimate (e.g. a server ignoring `include_usage`). */
  usageEstimated?: boolean;
  /** The vendor's remaining quota after this call, where it sends rate-limit headers. */
  rateLimit?: RateLimitInfo;
}
