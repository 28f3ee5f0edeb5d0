// @modelmux/resilience: composable policies and the fallback executor.
export { type Policy, type PolicyContext, wrap } from './policy.js';
export { type Disposable, type Event } from './events.js';
export {
  type ErrorFilter,
  handleAll,
  handleWhen,
  handleKinds,
  handleRetryable,
  handleBackoffRetries,
  handleHealthFailures,
  healthFailureKinds,
} from './error-filter.js';
export { type BackoffOptions, backoffDelayMs } from './backoff.js';
export {
  RetryPolicy,
  retry,
  type RetryOptions,
  type RetryEvent,
  type GiveUpEvent,
  type GiveUpReason,
  type RetryHooks,
} from './retry.js';
export {
  TimeoutPolicy,
  timeout,
  deadline,
  type TimeoutOptions,
  type TimeoutEvent,
} from './timeout.js';
export {
  CircuitBreakerPolicy,
  circuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  type CircuitBreakerState,
  type BreakEvent,
  type BreakerStateEvent,
} from './circuit-breaker.js';
export { type Validator } from './validator.js';
export {
  schemaValidator,
  minLength,
  nonEmpty,
  bannedPattern,
  scoreAtLeast,
  type Scorer,
} from './validators.js';
export {
  type ProviderStateStore,
  type ProviderRecord,
  type UnavailableMark,
  memoryProviderState,
} from './provider-state.js';
export { FallbackExecutor, createFallbackExecutor } from './fallback-executor.js';
export { StoppedCallError, type StopCause } from './classify.js';
export type {
  Candidate,
  BreakerSettings,
  HedgeOptions,
  FallbackOn,
  FallbackResponse,
  FallbackExecutorOptions,
  ExecuteOptions,
} from './executor-options.js';
export type {
  OperationName,
  AttemptEvent,
  SkipEvent,
  RetryAttemptEvent,
  FallbackEvent,
  ProviderBreakEvent,
  ProviderBreakerEvent,
  CoolDownEvent,
  SuccessEvent,
  FailureEvent,
  ProviderStatus,
  UnavailableStatus,
} from './executor-events.js';
export { listenForAbort, stopListeningForAbort } from './abort.js';
