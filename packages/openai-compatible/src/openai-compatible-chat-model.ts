import {
  createCallSignal,
  ProviderError,
  specificationVersion,
  type ChatRequest,
  type ChatResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type StreamEvent,
  type Usage,
} from '@modelmux/core';
import type { OpenAICompatibleInstanceDefaults } from './build-openai-compatible-request.js';
import type { OpenAICompatibleErrorContext } from './map-openai-compatible-error.js';
import { mapOpenAICompatibleResponse } from './map-openai-compatible-response.js';
import { openAICompatibleCost } from './openai-compatible-cost.js';
import type {
  OpenAIChatWireChunk,
  OpenAIChatWireCompletion,
  OpenAIChatWireRequest,
} from './openai-chat-wire.js';
import type { OpenAICompatibleStreamCall } from './stream-openai-compatible-chat.js';

/** The configuration every OpenAI-compatible chat model has (an adapter's config extends it). */
export interface OpenAICompatibleChatModelConfig {
  name: string;
  /** The real key, or undefined (a custom endpoint then gets a placeholder). */
  apiKey: string | undefined;
  /** True when the base URL is not the vendor's own (a compatible server, a proxy, a fake). */
  customEndpoint: boolean;
  model: string;
  timeoutMs: number | undefined;
  temperature: number | undefined;
  maxTokens: number | undefined;
  catalogue: ModelCatalogue | undefined;
}

/** The call options the model passes to every SDK call. */
export interface OpenAICompatibleCallOptions {
  signal: AbortSignal;
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
      ): PromiseLike<OpenAIChatWireCompletion>;
      create(
        body: OpenAIChatWireRequest & { stream: true; stream_options?: { include_usage: boolean } },
        options: OpenAICompatibleCallOptions,
      ): PromiseLike<AsyncIterable<Chunk>>;
    };
  };
  models: { list(options: OpenAICompatibleCallOptions): PromiseLike<unknown> };
}

/** Sent to custom endpoints that need no key, because the SDKs insist on one. Never a real key. */
export const placeholderApiKey = 'modelmux-no-key';

/**
 * A modelmux `Provider` over an SDK that speaks OpenAI's chat completions: `generate`, `stream`
 * and a no-token `healthCheck`, with our own timeout over the whole call, the SDK client made on
 * first use, and every failure a `ProviderError`. An adapter extends it with its SDK calls, its
 * request builder and its error mapper; the rest is the same for every such vendor.
 */
export abstract class OpenAICompatibleChatModel<
  Client extends OpenAICompatibleClient<Chunk>,
  Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk,
> implements Provider {
  readonly specificationVersion = specificationVersion;
  abstract readonly type: string;
  readonly name: string;
  readonly defaultModel: string;
  protected readonly config: OpenAICompatibleChatModelConfig;
  private sdk: Client | undefined;

  constructor(config: OpenAICompatibleChatModelConfig) {
    this.config = config;
    this.name = config.name;
    this.defaultModel = config.model;
  }

  /** Has a key, or talks to a custom endpoint (a compatible server, a proxy, a fake) that may need none. */
  isAvailable(): boolean {
    return this.config.apiKey !== undefined || this.config.customEndpoint;
  }

  /** One chat completion, normalised; failures are thrown as `ProviderError`. */
  async generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const body = this.body(request);
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    const context: OpenAICompatibleErrorContext = {
      provider: this.name,
      model: body.model,
      signal: request.signal,
      timedOut: call.timedOut,
    };
    const started = performance.now();
    try {
      const completion = await this.client(context).chat.completions.create(
        { ...body, stream: false },
        { signal: call.signal },
      );
      return mapOpenAICompatibleResponse(completion, {
        provider: this.name,
        requestedModel: body.model,
        responseFormat: request.responseFormat,
        latencyMs: performance.now() - started,
        cost: (models, usage) => this.cost(models, usage),
      });
    } catch (error) {
      throw this.mapError(error, context);
    } finally {
      call.dispose();
    }
  }

  /** One streamed chat completion; the call starts on the first `next()`, `return()` aborts it. */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const body = this.body(request);
    const context = { provider: this.name, model: body.model, signal: request.signal };
    return this.runStream({
      context,
      timeoutMs: this.config.timeoutMs,
      cost: (models, usage) => this.cost(models, usage),
      open: async (signal) => {
        const streamBody = {
          ...body,
          stream: true as const,
          ...(this.requestsStreamUsage ? { stream_options: { include_usage: true } } : {}),
        };
        return this.client(context).chat.completions.create(streamBody, { signal });
      },
    });
  }

  /** Lists the models (no tokens spent); never throws. */
  async healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    const call = createCallSignal(options.signal, this.config.timeoutMs);
    const context: OpenAICompatibleErrorContext = {
      provider: this.name,
      model: this.defaultModel,
      signal: options.signal,
      timedOut: call.timedOut,
    };
    const started = performance.now();
    try {
      await this.client(context).models.list({ signal: call.signal });
      return { healthy: true, latencyMs: performance.now() - started, model: this.defaultModel };
    } catch (error) {
      return {
        healthy: false,
        latencyMs: performance.now() - started,
        model: this.defaultModel,
        error: this.mapError(error, context).message,
      };
    } finally {
      call.dispose();
    }
  }

  /** How to fix a missing key, for the `auth` error (e.g. "pass `apiKey` to createGroq() or set GROQ_API_KEY"). */
  protected abstract readonly missingKeyHint: string;
  /** True: a stream asks for usage with `stream_options: { include_usage: true }` (OpenAI); false: the vendor sends it unasked (Groq). */
  protected abstract readonly requestsStreamUsage: boolean;
  /** The adapter's error mapper (it knows its SDK's error classes). */
  protected abstract readonly mapError: (
    error: unknown,
    context: OpenAICompatibleErrorContext,
  ) => ProviderError;
  /** Runs a stream as events: `streamOpenAICompatibleChat` with the vendor's error mapper and usage field. */
  protected abstract readonly runStream: (
    call: OpenAICompatibleStreamCall<Chunk>,
  ) => AsyncGenerator<StreamEvent, void, undefined>;
  /** The request body: the vendor's builder over the instance's defaults. */
  protected abstract buildBody(
    request: ChatRequest,
    defaults: OpenAICompatibleInstanceDefaults,
  ): OpenAIChatWireRequest;
  /** Makes the SDK client (retries off, our base URL). */
  protected abstract createClient(apiKey: string): Client;

  /** The cost of a call: the model as returned, then as requested, from the configured catalogue. */
  protected cost(models: readonly (string | undefined)[], usage: Usage): number | undefined {
    return openAICompatibleCost(models, usage, this.config.catalogue);
  }

  /** The SDK client, made on first use; without a key for the vendor itself, an `auth` error and no call. */
  protected client(context: OpenAICompatibleErrorContext): Client {
    if (this.sdk) return this.sdk;
    const { apiKey, customEndpoint } = this.config;
    if (apiKey === undefined && !customEndpoint) {
      throw new ProviderError({
        kind: 'auth',
        provider: context.provider,
        model: context.model,
        isRetryable: false,
        message: `${context.provider}: no API key; ${this.missingKeyHint}`,
      });
    }
    this.sdk = this.createClient(apiKey ?? placeholderApiKey);
    return this.sdk;
  }

  private body(request: ChatRequest): OpenAIChatWireRequest {
    return this.buildBody(request, {
      model: this.defaultModel,
      temperature: this.config.temperature,
      maxTokens: this.config.maxTokens,
      providerOptionKeys: this.name === this.type ? [this.type] : [this.type, this.name],
    });
  }
}
