// @modelmux/groq: Groq behind the modelmux contract (chat and streaming; Groq offers no embeddings).
export { createGroq, groqBaseURL, defaultGroqModel, type GroqSettings } from './groq-provider.js';
export { GroqChatModel, placeholderApiKey, type GroqChatModelConfig } from './groq-chat-model.js';
export { mapOpenAICompatibleFinishReason as mapGroqFinishReason } from '@modelmux/openai-compatible';
export {
  mapGroqError,
  groqErrorKind,
  type GroqErrorContext,
  type GroqErrorFields,
} from './map-groq-error.js';
