import type Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import {
  ProviderError,
  estimateCost,
  getModelInfo,
  healthCheckByGenerate,
  runProviderGenerate,
  runProviderStream,
  specificationVersion,
  type ChatRequest,
  type ChatResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type ProviderCallOptions,
  type StreamEvent,
} from '@modelmux/core';
import { AnthropicStreamMapper } from './anthropic-stream.js';
import { buildAnthropicRequest, type AnthropicCall } from './build-anthropic-request.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';

/** What an `AnthropicChatModel` is made from (`createAnthropic` resolves it from the settings). */
export interface AnthropicChatModelConfig {
  name: string;
  model: string;
  /** Undefined when no API key is configured: every call then fails with kind `auth`. */
  client: Anthropic | undefined;
  apiKey: string | undefined;
  catalogue: ModelCatalogue;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
}

/**
 * The modelmux `Provider` for Anthropic's Messages API (create it with `createAnthropic`).
 * Anthropic offers no embeddings, so `embed` is absent (check `provider.embed` before calling it).
 */
export class AnthropicChatModel implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type = 'anthropic';
  readonly name: string;
  readonly defaultModel: string;

  constructor(private readonly config: AnthropicChatModelConfig) {
    this.name = config.name;
    this.defaultModel = config.model;
  }

  /** True when an API key is configured (no call is made). */
  isAvailable(): boolean {
    return this.config.client !== undefined;
  }

  /** One Messages API call, normalised to a `ChatResult`. */
  generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const call = this.callOptions(request);
    return runProviderGenerate<T>({
      ...call,
      responseFormat: request.responseFormat,
      send: async (signal) => {
        const client = this.requireClient(call.model);
        const prepared = this.prepare(request);
        const message = await client.messages.create(prepared.body, { signal });
        return {
          ...mapAnthropicResponse(message, prepared.jsonOutput),
          model: message.model,
          raw: message,
        };
      },
    });
  }

  /**
   * Streams one Messages API call. The request starts on the first `next()`; a stream that ends
   * without `message_stop`, breaks off or carries an `error` event throws a `ProviderError`;
   * a consumer that stops reading aborts the HTTP request.
   */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const call = this.callOptions(request);
    return runProviderStream<RawMessageStreamEvent>({
      ...call,
      open: async (signal) => {
        const client = this.requireClient(call.model);
        const prepared = this.prepare(request);
        const mapper = new AnthropicStreamMapper(prepared.jsonOutput, {
          provider: this.name,
          model: call.model,
        });
        return {
          chunks: await client.messages.create({ ...prepared.body, stream: true }, { signal }),
          mapper,
        };
      },
      modelOf: (event) => (event.type === 'message_start' ? event.message.model : undefined),
      truncatedMessage: () => 'Anthropic network: the stream ended before message_stop (truncated)',
    });
  }

  /** A one-token call to the default model; never throws. */
  healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    return healthCheckByGenerate(this, options);
  }

  private prepare(request: ChatRequest): AnthropicCall {
    return buildAnthropicRequest(request, {
      model: this.defaultModel,
      ...(this.config.temperature !== undefined ? { temperature: this.config.temperature } : {}),
      ...(this.config.maxTokens !== undefined ? { maxTokens: this.config.maxTokens } : {}),
      modelMaxOutputTokens: (model) => getModelInfo(model, this.config.catalogue)?.maxOutputTokens,
    });
  }

  private requireClient(model: string): Anthropic {
    if (this.config.client) return this.config.client;
    throw new ProviderError({
      kind: 'auth',
      provider: this.name,
      model,
      isRetryable: false,
      message: `Anthropic auth: no API key for "${this.name}": pass apiKey or set ANTHROPIC_API_KEY`,
    });
  }

  /** What generate and stream share: the model, the signals, our error mapper and the price. */
  private callOptions(request: ChatRequest): ProviderCallOptions & { model: string } {
    const model = request.model ?? this.defaultModel;
    return {
      provider: this.name,
      model,
      signal: request.signal,
      timeoutMs: this.config.timeoutMs,
      mapError: (error, call) =>
        mapAnthropicError(error, { provider: this.name, model, call, apiKey: this.config.apiKey }),
      cost: (resultModel, usage) => estimateCost(resultModel, usage, this.config.catalogue),
    };
  }
}
