import { InvalidRequestError, type EmbedRequest, type EmbedResult } from '@modelmux/core';
import { createCallSignal } from '@modelmux/core/provider-utils';
import {
  OpenAICompatibleChatModel,
  type OpenAICompatibleChatModelConfig,
} from '@modelmux/openai-compatible';
import type OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { openAIDialect, type OpenAIDialectOptions } from './openai-dialect.js';

export { placeholderApiKey } from '@modelmux/openai-compatible';

/** The resolved configuration of one OpenAI (or OpenAI-compatible) provider instance. */
export interface OpenAIChatModelConfig
  extends OpenAICompatibleChatModelConfig, OpenAIDialectOptions {
  embeddingModel: string;
}

/**
 * A modelmux `Provider` over the official openai SDK: the shared `OpenAICompatibleChatModel`
 * with OpenAI's dialect (chat, streaming, a health check), plus embeddings.
 */
export class OpenAIChatModel extends OpenAICompatibleChatModel<OpenAI, ChatCompletionChunk> {
  readonly defaultEmbeddingModel: string;

  constructor(config: OpenAIChatModelConfig) {
    super(config, openAIDialect(config));
    this.defaultEmbeddingModel = config.embeddingModel;
  }

  /** Embeds a batch of texts (vectors in input order); failures reject as typed errors. */
  async embed(request: EmbedRequest): Promise<EmbedResult> {
    if (!request || !Array.isArray(request.input) || request.input.length === 0) {
      throw new InvalidRequestError({
        field: 'input',
        message: 'must be a non-empty array of strings',
      });
    }
    if (request.signal !== undefined && !(request.signal instanceof AbortSignal)) {
      throw new InvalidRequestError({ field: 'signal', message: 'must be an AbortSignal' });
    }
    const model = request.model ?? this.defaultEmbeddingModel;
    const call = createCallSignal(request.signal, this.config.timeoutMs);
    const started = performance.now();
    try {
      const response = await this.client(model).embeddings.create(
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
      throw this.mapError(error, { provider: this.name, model, call });
    } finally {
      call.dispose();
    }
  }
}
