// @modelmux/anthropic: the Anthropic Messages API behind the modelmux Provider contract.
export { createAnthropic, anthropicPlaceholderApiKey } from './anthropic-provider.js';
export { readAnthropicRateLimit } from './read-anthropic-rate-limit.js';
export { AnthropicChatModel, type AnthropicChatModelConfig } from './anthropic-chat-model.js';
export {
  type AnthropicSettings,
  defaultAnthropicModel,
  defaultAnthropicBaseURL,
} from './anthropic-settings.js';
export { mapAnthropicError, type AnthropicErrorContext } from './map-anthropic-error.js';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
export { mapAnthropicUsage } from './map-anthropic-usage.js';
export { resolveMaxTokens } from './default-max-tokens.js';
