// @modelmux/core/provider-utils: the helpers an adapter author needs (the call skeleton, signals,
// message grouping, secrets, rate-limit headers). Applications import from '@modelmux/core'.
export { createCallSignal, type CallSignal } from './call-signal.js';
export {
  runProviderGenerate,
  type RunProviderGenerateOptions,
  type ProviderResponse,
} from './run-provider-generate.js';
export {
  runProviderStream,
  type RunProviderStreamOptions,
  type ProviderStreamSource,
  type ProviderStreamMapper,
  type ProviderStreamEnd,
} from './run-provider-stream.js';
export {
  type ProviderCallOptions,
  type ProviderCallSettings,
  type ProviderCallContext,
} from './provider-call-options.js';
export {
  prepareProviderCall,
  buildProviderBody,
  type PreparedProviderCall,
} from './prepare-provider-call.js';
export { healthCheckByGenerate } from './health-check-by-generate.js';
export { groupIntoTurns, type ConversationMessage, type Turn } from './group-into-turns.js';
export { toolCallArgsObject } from './tool-call-args-object.js';
export { registerSecret, registerHeaderSecrets, redactSecrets, redactHeaders } from './redact.js';
export { isZod3Schema, schemaProblem } from './validate-schema.js';
export {
  formatProviderErrorMessage,
  type ProviderErrorMessageParts,
} from './errors/format-provider-error-message.js';
export { requestIdFromHeaders } from './request-id.js';
export {
  parseRateLimitHeaders,
  parseResetDurationMs,
  type RateLimitVendor,
} from './parse-rate-limit-headers.js';
export {
  parseRetryAfterMs,
  parseDurationMs,
  readHeader,
  type HeaderLookup,
} from './retry-after.js';
export { redactCause } from './redact-cause.js';
export { missingCredentialsError } from './errors/missing-credentials-error.js';
export { headerSettingIssues } from './header-setting-issues.js';
