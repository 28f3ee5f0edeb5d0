// @modelmux/openai-compatible: one chat model for every SDK that speaks OpenAI's chat
// completions (@modelmux/openai, @modelmux/groq), configured by a vendor dialect. SDK-free:
// typed on its own wire types, which the SDKs' objects fit structurally.
export type {
  OpenAIChatWireMessage,
  OpenAIChatWireContentPart,
  OpenAIChatWireToolCall,
  OpenAIChatWireTool,
  OpenAIChatWireToolChoice,
  OpenAIChatWireResponseFormat,
  OpenAIChatWireRequest,
  OpenAIChatWireUsage,
  OpenAIChatWireResponseToolCall,
  OpenAIChatWireChoice,
  OpenAIChatWireCompletion,
  OpenAIChatWireChunkToolCall,
  OpenAIChatWireChunkDelta,
  OpenAIChatWireChunkChoice,
  OpenAIChatWireChunk,
} from './openai-chat-wire.js';
export {
  convertToOpenAICompatibleMessages,
  toolResultText,
} from './convert-to-openai-compatible-messages.js';
export {
  prepareOpenAICompatibleTools,
  type OpenAICompatibleToolFields,
} from './prepare-openai-compatible-tools.js';
export {
  buildOpenAICompatibleRequest,
  providerOptionsFor,
  type MaxTokensField,
  type OpenAICompatibleJsonOutput,
  type OpenAICompatibleRequestDefaults,
  type OpenAICompatibleInstanceDefaults,
} from './build-openai-compatible-request.js';
export { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
export { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';
export { parseToolCall } from './parse-tool-call.js';
export {
  mapOpenAICompatibleResponse,
  type OpenAICompatibleResponseContext,
} from './map-openai-compatible-response.js';
export {
  OpenAICompatibleStreamState,
  type StreamUsageOf,
} from './openai-compatible-stream-state.js';
export {
  createOpenAICompatibleStreamMapper,
  type OpenAICompatibleStreamMapperOptions,
} from './openai-compatible-stream-mapper.js';
export {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorFields,
  type OpenAICompatibleErrorDialect,
  type OpenAICompatibleSdkErrors,
} from './map-openai-compatible-error.js';
export { providerErrorMessage, type ProviderErrorMessageParts } from './provider-error-message.js';
export {
  readOpenAICompatibleRateLimit,
  type HeaderReader,
} from './read-openai-compatible-rate-limit.js';
export type {
  OpenAICompatibleDialect,
  OpenAICompatibleClient,
  OpenAICompatibleClientSettings,
  OpenAICompatibleApiPromise,
  OpenAICompatibleCallOptions,
} from './openai-compatible-dialect.js';
export {
  OpenAICompatibleChatModel,
  placeholderApiKey,
  type OpenAICompatibleChatModelConfig,
} from './openai-compatible-chat-model.js';
export {
  resolveOpenAICompatibleEndpoint,
  nonEmpty,
  type OpenAICompatibleEndpoint,
  type OpenAICompatibleEndpointSettings,
} from './resolve-openai-compatible-endpoint.js';
