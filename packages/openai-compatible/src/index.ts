// @modelmux/openai-compatible: the OpenAI chat-completions wire format, shared by the adapters
// whose SDKs speak it (@modelmux/openai, @modelmux/groq). SDK-free: typed on its own wire types.
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
export { openAICompatibleCost, type CostOfModels } from './openai-compatible-cost.js';
export {
  mapOpenAICompatibleResponse,
  type OpenAICompatibleResponseContext,
} from './map-openai-compatible-response.js';
export {
  OpenAICompatibleStreamState,
  type StreamUsageOf,
} from './openai-compatible-stream-state.js';
export {
  streamOpenAICompatibleChat,
  type OpenAICompatibleStreamCall,
  type OpenAICompatibleStreamOptions,
} from './stream-openai-compatible-chat.js';
export {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorFields,
  type OpenAICompatibleErrorDialect,
  type OpenAICompatibleSdkErrors,
} from './map-openai-compatible-error.js';
export {
  OpenAICompatibleChatModel,
  placeholderApiKey,
  type OpenAICompatibleChatModelConfig,
  type OpenAICompatibleClient,
  type OpenAICompatibleCallOptions,
} from './openai-compatible-chat-model.js';
export {
  resolveOpenAICompatibleEndpoint,
  nonEmpty,
  type OpenAICompatibleEndpoint,
  type OpenAICompatibleEndpointSettings,
} from './resolve-openai-compatible-endpoint.js';
