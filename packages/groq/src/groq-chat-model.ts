import {
  OpenAICompatibleChatModel,
  type OpenAICompatibleChatModelConfig,
} from '@modelmux/openai-compatible';
import type Groq from 'groq-sdk';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { groqDialect } from './groq-dialect.js';

export { placeholderApiKey } from '@modelmux/openai-compatible';

/** The resolved configuration of one Groq provider instance. */
export type GroqChatModelConfig = OpenAICompatibleChatModelConfig;

/**
 * A modelmux `Provider` over the official groq-sdk: the shared `OpenAICompatibleChatModel` with
 * Groq's dialect (chat, streaming and a health check). Groq offers no embeddings, so `embed` is
 * absent (check `provider.embed` before calling it).
 */
export class GroqChatModel extends OpenAICompatibleChatModel<Groq, ChatCompletionChunk> {
  constructor(config: GroqChatModelConfig) {
    super(config, groqDialect);
  }
}
