import type {
  AllProvidersFailedError,
  ChatRequest,
  ChatResult,
  NoProviderAvailableError,
  Provider,
} from '@modelmux/core';
import type { BackoffOptions } from './backoff.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import type { ProviderStateStore } from './provider-state.js';
import type { Validator } from './validator.js';

/** One entry of a plan: a provider, or a provider with the model to use on it. */
export type Candidate = Provider | { provider: Provider; model?: string };

/** Breaker settings for every provider (one breaker per provider name). */
export type BreakerSettings = Omit<CircuitBreakerOptions, 'name' | 'handles' | 'now' | 'state'>;

/** Hedging: start the next candidate when the first is slow; the first success wins. */
export interface HedgeOptions {
  /** Start the next candidate after this many ms, or after the running one's observed p95 latency. */
  delayMs: number | 'p95';
  /** With `'p95'`: successful calls observed before the p95 is used (default 20). */
  minSamples?: number;
  /** With `'p95'`: the delay until then, in ms (default 1 000). */
  initialDelayMs?: number;
  /** Calls in flight at once, the first included (default 2). */
  maxConcurrent?: number;
}

/** Which answers that came back fine but are unusable make the executor try the next provider. */
export interface FallbackOn {
  /** A content-filter refusal (error or `finishReason: 'content-filter'`) (default true). */
  contentFilter?: boolean;
  /** A rejection by a validator, or structured output that does not parse (default true). */
  quality?: boolean;
}

/** What to answer when every provider failed (generate and stream only). */
export type FallbackResponse =
  | ChatResult
  | ((
      error: AllProvidersFailedError | NoProviderAvailableError,
      request: ChatRequest<unknown>,
    ) => ChatResult | Promise<ChatResult>);

/** Settings of `createFallbackExecutor()`. Every field is optional. */
export interface FallbackExecutorOptions extends BackoffOptions {
  /**
   * Retries on the same provider for server, overloaded, timeout and network failures (default
   * 2), used only when no other candidate can serve the request (fast failover).
   */
  maxRetries?: number;
  /** The longest `retryAfterMs` honoured by a retry, in ms (default 60 000); above it, move on. */
  maxRetryAfterMs?: number;
  /** Per-attempt timeout, in ms > 0 (streams: time to the first event). Default: none. */
  timeoutMs?: number;
  /** One budget for the whole request across retries and fallbacks, in ms > 0. Default: none. */
  deadlineMs?: number;
  /** Circuit breaker settings, or `false` for none. */
  breaker?: BreakerSettings | false;
  /** How long a rate-limited provider is skipped when it sent no retry-after, in ms (default 30 000). */
  coolDownMs?: number;
  /** The longest cool-down, in ms, whatever a vendor's retry-after asks (default 600 000: 10 min). */
  maxCoolDownMs?: number;
  /** How long an auth/permission/not_found mark lasts, in ms (default: until `clearMarks()`). */
  unavailableMs?: number;
  /** Fall back on content filters and quality rejections (both default true). */
  fallbackOn?: FallbackOn;
  /** Quality checks run on every `generate` answer, in order. */
  validators?: readonly Validator[];
  /** Returned instead of throwing `AllProvidersFailedError` / `NoProviderAvailableError`. */
  fallbackResponse?: FallbackResponse;
  /** Opt-in hedging. */
  hedge?: HedgeOptions;
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
  /** A model's context window in tokens (default: the core catalogue's). */
  contextWindowOf?: (provider: Provider, model: string) => number | undefined;
  /** The request's input tokens (default: core's `countRequestTokens`). */
  countTokens?: (request: ChatRequest<unknown>) => number;
  /** Where cool-downs and unavailable marks live (default: in memory). */
  store?: ProviderStateStore;
}

/** Per-call settings. */
export interface ExecuteOptions {
  /**
   * Overrides the executor's `deadlineMs` for this call. A value ≤ 0 means the deadline has
   * already passed (the request fails without a call); NaN is an `InvalidRequestError`.
   */
  deadlineMs?: number;
}
