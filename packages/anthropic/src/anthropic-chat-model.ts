import type Anthropic from '@anthropic-ai/sdk';
import {
  ProviderError,
  estimateCost,
  getModelInfo,
  parseStructuredOutput,
  specificationVersion,
  type ChatRequest,
  type ChatResult,
  type HealthCheckResult,
  type ModelCatalogue,
  type Provider,
  type StreamEvent,
  type Usage,
} from '@modelmux/core';
import { AnthropicStreamMapper } from './anthropic-stream.js';
import { buildAnthropicRequest, type AnthropicCall } from './build-anthropic-request.js';
import { createCallSignal } from '@modelmux/core';
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
  async generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    const started = performance.now();
    const model = request.model ?? this.defaultModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    try {
      const client = this.requireClient(model);
      const prepared = this.prepare(request);
      const message = await client.messages.create(prepared.body, { signal: call.signal });
      const answer = mapAnthropicResponse(message, prepared.jsonOutput);
      const resultModel = message.model || model;
      const parseJson = answer.finishReason === 'stop' || answer.finishReason === 'length';
      const object = parseJson ? parseStructuredOutput<T>(answer.text, request.responseFormat, { provider: this.name, model: resultModel }) : undefined;
      return {
        ...answer,
        ...(object !== undefined ? { object } : {}),
        provider: this.name,
        model: resultModel,
        latencyMs: performance.now() - started,
        costUsd: this.cost(resultModel, answer.usage),
        raw: message,
      };
    } catch (error) {
      throw mapAnthropicError(error, { provider: this.name, model, call, apiKey: this.config.apiKey });
    } finally {
      call.dispose();
    }
  }

  /**
   * Streams one Messages API call. The request starts on the first `next()`; a stream that ends
   * without `message_stop`, breaks off or carries an `error` event throws a `ProviderError`;
   * a consumer that stops reading aborts the HTTP request.
   */
  async *stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const model = request.model ?? this.defaultModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    let finished = false;
    try {
      const client = this.requireClient(model);
      const prepared = this.prepare(request);
      const mapper = new AnthropicStreamMapper(prepared.jsonOutput, { provider: this.name, model });
      const events = await client.messages.create({ ...prepared.body, stream: true }, { signal: call.signal });
      let resultModel = model;
      for await (const event of events) {
        // Buffered events can still arrive after an abort: stop at once instead of yielding them.
        if (call.signal.aborted) throw mapAnthropicError(new Error('aborted'), { provider: this.name, model, call });
        call.touch();
        if (event.type === 'message_start' && event.message.model) resultModel = event.message.model;
        for (const out of mapper.push(event)) yield out;
      }
      const end = mapper.end();
      // The SDK ends a stream quietly when its signal aborts: say why (timeout or caller).
      if (call.signal.aborted) throw mapAnthropicError(new Error('aborted'), { provider: this.name, model, call });
      if (!end) {
        throw new ProviderError({
          kind: 'network',
          provider: this.name,
          model,
          message: 'Anthropic network: the stream ended before message_stop (truncated)',
        });
      }
      finished = true;
      yield { type: 'finish', ...end, provider: this.name, model: resultModel, costUsd: this.cost(resultModel, end.usage) };
    } catch (error) {
      throw mapAnthropicError(error, { provider: this.name, model, call, apiKey: this.config.apiKey });
    } finally {
      if (!finished) call.abort();
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

  private cost(model: string, usage: Usage): number | undefined {
    return estimateCost(model, usage, this.config.catalogue);
  }
}
