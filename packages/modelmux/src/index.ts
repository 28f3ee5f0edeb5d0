// modelmux: one config, many LLM providers — ProviderFactory with routing, fallback, budgets,
// metrics, health, cache, batch, hooks and a status endpoint.
export { ProviderFactory, type ProviderInfo } from './provider-factory.js';
export { type ProviderFactoryOptions } from './provider-factory-options.js';
export { type FactoryConfigInput } from './normalise-config.js';
export { RoutedLLM, type InvokeOptions, type EmbedOptions } from './routed-llm.js';
export type {
  RoutedResult,
  RoutedEmbedResult,
  RoutedFinishEvent,
  RoutedStreamEvent,
  GenerateContentResponse,
} from './routed-result.js';
export { type GenerateContentOptions } from './generate-content.js';
export { parseModelId, modelIdForms, type ModelIdTarget } from './model-id.js';
export type { RoutedAttempt } from './tracked-candidates.js';
export { type BatchItem, type BatchOptions, type BatchProgress } from './batch.js';
export {
  type FactoryEvents,
  type FactoryEventName,
  type BreakerEvent,
  type AlertEvent,
  type ChargeEvent,
  factoryEventNames,
} from './events/factory-events.js';
export {
  createStatusHandler,
  type StatusHandler,
  type StatusHandlerOptions,
  type StatusSource,
} from './status/status-handler.js';
export {
  createOpenAIHandler,
  type HandlerContext,
  type HandlerHints,
  type HandlerRecord,
  type OpenAIHandler,
  type OpenAIHandlerOptions,
} from './http/index.js';
export { AdapterNotInstalledError } from './errors/adapter-not-installed-error.js';
export { type ImportPackage } from './adapters/built-in-adapters.js';
