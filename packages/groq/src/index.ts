// @modelmux/groq: Groq behind the modelmux contract (chat and streaming; Groq offers no embeddings).
export { createGroq, groqBaseURL, defaultGroqModel, type GroqSettings } from './groq-provider.js';
export { GroqChatModel, placeholderApiKey, type GroqChatModelConfig } from './groq-chat-model.js';
export { mapGroqFinishReason } from './map-groq-finish-reason.js';
export { mapGroqError, groqErrorKind, type GroqErrorContext, type GroqErrorFields } from './map-groq-error.js';
