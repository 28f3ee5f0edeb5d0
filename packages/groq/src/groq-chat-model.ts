import type { ChatRequest } from '@modelmux/core';
import {
  OpenAICompatibleChatModel,
  type OpenAIChatWireRequest,
  type OpenAICompatibleChatModelConfig,
  type OpenAICompatibleInstanceDefaults,
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
  declare protected readonly config: GroqChatModelConfig;
  protected readonly missingKeyHint = 'pass `apiKey` to createGroq() or set GROQ_API_KEY';
  /** Groq reports stream usage in `x_groq.usage` on the last chunk without being asked. */
  protected readonly requestsStreamUsage = false;
  protected readonly mapError = mapGroqError;
  protected readonly runStream = streamGroqChat;

  constructor(config: GroqChatModelConfig) {
    super(config);
  }

  protected buildBody(
    request: ChatRequest,
    defaults: OpenAICompatibleInstanceDefaults,
  ): OpenAIChatWireRequest {
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
}
