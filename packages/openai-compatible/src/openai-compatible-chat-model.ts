import {
  countRequestTokens,
  estimateCost,
  assertPriceKnown,
  type UnknownPrice,
  ProviderError,
  specificationVersion,
  type ChatRequest,
  type ChatResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type StreamEvent,
} from '@modelmux/core';
import {
  createCallSignal,
  missingCredentialsError,
  runProviderGenerate,
  runProviderStream,
} from '@modelmux/core/provider-utils';
import {
  mapOpenAICompatibleError,
  type OpenAICompatibleErrorContext,
} from './map-openai-compatible-error.js';
import { mapOpenAICompatibleResponse } from './map-openai-compatible-response.js';
import type { OpenAIChatWireChunk, OpenAIChatWireRequest } from './openai-chat-wire.js';
import type {
  OpenAICompatibleClient,
  OpenAICompatibleDialect,
} from './openai-compatible-dialect.js';
import { createOpenAICompatibleStreamMapper } from './openai-compatible-stream-mapper.js';
import { providerErrorMessage } from './provider-error-message.js';
import { readOpenAICompatibleRateLimit } from './read-openai-compatible-rate-limit.js';

/** The resolved configuration of one instance (`createOpenAI`, `createGroq` make it from the settings). */
export interface OpenAICompatibleChatModelConfig {
  name: string;
  /** The real key, or undefined (a custom endpoint then gets a placeholder). */
  apiKey: string | undefined;
  baseURL: string;
  /** True when the base URL is not the vendor's own (a compatible server, a proxy, a fake). */
  customEndpoint: boolean;
  model: string;
  headers: Record<string, string> | undefined;
  /** Our timeout over the whole call (a stream: the longest wait for the response, then between two chunks). */
  timeoutMs: number | undefined;
  temperature: number | undefined;
  maxTokens: number | undefined;
  catalogue: ModelCatalogue | undefined;
  /** What a model missing from the catalogue costs (core's `UnknownPrice`). */
  unknownPrice?: UnknownPrice | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

/** Sent to custom endpoints that need no key, because the SDKs insist on one. Never a real key. */
export const placeholderApiKey = 'modelmux-no-key';

/**
 * A modelmux `Provider` over any SDK that speaks OpenAI's chat completions, configured by a
 * vendor dialect (`OpenAICompatibleDialect`: the SDK client, the request body, stream usage and
 * the error table as data). `generate` and `stream` run on core's `runProviderGenerate` /
 * `runProviderStream` (validation, the body built before any wire call, our timeout, error
 * mapping); the vendor's rate-limit headers become `rateLimit`; the SDK client is made on the
 * first call; `healthCheck` lists the models (no tokens).
 *
 * @example
 * const acme = new OpenAICompatibleChatModel(config, acmeDialect);
 * const { text, rateLimit } = await acme.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export class OpenAICompatibleChatModel<
  Client extends OpenAICompatibleClient<Chunk>,
  Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk,
> implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type: string;
  readonly name: string;
  readonly defaultModel: string;
  protected readonly config: OpenAICompatibleChatModelConfig;
  protected readonly dialect: OpenAICompatibleDialect<Client, Chunk>;
  private sdk: Client | undefined;

  constructor(
    config: OpenAICompatibleChatModelConfig,
    dialect: OpenAICompatibleDialect<Client, Chunk>,
  ) {
    this.config = config;
    this.dialect = dialect;
    this.type = dialect.type;
    this.name = config.name;
    this.defaultModel = config.model;
  }

  /** Has a key, or talks to a custom endpoint (a compatible server, a proxy, a fake) that may need none. */
  isAvailable(): boolean {
    return this.config.apiKey !== undefined || this.config.customEndpoint;
  }

