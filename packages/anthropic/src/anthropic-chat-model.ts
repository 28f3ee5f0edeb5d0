import type Anthropic from '@anthropic-ai/sdk';
import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import {
  ProviderError,
  estimateCost,
  assertPriceKnown,
  type PriceOptions,
  type UnknownPrice,
  getModelInfo,
  specificationVersion,
  type ChatRequest,
  type ChatResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type StreamEvent,
} from '@modelmux/core';
import {
  type CallSignal,
  formatProviderErrorMessage,
  healthCheckByGenerate,
  missingCredentialsError,
  runProviderGenerate,
  runProviderStream,
} from '@modelmux/core/provider-utils';
import { AnthropicStreamMapper } from './anthropic-stream.js';
import { buildAnthropicRequest, type AnthropicCall } from './build-anthropic-request.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';
import { readAnthropicRateLimit } from './read-anthropic-rate-limit.js';

/** What an `AnthropicChatModel` is made from (`createAnthropic` resolves it from the settings). */
export interface AnthropicChatModelConfig {
  name: string;
  model: string;
  apiKey: string | undefined;
  /** True when the base URL is not Anthropic's own (a local proxy, a gateway): no key needed. */
  customEndpoint: boolean;
  /** Makes the SDK client, on the first call. */
  createClient: () => Anthropic;
  catalogue: ModelCatalogue;
  unknownPrice?: UnknownPrice | undefined;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
}

/**
 * The modelmux `Provider` for Anthropic's Messages API (create it with `createAnthropic`).
 * `generate` and `stream` run on core's call skeleton (validation, the body built before any
 * wire call, our timeout, error mapping); the `anthropic-ratelimit-*` headers become
 * `rateLimit`. Anthropic offers no embeddings, so `embed` is absent.
 */
export class AnthropicChatModel implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type = 'anthropic';
  readonly name: string;
  readonly defaultModel: string;
  private client: Anthropic | undefined;

  private readonly priceOptions: PriceOptions;

  constructor(private readonly config: AnthropicChatModelConfig) {
    this.name = config.name;
    this.defaultModel = config.model;
    this.priceOptions = { catalogue: config.catalogue, unknownPrice: config.unknownPrice };
  }

  /** True with an API key, or with a custom base URL (a proxy may need none); no call is made. */
  isAvailable(): boolean {
    return this.config.apiKey !== undefined || this.config.customEndpoint;
  }

  /** One Messages API call, normalised to a `ChatResult` with the vendor's rate limits. */
  generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    return runProviderGenerate<T, AnthropicCall>({
      ...this.callOptions(request),
      build: (valid, model) => this.prepare(valid, model),
      send: async (signal, prepared) => {
        const client = this.requireClient(prepared.model);
        const { data, response } = await client.messages
          .create(prepared.body, { signal })
          .withResponse();
        const message = this.checkMessage(data, prepared.model);
        const rateLimit = readAnthropicRateLimit(response.headers);
        return {
          ...mapAnthropicResponse(message, prepared.jsonOutput),
          model: message.model,
          raw: message,
          ...(rateLimit ? { rateLimit } : {}),
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
    return runProviderStream<RawMessageStreamEvent, AnthropicCall>({
      ...this.callOptions(request),
      build: (valid, model) => this.prepare(valid, model),
      open: async (signal, prepared) => {
        const client = this.requireClient(prepared.model);
        const { data, response } = await client.messages
          .create({ ...prepared.body, stream: true }, { signal })
          .withResponse();
        const mapper = new AnthropicStreamMapper(prepared.jsonOutput, {
          provider: this.name,
          model: prepared.model,
          rateLimit: readAnthropicRateLimit(response.headers),
        });
        return { chunks: data, mapper };
      },
      modelOf: (event) => (event.type === 'message_start' ? event.message.model : undefined),
      truncatedMessage: (model) =>
        formatProviderErrorMessage({
          provider: this.name,
          model,
          kind: 'network',
          text: 'the stream ended before message_stop (truncated)',
        }),
    });
  }

  /** A one-token call to the default model; never throws. */
  healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    return healthCheckByGenerate(this, options);
  }

  private prepare(request: ChatRequest, model: string): AnthropicCall {
    return buildAnthropicRequest(
      { ...request, model },
      {
        model,
        ...(this.config.temperature !== undefined ? { temperature: this.config.temperature } : {}),
        ...(this.config.maxTokens !== undefined ? { maxTokens: this.config.maxTokens } : {}),
        modelMaxOutputTokens: (id) => getModelInfo(id, this.config.catalogue)?.maxOutputTokens,
      },
    );
  }

  /** A 200 whose body is not a message (an HTML page from a proxy, `null`) is the vendor's failure: `server`. */
  private checkMessage(data: unknown, model: string): Message {
    const message = data as Partial<Message> | null;
    if (message && typeof message === 'object' && Array.isArray(message.content))
      return message as Message;
    const what =
      typeof data === 'string'
        ? /^\s*</.test(data)
          ? 'an HTML page'
          : 'text'
        : `${data === null ? 'null' : typeof data}`;
    throw new ProviderError({
      kind: 'server',
      provider: this.name,
      model,
      message: formatProviderErrorMessage({
        provider: this.name,
        model,
        kind: 'server',
        text: `the response was ${what}, not a message`,
      }),
    });
  }

  private requireClient(model: string): Anthropic {
    if (this.client) return this.client;
    if (!this.isAvailable())
      throw missingCredentialsError(
        this.name,
        model,
        'no API key: pass apiKey to createAnthropic() or set ANTHROPIC_API_KEY',
      );
    this.client = this.config.createClient();
    return this.client;
  }

  /** What generate and stream share: the request (validated by the skeleton), our error mapper and the price. */
  private callOptions(request: ChatRequest) {
    return {
      provider: this.name,
      request,
      defaultModel: this.defaultModel,
      timeoutMs: this.config.timeoutMs,
      mapError: (error: unknown, call: CallSignal, context: { model: string }) =>
        mapAnthropicError(error, {
          provider: this.name,
          model: context.model,
          call,
          apiKey: this.config.apiKey,
        }),
      cost: (resultModel: string, usage: ChatResult['usage']) =>
        estimateCost(resultModel, usage, this.config.catalogue, this.priceOptions),
      checkPrice: (model: string) => assertPriceKnown(this.name, model, this.priceOptions),
    };
  }
}
