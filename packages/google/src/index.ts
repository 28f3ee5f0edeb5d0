// @modelmux/google: Gemini (through @google/genai by default, or the legacy @google/generative-ai) behind the modelmux Provider contract.
export { createGoogle } from './google-provider.js';
export { GoogleChatModel, type GoogleChatModelConfig } from './google-chat-model.js';
export {
  type GoogleSettings,
  type GoogleVertexSettings,
  defaultGoogleModel,
  defaultGoogleEmbeddingModel,
  defaultGoogleBaseURL,
  defaultGoogleSdk,
} from './google-settings.js';
export type { GoogleSdk, GoogleBackendOptions } from './google-backend.js';
export { convertToGeminiSchema } from './convert-to-gemini-schema.js';
export { mapGoogleError, googleErrorKind, type GoogleErrorContext } from './map-google-error.js';
export { mapGoogleFinishReason } from './map-google-finish-reason.js';
export { mapGoogleUsage } from './map-google-usage.js';
export { emptyGoogleAnswer } from './map-google-response.js';
export type {
  GeminiRequest,
  GeminiResponse,
  GeminiSchema,
  GeminiContent,
  GeminiPart,
} from './gemini-wire.js';
