import {
  InvalidRequestError,
  ProviderError,
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
import OpenAI from 'openai';
import { buildOpenAIRequest, type MaxTokensField } from './build-openai-request.js';
import { createCallSignal } from '@modelmux/core';
import { mapOpenAIError, type OpenAIErrorContext } from './map-openai-error.js';
import { mapOpenAIResponse } from './map-openai-response.js';
import { openAICost } from './openai-cost.js';
import { streamOpenAIChat } from './openai-stream.js';

/** The resolved configuration of one OpenAI (or OpenAI-compatible) provider instance. */
export interface OpenAIChatModelConfig {
  name: string;
  /** The real key, or undefined (a compatible endpoint then gets a placeholder). */
  apiKey: string | undefined;
  baseURL: string;
  /** True when `baseURL` is not OpenAI's own (Ollama, vLLM, LM Studio, a proxy, a fake). */
  customEndpoint: boolean;
  model: string;
  embeddingModel: string;
  headers: Record<string, string> | undefined;
  timeoutMs: number | undefined;
  temperature: number | undefined;
  maxTokens: number | undefined;
  maxTokensField: MaxTokensField;
  catalogue: ModelCatalogue | undefined;
  fetch: typeof globalThis.fetch | undefined;
  organization: string | undefined;
  project: string | undefined;
}

/** Sent to compatible endpoints that need no key, because the SDK insists on one. Never a real key. */
export const placeholderApiKey = 'modelmux-no-key';

/** A modelmux `Provider` over the official openai SDK: chat, streaming, embeddings and a health check. */
export class OpenAIChatModel implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type = 'openai';
  readonly name: string;
  readonly defaultModel: string;
  readonly defaultEmbeddingModel: string;
  private readonly config: OpenAIChatModelConfig;
  private sdk: OpenAI | undefined;

  constructor(config: OpenAIChatModelConfig) {
    this.config = config;
    this.name = config.name;
    this.defaultModel = config.model;
    this.defaultEmbeddingModel = config.embeddingModel;
  }

  /** Has a key, or talks to a custom (OpenAI-compatible) endpoint that may need none. */
  isAvailable(): boolean {
    return this.config.apiKey !== undefined || this.config.customEndpoint;
  }

  /** One chat completion, normalised; failures are thrown as `ProviderError`. */
  async generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const body = this.body(request);
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    const context: OpenAIErrorContext = { provider: this.name, model: body.model, signal: request.signal, timedOut: call.timedOut };
    const started = performance.now();
    try {
      const completion = await this.client(context).chat.completions.create({ ...body, stream: false }, { signal: call.signal });
      return mapOpenAIResponse(completion, {
        provider: this.name,
        requestedModel: body.model,
        responseFormat: request.responseFormat,
        latencyMs: performance.now() - started,
        cost: (models, usage) => this.cost(models, usage),
      });
    } catch (error) {
      throw mapOpenAIError(error, context);
    } finally {
      call.dispose();
    }
  }

  /** One streamed chat completion; the call starts on the first `next()`, `return()` aborts it. */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const body = this.body(request);
    const context: OpenAIErrorContext = { provider: this.name, model: body.model, signal: request.signal };
    return streamOpenAIChat({
      context,
      timeoutMs: this.config.timeoutMs,
      cost: (models, usage) => this.cost(models, usage),
      open: (signal) => this.client(context).chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal }),
    });
  }

  /** Embeds a batch of texts (vectors in input order). */
  async embed(request: EmbedRequest): Promise<EmbedResult> {
    if (!Array.isArray(request.input) || request.input.length === 0) {
      throw new InvalidRequestError({ field: 'input', message: 'must be a non-empty array of strings' });
    }
    const model = request.model ?? this.defaultEmbeddingModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    const context: OpenAIErrorContext = { provider: this.name, model, signal: request.signal, timedOut: call.timedOut };
    const started = performance.now();
    try {
      const response = await this.client(context).embeddings.create(
        { model, input: request.input, encoding_format: 'float', ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}) },
        { signal: call.signal },
      );
      const embeddings = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
      const inputTokens = response.usage?.prompt_tokens ?? 0;
      return {
        embeddings,
        usage: { inputTokens },
        provider: this.name,
        model: response.model || model,
        latencyMs: performance.now() - started,
        costUsd: this.cost([response.model, model], { inputTokens, outputTokens: 0, totalTokens: inputTokens }),
      };
    } catch (error) {
      throw mapOpenAIError(error, context);
    } finally {
      call.dispose();
    }
  }

  /** Lists the models (no tokens spent); never throws. */
  async healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    const call = createCallSignal(options.signal, this.config.timeoutMs);
    const context: OpenAIErrorContext = { provider: this.name, model: this.defaultModel, signal: options.signal, timedOut: call.timedOut };
    const started = performance.now();
    try {
      await this.client(context).models.list({ signal: call.signal });
      return { healthy: true, latencyMs: performance.now() - started, model: this.defaultModel };
    } catch (error) {
      return { healthy: false, latencyMs: performance.now() - started, model: this.defaultModel, error: mapOpenAIError(error, context).message };
    } finally {
      call.dispose();
    }
  }

  private body(request: ChatRequest) {
    return buildOpenAIRequest(request, {
      model: this.defaultModel,
      temperature: this.config.temperature,
      maxTokens: this.config.maxTokens,
      maxTokensField: this.config.maxTokensField,
      providerOptionKeys: this.name === this.type ? [this.type] : [this.type, this.name],
    });
  }

  private cost(models: readonly (string | undefined)[], usage: Usage): number | undefined {
    return openAICost(models, usage, this.config.catalogue);
  }

  /** The SDK client, made on first use; without a key for OpenAI itself, an `auth` error and no call. */
  private client(context: OpenAIErrorContext): OpenAI {
    if (this.sdk) return this.sdk;
    const { apiKey, customEndpoint } = this.config;
    if (apiKey === undefined && !customEndpoint) {
      throw new ProviderError({
        kind: 'auth',
        provider: context.provider,
        model: context.model,
        isRetryable: false,
        message: `${context.provider}: no API key; pass \`apiKey\` to createOpenAI() or set OPENAI_API_KEY`,
      });
    }
    this.sdk = new OpenAI({
      apiKey: apiKey ?? placeholderApiKey,
      baseURL: this.config.baseURL,
      maxRetries: 0,
      adminAPIKey: null,
      organization: this.config.organization ?? null,
      project: this.config.project ?? null,
      webhookSecret: null,
      ...(this.config.timeoutMs !== undefined ? { timeout: this.config.timeoutMs } : {}),
      ...(this.config.headers ? { defaultHeaders: this.config.headers } : {}),
      ...(this.config.fetch ? { fetch: this.config.fetch } : {}),
    });
    return this.sdk;
  }
}
