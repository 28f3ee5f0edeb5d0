import type { ChatRequest } from '@modelmux/core';
import type { OpenAICompatibleInstanceDefaults } from './build-openai-compatible-request.js';
import type {
  OpenAICompatibleErrorContext,
  OpenAICompatibleErrorDialect,
} from './map-openai-compatible-error.js';
import type {
  OpenAIChatWireChunk,
  OpenAIChatWireCompletion,
  OpenAIChatWireRequest,
} from './openai-chat-wire.js';
import type { StreamUsageOf } from './openai-compatible-stream-state.js';

/** The call options the model passes to every SDK call. */
export interface OpenAICompatibleCallOptions {
  signal: AbortSignal;
}

/**
 * What an SDK call returns: a promise of the parsed body that can also give the raw `Response`
 * (its headers carry the rate limits). The openai SDK's and groq-sdk's `APIPromise` fit it.
 */
export interface OpenAICompatibleApiPromise<T> extends PromiseLike<T> {
  withResponse(): Promise<{ data: T; response: { headers: { get(name: string): string | null } } }>;
}

/**
 * The part of an SDK client the model calls: chat completions (whole or streamed) and the model
 * list. The openai SDK's and groq-sdk's clients fit it as they are.
 */
export interface OpenAICompatibleClient<Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk> {
  chat: {
    completions: {
      create(
        body: OpenAIChatWireRequest & { stream: false },
        options: OpenAICompatibleCallOptions,
      ): OpenAICompatibleApiPromise<OpenAIChatWireCompletion>;
      create(
        body: OpenAIChatWireRequest & { stream: true; stream_options?: { include_usage: boolean } },
        options: OpenAICompatibleCallOptions,
      ): OpenAICompatibleApiPromise<AsyncIterable<Chunk>>;
    };
  };
  models: { list(options: OpenAICompatibleCallOptions): PromiseLike<unknown> };
}

/** Where and how an instance's SDK client connects (resolved from the settings by the factory). */
export interface OpenAICompatibleClientSettings {
  /** The real key, or the placeholder for a custom endpoint without one. */
  apiKey: string;
  baseURL: string;
  headers: Record<string, string> | undefined;
  /** The SDK's own timeout (the same `timeoutMs` as ours, so the SDK never cuts a call first). */
  timeoutMs: number | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

/**
 * How one vendor's OpenAI-style API differs, as data (vercel/ai's openai-compatible pattern):
 * its SDK client, its request body (token field, JSON output, checks), where its streams carry
 * usage, and its error table. `OpenAICompatibleChatModel` is the one class that runs them all.
 */
export interface OpenAICompatibleDialect<
  Client extends OpenAICompatibleClient<Chunk>,
  Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk,
> {
  /** The provider type (`openai`, `groq`): `Provider.type` and the first `providerOptions` key. */
  type: string;
  /** How to fix a missing key, for the `auth` error (e.g. "pass `apiKey` to createGroq() or set GROQ_API_KEY"). */
  missingKeyHint: string;
  /** Makes the SDK client (retries off, the base URL, headers and fetch given), on the first call. */
  createClient(settings: OpenAICompatibleClientSettings): Client;
  /** The request body: the vendor's builder over the instance's defaults; throws `InvalidRequestError` for what the vendor cannot take. */
  buildBody(
    request: ChatRequest,
    defaults: OpenAICompatibleInstanceDefaults,
  ): OpenAIChatWireRequest;
  /** True: a stream asks for usage with `stream_options: { include_usage: true }` (OpenAI); false: the vendor sends it unasked (Groq). */
  requestsStreamUsage: boolean;
  /** Reads a stream chunk's usage where the vendor puts it (default: OpenAI's `usage`). */
  usageOf?: StreamUsageOf<Chunk> | undefined;
  /** The vendor's error table: its context-length wording, its own statuses, its SDK's error classes. */
  errors: OpenAICompatibleErrorDialect<Error>;
}

/** The error context type, re-exported for dialect authors. */
export type { OpenAICompatibleErrorContext };
