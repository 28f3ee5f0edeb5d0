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
export type {
  StreamEvent,
  TextDeltaEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
  FinishEvent,
} from './stream.js';
export type { EmbedRequest, EmbedResult } from './embed.js';
export { type JsonSchema, type SchemaLike, isZodSchema, toJsonSchema } from './schema.js';
export { type ChatInput, promptToMessages, toChatRequest } from './request.js';
export { validateChatRequest } from './validate-chat-request.js';
export { validateEmbedRequest } from './validate-embed-request.js';
export { collectStream } from './collect-stream.js';
export { parseStructuredOutput } from './structured-output.js';
export { redactSecrets, redactHeaders, REDACTED } from './redact.js';

export { ModelmuxError } from './errors/modelmux-error.js';
export {
  type ErrorKind,
  errorKinds,
  isRetryableKind,
  errorKindFromStatus,
} from './errors/error-kind.js';
export {
  errorTable,
  errorKindPhrase,
  errorRule,
  kindsWhere,
  type ErrorRule,
  type RetryRule,
  type ThenRule,
  type ProviderStateRule,
} from './errors/error-table.js';
export { ProviderError, type ProviderErrorOptions } from './errors/provider-error.js';
export { type AttemptFailure } from './errors/attempt.js';
export { AllProvidersFailedError } from './errors/all-providers-failed-error.js';
export {
  BudgetExceededError,
  type BudgetScope,
  type BudgetPeriod,
} from './errors/budget-exceeded-error.js';
export { CircuitOpenError } from './errors/circuit-open-error.js';
export {
  NoProviderAvailableError,
  type ExcludedProvider,
} from './errors/no-provider-available-error.js';
export { ConfigError, type ConfigIssue } from './errors/config-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { StreamInterruptedError } from './errors/stream-interrupted-error.js';
export { parseRetryAfterMs, parseDurationMs, type HeaderLookup } from './retry-after.js';
export type {
  ModelInfo,
  ModelCapabilities,
  ModelCatalogue,
  ModelPrices,
  LongContextPrices,
} from './catalogue/model-info.js';

// Contracts between the engine packages (router, metrics, budgets).
export type { RoutingStats, ProviderStats } from './engine/routing-stats.js';
export type { BudgetGuard, BudgetDenial } from './engine/budget-guard.js';
export type { RateLimitInfo } from './engine/rate-limit-info.js';
export type {
  Store,
  ReserveLimit,
  ReserveRequest,
  ReserveResult,
  TakeResult,
  BudgetCounter,
} from './engine/store.js';

// Catalogue, cost and token counting.
export { defaultCatalogue } from './catalogue/default-catalogue.js';
export { getModelInfo, fineTuneBase } from './catalogue/get-model-info.js';
export {
  mergeCatalogue,
  type CatalogueOverrides,
  type ModelInfoOverride,
} from './catalogue/merge-catalogue.js';
export {
  ModelInfoSchema,
  ModelInfoOverrideSchema,
  ModelCapabilitiesSchema,
  ModelPricesSchema,
} from './catalogue/model-info-schema.js';
export {
  estimateCost,
  costBreakdown,
  totalCost,
  pricesFor,
  predictCost,
  type CostUsage,
  type CostPrediction,
  type CostBreakdown,
  type CostOptions,
} from './cost.js';
export {
  resolvePrice,
  assertPriceKnown,
  unknownPriceError,
  fallbackUnknownPrice,
  roundUsd,
  type UnknownPrice,
  type PriceOptions,
  type PriceCard,
} from './price.js';
export { formatUsd } from './format-usd.js';
export {
  countRequestTokens,
  countTextTokens,
  estimateTextTokens,
  loadTokenizer,
  tokenCounting,
  tokenEstimates,
} from './tokens.js';

// Configuration.
export {
  MultiLLMConfigSchema,
  type MultiLLMConfig,
  type MultiLLMConfigInput,
  type ProviderConfig,
} from './config/config-schema.js';
export {
  ProviderConfigSchema,
  UnknownPriceSchema,
  type ProviderConfigInput,
} from './config/provider-config-schema.js';
export { CostLimitSchema, type CostLimit } from './config/cost-limit-schema.js';
export {
  StoreConfigSchema,
  PeriodLimitsSchema,
  RateLimitSchema,
  RateLimitsSchema,
  CostLimitPerTagSchema,
  type StoreConfig,
  type PeriodLimits,
  type RateLimitConfig,
} from './config/budgets-schema.js';
export {
  AlertRuleSchema,
  AlertRulesSchema,
  alertSeverities,
  defaultAlertRules,
  defaultAlertIntervalMs,
  type AlertRule,
  type AlertRuleInput,
  type AlertSeverity,
} from './config/alerts-schema.js';
export {
  alertMetricNames,
  parseAlertCondition,
  parseDuration,
  evaluateAlertExpression,
  compareAlertValues,
  type AlertMetricName,
  type AlertOperator,
  type AlertExpression,
  type AlertCondition,
} from './config/alert-condition.js';
export { CacheSchema, defaultCacheConfig, type CacheConfig } from './config/cache-schema.js';
export {
  HooksSchema,
  defaultHooksConfig,
  type HooksConfig,
  type HookContext,
  type BeforeRequestHook,
  type AfterResponseHook,
  type FormatRequestHook,
  type FormatRequestContext,
} from './config/hooks-schema.js';
export {
  builtInProviderTypes,
  isBuiltInProviderType,
  providerNamePattern,
  providerNameRule,
  routingStrategies,
  type BuiltInProviderType,
  type RoutingStrategyName,
} from './config/names.js';
export { parseConfig, type ParseConfigOptions } from './config/parse-config.js';
export {
  RoutingRuleSchema,
  RoutingRulesSchema,
  ExperimentSchema,
  ExperimentsSchema,
  type RoutingRule,
  type Experiment,
  type RoutingMatch,
  type RoutingPredicate,
  type MatchValue,
} from './config/routing-schema.js';
export {
  loadConfigFromEnv,
  providerEnvVars,
  type Env,
  type ProviderEnvVars,
} from './config/load-config-from-env.js';

// Provider registry.
export {
  createProviderRegistry,
  getDefaultProviderRegistry,
  registerProvider,
  createProvider,
  type ProviderRegistry,
  type CreateProvider,
  type ProviderFactory,
  type ProviderSettings,
} from './registry.js';
export { assertProvider, providerIssues } from './registry-assert-provider.js';

// Adapter-author helpers: import them from '@modelmux/core/provider-utils'. Still here, deprecated,
// until every adapter has moved.
export * from './deprecated-adapter-exports.js';
export {
  chatResultProblem,
  embedResultProblem,
  finishEventProblem,
  invalidResultError,
} from './check-provider-result.js';
