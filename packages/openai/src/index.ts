// @modelmux/openai: OpenAI and OpenAI-compatible endpoints (Ollama, vLLM, LM Studio) behind the modelmux contract.
export { createOpenAI } from './openai-provider.js';
export {
  openAIBaseURL,
  defaultOpenAIModel,
  defaultOpenAIEmbeddingModel,
  type OpenAISettings,
} from './openai-settings.js';
export {
  OpenAIChatModel,
  placeholderApiKey,
  type OpenAIChatModelConfig,
} from './openai-chat-model.js';
export { openAIDialect, type OpenAIDialectOptions } from './openai-dialect.js';
export { type MaxTokensField } from './build-openai-request.js';
export { mapOpenAICompatibleFinishReason as mapOpenAIFinishReason } from '@modelmux/openai-compatible';
export {
  mapOpenAIError,
  openAIErrorKind,
  openAIErrorDialect,
  type OpenAIErrorContext,
  type OpenAIErrorFields,
} from './map-openai-error.js';
