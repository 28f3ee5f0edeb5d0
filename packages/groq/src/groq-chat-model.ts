import {
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
import Groq from 'groq-sdk';
import { buildGroqRequest } from './build-groq-request.js';
import { createCallSignal } from '@modelmux/core';
import { mapGroqError, type GroqErrorContext } from './map-groq-error.js';
import { mapGroqResponse } from './map-groq-response.js';
import { groqCost } from './groq-cost.js';
import { streamGroqChat } from './groq-stream.js';

/** The resolved configuration of one Groq provider instance. */
export interface GroqChatModelConfig {
  name: string;
  /** The real key, or undefined (a custom endpoint then gets a placeholder). */
  apiKey: string | undefined;
  baseURL: string;
  /** True when `baseURL` is not Groq's own (a proxy, a fake). */
  customEndpoint: boolean;
  model: string;
  headers: Record<string, string> | undefined;
  timeoutMs: number | undefined;
  temperature: number | undefined;
  maxTokens: number | undefined;
  catalogue: ModelCatalogue | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

/** Sent to a custom endpoint that needs no key, because the SDK insists on one. Never a real key. */
export const placeholderApiKey = 'modelmux-no-key';

/**
 * A modelmux `Provider` over the official groq-sdk: chat, streaming and a health check. Groq
 * offers no embeddings, so `embed` is absent (check `provider.embed` before calling it).
 */
export class GroqChatModel implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly type = 'groq';
  readonly name: string;
  readonly defaultModel: string;
  private readonly config: GroqChatModelConfig;
  private sdk: Groq | undefined;

  constructor(config: GroqChatModelConfig) {
    this.config = config;
    this.name = config.name;
    this.defaultModel = config.model;
  }

  /** Has a key, or talks to a custom endpoint (a proxy or a fake) that may need none. */
  isAvailable(): boolean {
    return this.config.apiKey !== undefined || this.config.customEndpoint;
  }

  /** One chat completion, normalised; failures are thrown as `ProviderError`. */
  async generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const body = this.body(request);
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    const context: GroqErrorContext = { provider: this.name, model: body.model, signal: request.signal, timedOut: call.timedOut };
    const started = performance.now();
    try {
      const completion = await this.client(context).chat.completions.create({ ...body, stream: false }, { signal: call.signal });
      return mapGroqResponse(completion, {
        provider: this.name,
        requestedModel: body.model,
        responseFormat: request.responseFormat,
        latencyMs: performance.now() - started,
        cost: (models, usage) => this.cost(models, usage),
      });
    } catch (error) {
      throw mapGroqError(error, context);
    } finally {
      call.dispose();
    }
  }

  /** One streamed chat completion; the call starts on the first `next()`, `return()` aborts it. */
  stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const body = this.body(request);
    const context: GroqErrorContext = { provider: this.name, model: body.model, signal: request.signal };
    return streamGroqChat({
      context,
      timeoutMs: this.config.timeoutMs,
      cost: (models, usage) => this.cost(models, usage),
      // Groq reports stream usage in `x_groq.usage` on the last chunk without being asked.
      open: (signal) => this.client(context).chat.completions.create({ ...body, stream: true }, { signal }),
    });
  }

  /** Lists the models (no tokens spent); never throws. */
  async healthCheck(options: { signal?: AbortSignal } = {}): Promise<HealthCheckResult> {
    const call = createCallSignal(options.signal, this.config.timeoutMs);
    const context: GroqErrorContext = { provider: this.name, model: this.defaultModel, signal: options.signal, timedOut: call.timedOut };
    const started = performance.now();
    try {
      await this.client(context).models.list({ signal: call.signal });
      return { healthy: true, latencyMs: performance.now() - started, model: this.defaultModel };
    } catch (error) {
      return { healthy: false, latencyMs: performance.now() - started, model: this.defaultModel, error: mapGroqError(error, context).message };
    } finally {
      call.dispose();
    }
  }

  private body(request: ChatRequest) {
    return buildGroqRequest(request, {
      model: this.defaultModel,
      temperature: this.config.temperature,
      maxTokens: this.config.maxTokens,
      providerOptionKeys: this.name === this.type ? [this.type] : [this.type, this.name],
    });
  }

  private cost(models: readonly (string | undefined)[], usage: Usage): number | undefined {
    return groqCost(models, usage, this.config.catalogue);
  }

  /** The SDK client, made on first use; without a key for Groq itself, an `auth` error and no call. */
  private client(context: GroqErrorContext): Groq {
    if (this.sdk) return this.sdk;
    const { apiKey, customEndpoint } = this.config;
    if (apiKey === undefined && !customEndpoint) {
      throw new ProviderError({
        kind: 'auth',
        provider: context.provider,
        model: context.model,
        isRetryable: false,
        message: `${context.provider}: no API key; pass \`apiKey\` to createGroq() or set GROQ_API_KEY`,
      });
    }
    this.sdk = new Groq({
      apiKey: apiKey ?? placeholderApiKey,
      baseURL: this.config.baseURL,
      maxRetries: 0,
      ...(this.config.timeoutMs !== undefined ? { timeout: this.config.timeoutMs } : {}),
      ...(this.config.headers ? { defaultHeaders: this.config.headers } : {}),
      ...(this.config.fetch ? { fetch: this.config.fetch } : {}),
    });
    return this.sdk;
  }
}
