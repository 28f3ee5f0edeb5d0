import {
  createCallSignal,
  InvalidRequestError,
  type ChatRequest,
  type EmbedRequest,
  type EmbedResult,
} from '@modelmux/core';
import {
  OpenAICompatibleChatModel,
  type OpenAIChatWireRequest,
  type OpenAICompatibleChatModelConfig,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleInstanceDefaults,
} from '@modelmux/openai-compatible';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { buildOpenAIRequest, type MaxTokensField } from './build-openai-request.js';
import { mapOpenAIError } from './map-openai-error.js';
import { streamOpenAIChat } from './openai-stream.js';

export { placeholderApiKey } from '@modelmux/openai-compatible';

/** The resolved configuration of one OpenAI (or OpenAI-compatible) provider instance. */
export interface OpenAIChatModelConfig extends OpenAICompatibleChatModelConfig {
  baseURL: string;
  embeddingModel: string;
  headers: Record<string, string> | undefined;
  maxTokensField: MaxTokensField;
  fetch: typeof globalThis.fetch | undefined;
  organization: string | undefined;
  project: string | undefined;
}

/** A modelmux `Provider` over the official openai SDK: chat, streaming, embeddings and a health check. */
export class OpenAIChatModel extends OpenAICompatibleChatModel<OpenAI, ChatCompletionChunk> {
  readonly type = 'openai';
  readonly defaultEmbeddingModel: string;
  declare protected readonly config: OpenAIChatModelConfig;
  protected readonly missingKeyHint = 'pass `apiKey` to createOpenAI() or set OPENAI_API_KEY';
  protected readonly requestsStreamUsage = true;
  protected readonly mapError = mapOpenAIError;
  protected readonly runStream = streamOpenAIChat;

  constructor(config: OpenAIChatModelConfig) {
    super(config);
    this.defaultEmbeddingModel = config.embeddingModel;
  }

  /** Embeds a batch of texts (vectors in input order). */
  async embed(request: EmbedRequest): Promise<EmbedResult> {
    if (!Array.isArray(request.input) || request.input.length === 0) {
      throw new InvalidRequestError({
        field: 'input',
        message: 'must be a non-empty array of strings',
      });
    }
    const model = request.model ?? this.defaultEmbeddingModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    const context: OpenAICompatibleErrorContext = {
      provider: this.name,
      model,
      signal: request.signal,
      timedOut: call.timedOut,
    };
    const started = performance.now();
    try {
      const response = await this.client(context).embeddings.create(
        {
          model,
          input: request.input,
          encoding_format: 'float',
          ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
        },
        { signal: call.signal },
      );
      const embeddings = [...response.data]
        .sort((a, b) => a.index - b.index)
        .map((item) => item.embedding);
      const inputTokens = response.usage?.prompt_tokens ?? 0;
      return {
        embeddings,
        usage: { inputTokens },
        provider: this.name,
        model: response.model || model,
        latencyMs: performance.now() - started,
        costUsd: this.cost([response.model, model], {
          inputTokens,
          outputTokens: 0,
          totalTokens: inputTokens,
        }),
      };
    } catch (error) {
      throw mapOpenAIError(error, context);
    } finally {
      call.dispose();
    }
  }

  protected buildBody(
    request: ChatRequest,
    defaults: OpenAICompatibleInstanceDefaults,
  ): OpenAIChatWireRequest {
    return buildOpenAIRequest(request, { ...defaults, maxTokensField: this.config.maxTokensField });
  }

  protected createClient(apiKey: string): OpenAI {
    return new OpenAI({
      apiKey,
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
  }
}
