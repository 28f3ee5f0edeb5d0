import type { ErrorKind, ProviderError, RateLimitInfo, Usage } from '@modelmux/core';
import type { CircuitState } from './circuit-breaker.js';

/** Which executor method ran. */
export type OperationName = 'generate' | 'stream' | 'embed';

/** A call to a provider is starting. */
export interface AttemptEvent {
  operation: OperationName;
  provider: string;
  model: string | undefined;
  /** 0 for the first try on this provider in this request, then 1, 2… for retries. */
  attempt: number;
  /** True when this provider was started early by hedging. */
  hedge: boolean;
}

/**
 * A candidate was skipped without a call: it is cooling down, marked unavailable, its breaker is
 * open, it is not configured, cannot do the operation, or its context window is too small.
 */
export interface SkipEvent {
  operation: OperationName;
  provider: string;
  model: string | undefined;
  /** Which rule skipped it. */
  cause:
    | 'not-configured'
    | 'unsupported'
    | 'unavailable'
    | 'cool-down'
    | 'breaker-open'
    | 'context-window';
  /** The kind behind the skip (the rate limit of a cool-down, the auth of a mark…). */
  kind: ErrorKind;
  /** A readable reason, as listed in the final error. */
  reason: string;
}

/** A failed call will be retried on the same provider after `delayMs`. */
export interface RetryAttemptEvent {
  operation: OperationName;
  provider: string;
  model: string | undefined;
  /** The retry about to happen: 1 for the first. */
  attempt: number;
  delayMs: number;
  kind: ErrorKind;
  error: ProviderError;
}

/** The executor moves from a failed provider to the next. */
export interface FallbackEvent {
  operation: OperationName;
  from: string;
  fromModel: string | undefined;
  to: string;
  toModel: string | undefined;
  /** Why `from` was left. */
  kind: ErrorKind;
}

/** A provider's breaker opened. */
export interface ProviderBreakEvent {
  provider: string;
  /** When a probe will be let through, in ms from now. */
  resetTimeoutMs: number;
  /** The failure kind that opened it. */
  kind: ErrorKind | undefined;
}

/** A provider's breaker half-opened (one probe may pass) or closed again. */
export interface ProviderBreakerEvent {
  provider: string;
}

/** A provider is skipped until `until` after a rate limit or quota error. */
export interface CoolDownEvent {
  provider: string;
  /** Epoch ms. */
  until: number;
  durationMs: number;
  kind: ErrorKind;
  /** What the provider asked for, when it said. */
  retryAfterMs: number | undefined;
}

/** A call succeeded (for a stream: its finish event arrived). Only a hedge's winner is reported. */
export interface SuccessEvent {
  operation: OperationName;
  provider: string;
  model: string | undefined;
  durationMs: number;
  attempt: number;
  usage: Usage | undefined;
  costUsd: number | undefined;
  /** The vendor's remaining quota from the answer's headers, when the adapter read it. */
  rateLimit: RateLimitInfo | undefined;
}

/** A call failed. Hedge losers come as kind `aborted` with `hedgeLost: true`. */
export interface FailureEvent {
  operation: OperationName;
  provider: string;
  model: string | undefined;
  durationMs: number;
  attempt: number;
  kind: ErrorKind;
  status: number | undefined;
  error: ProviderError;
  /** The call lost a hedge race (or was stopped because another call settled the request). */
  hedgeLost: boolean;
}

/** An unavailable mark as `status()` shows it. */
export interface UnavailableStatus {
  kind: ErrorKind;
  /** A redacted, readable reason. */
  reason: string;
  /** When it was marked (ISO 8601). */
  since: string;
  /** When it expires (ISO 8601), or undefined: until `clearMarks()`. */
  until: string | undefined;
  /** ms left, or undefined: until `clearMarks()`. */
  remainingMs: number | undefined;
}

/** One provider's state, as `status()` reports it (no secrets). Times are ISO 8601 strings. */
export interface ProviderStatus {
  provider: string;
  /** The breaker's state, or `disabled`. */
  breaker: CircuitState | 'disabled';
  /** While the breaker is open: ms until the half-open probe. */
  breakerRetryAfterMs: number | undefined;
  /** While the breaker is open: when the half-open probe is let through (ISO 8601). */
  breakerProbeAt: string | undefined;
  /** Until when it is skipped after a rate limit or quota error (ISO 8601). */
  coolingDownUntil: string | undefined;
  /** ms of cool-down left. */
  coolDownRemainingMs: number | undefined;
  coolDownKind: ErrorKind | undefined;
  /** Why the whole provider is unavailable (auth, permission), if it is. */
  unavailable: UnavailableStatus | undefined;
  /** Models of the provider that are unavailable (not_found). */
  unavailableModels: (UnavailableStatus & { model: string })[];
  /** Would be called now: breaker not open, not cooling down, not unavailable. */
  usable: boolean;
}
