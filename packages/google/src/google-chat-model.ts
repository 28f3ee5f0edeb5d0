import type {
  GenerateContentResponse,
  GoogleGenerativeAI,
  GenerativeModel,
} from '@google/generative-ai';
import {
  ProviderError,
  estimateCost,
  createCallSignal,
  healthCheckByGenerate,
  runProviderGenerate,
  runProviderStream,
  specificationVersion,
  type CallSignal,
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type ProviderCallOptions,
  type StreamEvent,
  type Usage,
} from '@modelmux/core';
import { buildGoogleRequest, type GoogleCall } from './build-google-request.js';
import { embedWithGoogle } from './google-embed.js';
import { GoogleStreamMapper } from './google-stream.js';
import { mapGoogleError } from './map-google-error.js';
import { mapGoogleResponse } from './map-google-response.js';

/** What a `GoogleChatModel` is made from (`createGoogle` resolves it from the settings). */
export interface GoogleChatModelConfig {
  name: string;
  model: string;
  embeddingModel: string;
  /** Undefined when no API key is configured: every call then fails with kind `auth`. */
  client: GoogleGenerativeAI | undefined;
  apiKey: string | undefined;
  baseURL: string;
  headers?: Record<string, string>;
  catalogue: ModelCatalogue;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
}

/** The modelmux `Provider` for the Gemini API (create it with `createGoogle`). */
export class GoogleChatModel implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type = 'google';
  readonly name: string;
  readonly defaultModel: string;
  readonly defaultEmbeddingModel: string;

  constructor(private readonly config: GoogleChatModelConfig) {
    this.name = config.name;
    this.defaultModel = config.model;
    this.defaultEmbeddingModel = config.embeddingModel;
  }

  /** True when an API key is configured (no call is made). */
  isAvailable(): boolean {
    return this.config.client !== undefined;
  }

  /** One `generateContent` call, normalised to a `ChatResult`. */
  generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    return runProviderGenerate<T>({
      ...this.callOptions(request),
      responseFormat: request.responseFormat,
      send: async (signal) => {
        const prepared = this.prepare(request);
        const { response } = await this.generativeModel(prepared.model).generateContent(
          prepared.body,
          { signal },
        );
        return {
          ...mapGoogleResponse(response),
          model: (response as { modelVersion?: string }).modelVersion,
          raw: response,
        };
      },
    });
  }

  /**
   * Streams one `streamGenerateContent` call. The request starts on the first `next()`; a
   * stream that ends without a `finishReason`, breaks off or sends a malformed chunk throws a
   * `ProviderError`; a consumer that stops reading aborts the HTTP request.
   */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const call = this.callOptions(request);
    return runProviderStream<GenerateContentResponse>({
      ...call,
      open: async (signal) => {
        const prepared = this.prepare(request);
        const result = await this.generativeModel(prepared.model).generateContentStream(
          prepared.body,
          { signal },
        );
        // The SDK also aggregates the stream into `response`; we read `stream`, so only silence it.
        result.response.catch(() => undefined);
        return {
          chunks: result.stream,
          mapper: new GoogleStreamMapper({ provider: this.name, model: call.model }),
        };
      },
      modelOf: (chunk) => (chunk as { modelVersion?: string }).modelVersion,
      truncatedMessage: () => 'Gemini network: the stream ended without a finishReason (truncated)',
    });
  }

  /** Embeds the inputs with one `batchEmbedContents` call (`text-embedding-004` unless set). */
  async embed(request: EmbedRequest): Promise<EmbedResult> {
    const started = performance.now();
    const model = request.model ?? this.defaultEmbeddingModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    try {
      const { embeddings, inputTokens } =
        request.input.length === 0
          ? { embeddings: [], inputTokens: 0 }
          : await embedWithGoogle(this.generativeModel(model), request, call.signal, {
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

  private prepare(request: ChatRequest): GoogleCall {
    return buildGoogleRequest(request, {
      model: this.defaultModel,
      ...(this.config.temperature !== undefined ? { temperature: this.config.temperature } : {}),
      ...(this.config.maxTokens !== undefined ? { maxTokens: this.config.maxTokens } : {}),
    });
  }

  /** A Gemini model handle with our base URL and headers (no SDK timeout: we time calls ourselves). */
  private generativeModel(model: string): GenerativeModel {
    const client = this.config.client;
    if (!client) {
      throw new ProviderError({
        kind: 'auth',
        provider: this.name,
        model,
        isRetryable: false,
        message: `Gemini auth: no API key for "${this.name}": pass apiKey or set GOOGLE_API_KEY (or GEMINI_API_KEY)`,
      });
    }
    return client.getGenerativeModel(
      { model },
      {
        baseUrl: this.config.baseURL,
        ...(this.config.headers ? { customHeaders: this.config.headers } : {}),
      },
    );
  }

  /** What generate and stream share: the model, the signals, our error mapper and the price. */
  private callOptions(request: ChatRequest): ProviderCallOptions {
    const model = request.model ?? this.defaultModel;
    return {
      provider: this.name,
      model,
      signal: request.signal,
      timeoutMs: this.config.timeoutMs,
      mapError: (error, call) => mapGoogleError(error, this.errorContext(model, call)),
      cost: (resultModel, usage) => this.cost(resultModel, usage),
    };
  }

  private errorContext(
    model: string,
    call: CallSignal,
  ): { provider: string; model: string; call: CallSignal; apiKey?: string } {
    return {
      provider: this.name,
      model,
      call,
      ...(this.config.apiKey ? { apiKey: this.config.apiKey } : {}),
    };
  }

  private cost(model: string, usage: Usage): number | undefined {
    return estimateCost(model, usage, this.config.catalogue);
  }
}
