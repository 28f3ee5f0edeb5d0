import {
  InvalidRequestError,
  estimateCost,
  assertPriceKnown,
  type UnknownPrice,
  specificationVersion,
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type StreamEvent,
  type Usage,
} from '@modelmux/core';
import {
  type CallSignal,
  createCallSignal,
  formatProviderErrorMessage,
  healthCheckByGenerate,
  missingCredentialsError,
  type ProviderCallOptions,
  runProviderGenerate,
  runProviderStream,
} from '@modelmux/core/provider-utils';
import { buildGoogleRequest, type GoogleCall } from './build-google-request.js';
import { createGenaiBackend } from './genai-backend.js';
import type { GeminiResponse } from './gemini-wire.js';
import type { GoogleBackend, GoogleBackendOptions, GoogleSdk } from './google-backend.js';
import { embedWithGoogle } from './google-embed.js';
import { GoogleStreamMapper } from './google-stream.js';
import { createLegacyBackend } from './legacy-backend.js';
import { mapGoogleError, type GoogleErrorContext } from './map-google-error.js';
import { mapGoogleResponse } from './map-google-response.js';

/** What a `GoogleChatModel` is made from (`createGoogle` resolves it from the settings). */
export interface GoogleChatModelConfig {
  name: string;
  /** The SDK the calls go through. */
  sdk: GoogleSdk;
  model: string;
  embeddingModel: string;
  /** How to make the SDK client (made on the first call). */
  backend: GoogleBackendOptions;
  /** False when no credentials are configured: every call then fails with kind `auth`, sending nothing. */
  available: boolean;
  catalogue: ModelCatalogue;
  unknownPrice?: UnknownPrice | undefined;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
}

