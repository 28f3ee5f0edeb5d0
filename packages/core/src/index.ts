// The modelmux contract (specificationVersion 'v1'). Types, errors and small pure helpers only.
export { specificationVersion, type Provider, type HealthCheckResult } from './provider.js';
export type {
  Message,
  Role,
  SystemMessage,
  UserMessage,
  AssistantMessage,
  ToolMessage,
  ContentPart,
  TextPart,
  ImagePart,
  ImageSource,
  ToolCall,
} from './messages.js';
export type {
  ChatRequest,
  ChatResult,
  FinishReason,
  RequestMetadata,
  ResponseFormat,
  JsonResponseFormat,
} from './chat.js';
export type { ToolDefinition, ToolChoice } from './tool.js';
export { type Usage, emptyUsage } from './usage.js';
export type { StreamEvent, TextDeltaEvent, ToolCallDeltaEvent, ToolCallEvent, FinishEvent } from './stream.js';
export type { EmbedRequest, EmbedResult } from './embed.js';
export { type JsonSchema, type SchemaLike, isZodSchema, toJsonSchema } from './schema.js';
export { type ChatInput, promptToMessages, toChatRequest, validateChatRequest } from './request.js';
export { collectStream } from './collect-stream.js';
export { parseStructuredOutput } from './structured-output.js';
export { redactSecrets, redactHeaders, registerSecret, REDACTED } from './redact.js';

export { ModelmuxError } from './errors/modelmux-error.js';
export { type ErrorKind, errorKinds, isRetryableKind, errorKindFromStatus } from './errors/error-kind.js';
export { ProviderError, type ProviderErrorOptions } from './errors/provider-error.js';
export { type AttemptFailure } from './errors/attempt.js';
export { AllProvidersFailedError } from './errors/all-providers-failed-error.js';
export { BudgetExceededError, type BudgetScope } from './errors/budget-exceeded-error.js';
export { CircuitOpenError } from './errors/circuit-open-error.js';
export { NoProviderAvailableError, type ExcludedProvider } from './errors/no-provider-available-error.js';
export { ConfigError, type ConfigIssue } from './errors/config-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { StreamInterruptedError } from './errors/stream-interrupted-error.js';
export { parseRetryAfterMs, parseDurationMs, type HeaderLookup } from './retry-after.js';
export type { ModelInfo, ModelCapabilities, ModelCatalogue } from './catalogue/model-info.js';
