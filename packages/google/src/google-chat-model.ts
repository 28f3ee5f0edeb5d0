import type { GoogleGenerativeAI, GenerativeModel } from '@google/generative-ai';
import {
  ProviderError,
  estimateCost,
  parseStructuredOutput,
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
import { buildGoogleRequest, type GoogleCall } from './build-google-request.js';
import { createCallSignal, type CallSignal } from '@modelmux/core';
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
  async generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const started = performance.now();
    const model = request.model ?? this.defaultModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    try {
      const prepared = this.prepare(request);
      const { response } = await this.generativeModel(prepared.model).generateContent(prepared.body, { signal: call.signal });
      const answer = mapGoogleResponse(response);
      const resultModel = (response as { modelVersion?: string }).modelVersion || model;
      const parseJson = answer.finishReason === 'stop' || answer.finishReason === 'length';
      const object = parseJson ? parseStructuredOutput<T>(answer.text, request.responseFormat, { provider: this.name, model: resultModel }) : undefined;
      return {
        ...answer,
        ...(object !== undefined ? { object } : {}),
        provider: this.name,
        model: resultModel,
        latencyMs: performance.now() - started,
        costUsd: this.cost(resultModel, answer.usage),
        raw: response,
      };
    } catch (error) {
      throw mapGoogleError(error, this.errorContext(model, call));
    } finally {
      call.dispose();
    }
  }

  /**
   * Streams one `streamGenerateContent` call. The request starts on the first `next()`; a
   * stream that ends without a `finishReason`, breaks off or sends a malformed chunk throws a
   * `ProviderError`; a consumer that stops reading aborts the HTTP request.
   */
  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const model = request.model ?? this.defaultModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    let finished = false;
    try {
      const prepared = this.prepare(request);
      const result = await this.generativeModel(prepared.model).generateContentStream(prepared.body, { signal: call.signal });
      // The SDK also aggregates the stream into `response`; we read `stream`, so only silence it.
      result.response.catch(() => undefined);
      const mapper = new GoogleStreamMapper({ provider: this.name, model });
      let resultModel = model;
      for await (const chunk of result.stream) {
        // Buffered chunks can still arrive after an abort: stop at once instead of yielding them.
        if (call.signal.aborted) throw mapGoogleError(new Error('aborted'), this.errorContext(model, call));
        call.touch();
        resultModel = (chunk as { modelVersion?: string }).modelVersion || resultModel;
        for (const event of mapper.push(chunk)) yield event;
      }
      const end = mapper.end();
      if (call.signal.aborted) throw mapGoogleError(new Error('aborted'), this.errorContext(model, call));
      if (!end) {
        throw new ProviderError({ kind: 'network', provider: this.name, model, message: 'Gemini network: the stream ended without a finishReason (truncated)' });
      }
      finished = true;
      yield { type: 'finish', ...end, provider: this.name, model: resultModel, costUsd: this.cost(resultModel, end.usage) };
    } catch (error) {
      throw mapGoogleError(error, this.errorContext(model, call));
    } finally {
      if (!finished) call.abort();
      call.dispose();
    }
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
          : await embedWithGoogle(this.generativeModel(model), request, call.signal, { provider: this.name, model });
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
  async healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    const started = performance.now();
    try {
      await this.generate({ messages: [{ role: 'user', content: 'ping' }], maxTokens: 1, ...(options.signal ? { signal: options.signal } : {}) });
      return { healthy: true, latencyMs: performance.now() - started, model: this.defaultModel };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { healthy: false, latencyMs: performance.now() - started, model: this.defaultModel, error: message };
    }
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
    return client.getGenerativeModel({ model }, { baseUrl: this.config.baseURL, ...(this.config.headers ? { customHeaders: this.config.headers } : {}) });
  }

  private errorContext(model: string, call: CallSignal): { provider: string; model: string; call: CallSignal; apiKey?: string } {
    return { provider: this.name, model, call, ...(this.config.apiKey ? { apiKey: this.config.apiKey } : {}) };
  }

  private cost(model: string, usage: Usage): number | undefined {
    return estimateCost(model, usage, this.config.catalogue);
  }
}