/** The modelmux `Provider` for Gemini, on `@google/genai` or `@google/generative-ai` (create it with `createGoogle`). */
export class GoogleChatModel implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type = 'google';
  readonly name: string;
  readonly defaultModel: string;
  readonly defaultEmbeddingModel: string;
  /** The SDK this provider runs on: `genai` (`@google/genai`) or `legacy` (`@google/generative-ai`). */
  readonly sdk: GoogleSdk;
  private backend: Promise<GoogleBackend> | undefined;

  constructor(private readonly config: GoogleChatModelConfig) {
    this.name = config.name;
    this.defaultModel = config.model;
    this.defaultEmbeddingModel = config.embeddingModel;
    this.sdk = config.sdk;
  }

  /** True when credentials are configured (an API key, or Vertex AI's project and location); no call is made. */
  isAvailable(): boolean {
    return this.config.available;
  }

  /** One `generateContent` call, normalised to a `ChatResult`. Never throws synchronously. */
  generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    return runProviderGenerate<T, GoogleCall>({
      ...this.callOptions(request),
      build: (checked, model) => this.prepare(checked, model),
      send: async (signal, { model, body }) => {
        const response = await (await this.client(model)).generate(model, body, signal);
        return {
          ...mapGoogleResponse(response, { provider: this.name, model }),
          model: (response as GeminiResponse | null)?.modelVersion,
          raw: response,
        };
      },
    });
  }

  /**
   * Streams one `streamGenerateContent` call. Nothing runs (not even the request's checks) until
   * the first `next()`; a stream that ends without a `finishReason`, breaks off or sends a
   * malformed chunk throws a `ProviderError`; a consumer that stops reading aborts the HTTP request.
   */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    return runProviderStream<GeminiResponse, GoogleCall>({
      ...this.callOptions(request),
      build: (checked, model) => this.prepare(checked, model),
      open: async (signal, { model, body }) => ({
        chunks: await (await this.client(model)).stream(model, body, signal),
        mapper: new GoogleStreamMapper({ provider: this.name, model }),
      }),
      modelOf: (chunk) => chunk.modelVersion,
      truncatedMessage: (model) =>
        formatProviderErrorMessage({
          provider: this.name,
          model,
          kind: 'network',
          text: 'the stream ended without a finishReason (truncated)',
        }),
    });
  }

  /** Embeds the inputs with one `batchEmbedContents` call (`text-embedding-004` unless set). */
  async embed(request: EmbedRequest): Promise<EmbedResult> {
    const started = performance.now();
    checkEmbedRequest(request);
    const model = request.model ?? this.defaultEmbeddingModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    try {
      const { embeddings, inputTokens } =
        request.input.length === 0
          ? { embeddings: [], inputTokens: 0 }
          : await embedWithGoogle(await this.client(model), request, call.signal, {
              provider: this.name,
              model,
            });
      return {
        embeddings,
        usage: { inputTokens },
        provider: this.name,
        model,
        latencyMs: performance.now() - started,
        costUsd: this.cost(model, { inputTokens, outputTokens: 0, totalTokens: inputTokens }),
      };
    } catch (error) {
      throw mapGoogleError(error, this.errorContext(model, call));
    } finally {
      call.dispose();
    }
  }

  /** A one-token call to the default model; never throws. */
  healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    return healthCheckByGenerate(this, options);
  }

  private prepare(request: ChatRequest, model: string): GoogleCall {
    return buildGoogleRequest(request, {
      model,
      ...(this.config.temperature !== undefined ? { temperature: this.config.temperature } : {}),
      ...(this.config.maxTokens !== undefined ? { maxTokens: this.config.maxTokens } : {}),
    });
  }

  /** The SDK client, made (and the SDK imported) on the first call; `auth` without credentials. */
  private client(model: string): Promise<GoogleBackend> {
    if (!this.config.available) {
      throw missingCredentialsError(
        this.name,
        model,
        this.config.backend.vertexai
          ? 'no Vertex AI project and location: pass vertexai: { project, location } or set GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (or pass an Express Mode apiKey)'
          : 'no API key: pass apiKey or set GOOGLE_API_KEY (or GEMINI_API_KEY)',
      );
    }
    if (!this.backend) {
      const create = this.config.sdk === 'legacy' ? createLegacyBackend : createGenaiBackend;
      this.backend = create(this.config.backend);
      // A failed load (a missing optional SDK) is retried on the next call, not cached.
      this.backend.catch(() => {
        this.backend = undefined;
      });
    }
    return this.backend;
  }

  /** What generate and stream share: the request (core validates it), our error mapper and the price. */
  private callOptions(request: unknown): ProviderCallOptions {
    return {
      provider: this.name,
      request,
      defaultModel: this.defaultModel,
      timeoutMs: this.config.timeoutMs,
      mapError: (error, call, { model }) => mapGoogleError(error, this.errorContext(model, call)),
      cost: (resultModel, usage) => this.cost(resultModel, usage),
      checkPrice: (model) =>
        assertPriceKnown(this.name, model, {
          catalogue: this.config.catalogue,
          unknownPrice: this.config.unknownPrice,
        }),
    };
  }

  private errorContext(model: string, call: CallSignal): GoogleErrorContext {
    const apiKey = this.config.backend.apiKey;
    return { provider: this.name, model, call, ...(apiKey ? { apiKey } : {}) };
  }

  private cost(model: string, usage: Usage): number | undefined {
    return estimateCost(model, usage, this.config.catalogue, {
      unknownPrice: this.config.unknownPrice,
    });
  }
}

function checkEmbedRequest(request: EmbedRequest): void {
  if (!request || typeof request !== 'object')
    throw new InvalidRequestError({ field: 'request', message: 'expected an EmbedRequest object' });
  if (!Array.isArray(request.input) || request.input.some((text) => typeof text !== 'string'))
    throw new InvalidRequestError({ field: 'input', message: 'must be an array of strings' });
  if (
    request.dimensions !== undefined &&
    !(Number.isInteger(request.dimensions) && request.dimensions > 0)
  )
    throw new InvalidRequestError({ field: 'dimensions', message: 'must be a positive integer' });
}
