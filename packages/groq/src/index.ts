// @modelmux/groq: Groq behind the modelmux contract (chat and streaming; Groq offers no embeddings).
export { createGroq } from './groq-provider.js';
export { groqBaseURL, defaultGroqModel, type GroqSettings } from './groq-settings.js';
export { GroqChatModel, placeholderApiKey, type GroqChatModelConfig } from './groq-chat-model.js';
export { groqDialect, groqStreamUsage } from './groq-dialect.js';
export { mapOpenAICompatibleFinishReason as mapGroqFinishReason } from '@modelmux/openai-compatible';
export {
  mapGroqError,
  groqErrorKind,
  groqErrorDialect,
  type GroqErrorContext,
  type GroqErrorFields,
} from './map-groq-error.js';