  /** One chat completion, normalised, with the vendor's rate limits; failures reject as typed errors. */
  generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const options = this.callOptions(request);
    return runProviderGenerate<T, OpenAIChatWireRequest>({
      ...options,
      send: async (signal, body) => {
        const client = this.client(body.model);
        const { data, response } = await client.chat.completions
          .create({ ...body, stream: false }, { signal })
          .withResponse();
        const answer = mapOpenAICompatibleResponse(data, {
          provider: this.name,
          requestedModel: body.model,
        });
        const rateLimit = readOpenAICompatibleRateLimit(response.headers);
        return rateLimit ? { ...answer, rateLimit } : answer;
      },
    });
  }

  /**
   * One streamed chat completion: the call starts on the first `next()`, `return()` aborts it.
   * A stream with a finish reason but no usage (a server ignoring `include_usage`) finishes with
   * estimated usage (`usageEstimated`); one without a finish reason is truncated.
   */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    return runProviderStream<Chunk, OpenAIChatWireRequest>({
      ...this.callOptions(request),
      open: async (signal, body, valid) => {
        const client = this.client(body.model);
        const streamBody = {
          ...body,
          stream: true as const,
          ...(this.dialect.requestsStreamUsage ? { stream_options: { include_usage: true } } : {}),
        };
        const { data, response } = await client.chat.completions
          .create(streamBody, { signal })
          .withResponse();
        const mapper = createOpenAICompatibleStreamMapper<Chunk>({
          provider: this.name,
          model: body.model,
          usageOf: this.dialect.usageOf,
          estimateInputTokens: () => countRequestTokens(valid),
          rateLimit: readOpenAICompatibleRateLimit(response.headers),
        });
        return { chunks: data, mapper };
      },
      modelOf: (chunk) => chunk.model,
      truncatedMessage: (model) =>
        providerErrorMessage({
          provider: this.name,
          model,
          kind: 'network',
          text: 'the stream ended without a finish reason (truncated)',
        }),
    });
  }

  /** Lists the models (no tokens spent); never throws. */
  async healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    const model = this.defaultModel;
    if (options?.signal !== undefined && !(options.signal instanceof AbortSignal))
      return { healthy: false, latencyMs: 0, model, error: 'signal: must be an AbortSignal' };
    const call = createCallSignal(options?.signal, this.config.timeoutMs);
    const started = performance.now();
    try {
      await this.client(model).models.list({ signal: call.signal });
      return { healthy: true, latencyMs: performance.now() - started, model };
    } catch (error) {
      return {
        healthy: false,
        latencyMs: performance.now() - started,
        model,
        error: this.mapError(error, { provider: this.name, model, call }).message,
      };
    } finally {
      call.dispose();
    }
  }

  /** Maps anything an SDK call threw with the dialect's error table. */
  protected mapError(error: unknown, context: OpenAICompatibleErrorContext): ProviderError {
    return mapOpenAICompatibleError(error, context, this.dialect.errors);
  }

  /** The cost of a call: the model as returned, then as requested, from the configured catalogue. */
  protected cost(models: readonly (string | undefined)[], usage: ChatResult['usage']) {
    const named = models.filter((m): m is string => !!m);
    for (const model of named) {
      // 'refuse' here only means "no fallback price yet": the catalogue is tried for every name first.
      const cost = estimateCost(model, usage, this.config.catalogue, { unknownPrice: 'refuse' });
      if (cost !== undefined) return cost;
    }
    const last = named.at(-1);
    return last === undefined
      ? undefined
      : estimateCost(last, usage, this.config.catalogue, {
          unknownPrice: this.config.unknownPrice,
        });
  }

  /** The SDK client, made on first use; without a key for the vendor itself, an `auth` error and no call. */
  protected client(model: string): Client {
    if (this.sdk) return this.sdk;
    const { apiKey, customEndpoint } = this.config;
    if (apiKey === undefined && !customEndpoint) {
      throw missingCredentialsError(this.name, model, `no API key; ${this.dialect.missingKeyHint}`);
    }
    this.sdk = this.dialect.createClient({
      apiKey: apiKey ?? placeholderApiKey,
      baseURL: this.config.baseURL,
      headers: this.config.headers,
      timeoutMs: this.config.timeoutMs,
      fetch: this.config.fetch,
    });
    return this.sdk;
  }

  /**
   * What generate and stream share: the request (validated by the skeleton), the body builder,
   * errors, and the price (on the model the vendor returned, then the one requested).
   */
  private callOptions(request: ChatRequest) {
    let requested: string | undefined;
    return {
      build: (valid: ChatRequest, model: string): OpenAIChatWireRequest => {
        requested = model;
        return this.body(valid, model);
      },
      provider: this.name,
      request,
      defaultModel: this.defaultModel,
      timeoutMs: this.config.timeoutMs,
      mapError: (
        error: unknown,
        call: OpenAICompatibleErrorContext['call'],
        context: { model: string },
      ) => this.mapError(error, { provider: this.name, model: context.model, call }),
      cost: (model: string, usage: ChatResult['usage']) => this.cost([model, requested], usage),
      checkPrice: (model: string) =>
        assertPriceKnown(this.name, model, {
          catalogue: this.config.catalogue,
          unknownPrice: this.config.unknownPrice,
        }),
    };
  }

  private body(request: ChatRequest, model: string): OpenAIChatWireRequest {
    return this.dialect.buildBody(
      { ...request, model },
      {
        model,
        temperature: this.config.temperature,
        maxTokens: this.config.maxTokens,
        providerOptionKeys: this.name === this.type ? [this.type] : [this.type, this.name],
      },
    );
  }
}
