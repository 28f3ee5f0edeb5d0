import type { ChatRequest, ProviderError, StreamEvent } from '@modelmux/core';
import {
  OpenAICompatibleChatModel,
  type OpenAIChatWireCompletion,
  type OpenAIChatWireRequest,
  type OpenAICompatibleChatModelConfig,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleInstanceDefaults,
  type OpenAICompatibleStreamCall,
} from '@modelmux/openai-compatible';
import Groq from 'groq-sdk';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { buildGroqRequest } from './build-groq-request.js';
import { mapGroqError } from './map-groq-error.js';
import { streamGroqChat } from './groq-stream.js';

export { placeholderApiKey } from '@modelmux/openai-compatible';

/** The resolved configuration of one Groq provider instance. */
export interface GroqChatModelConfig extends OpenAICompatibleChatModelConfig {
  baseURL: string;
  headers: Record<string, string> | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

/**
 * A modelmux `Provider` over the official groq-sdk: chat, streaming and a health check. Groq
 * offers no embeddings, so `embed` is absent (check `provider.embed` before calling it).
 */
export class GroqChatModel extends OpenAICompatibleChatModel<Groq, ChatCompletionChunk> {
  readonly type = 'groq';
  protected declare readonly config: GroqChatModelConfig;
  protected readonly missingKeyHint = 'pass `apiKey` to createGroq() or set GROQ_API_KEY';

  constructor(config: GroqChatModelConfig) {
    super(config);
  }

  protected buildBody(request: ChatRequest, defaults: OpenAICompatibleInstanceDefaults): OpenAIChatWireRequest {
    return buildGroqRequest(request, defaults);
  }

  protected createClient(apiKey: string): Groq {
    return new Groq({
      apiKey,
      baseURL: this.config.baseURL,
      maxRetries: 0,
      ...(this.config.timeoutMs !== undefined ? { timeout: this.config.timeoutMs } : {}),
      ...(this.config.headers ? { defaultHeaders: this.config.headers } : {}),
      ...(this.config.fetch ? { fetch: this.config.fetch } : {}),
    });
  }

  protected complete(client: Groq, body: OpenAIChatWireRequest, signal: AbortSignal): Promise<OpenAIChatWireCompletion> {
    return client.chat.completions.create({ ...body, stream: false }, { signal });
  }

  /** Groq reports stream usage in `x_groq.usage` on the last chunk without being asked (no `stream_options`). */
  protected openStream(client: Groq, body: OpenAIChatWireRequest, signal: AbortSignal): Promise<AsyncIterable<ChatCompletionChunk>> {
    return client.chat.completions.create({ ...body, stream: true }, { signal });
  }

  protected runStream(call: OpenAICompatibleStreamCall<ChatCompletionChunk>): AsyncGenerator<StreamEvent, void, undefined> {
    return streamGroqChat(call);
  }

  protected listModels(client: Groq, signal: AbortSignal): Promise<unknown> {
    return client.models.list({ signal });
  }

  protected mapError(error: unknown, context: OpenAICompatibleErrorContext): ProviderError {
    return mapGroqError(error, context);
  }
}
