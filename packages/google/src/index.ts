// @modelmux/google: the Gemini API (through @google/generative-ai) behind the modelmux Provider contract.
export { createGoogle } from './google-provider.js';
export { GoogleChatModel, type GoogleChatModelConfig } from './google-chat-model.js';
export {
  type GoogleSettings,
  defaultGoogleModel,
  defaultGoogleEmbeddingModel,
  defaultGoogleBaseURL,
} from './google-settings.js';
export { convertToGeminiSchema } from './convert-to-gemini-schema.js';
export { mapGoogleError, googleErrorKind, type GoogleErrorContext } from './map-google-error.js';
export { mapGoogleFinishReason } from './map-google-finish-reason.js';
export { mapGoogleUsage } from './map-google-usage.js';
