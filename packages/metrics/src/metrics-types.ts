import type { AlertRule, AlertRuleInput, BudgetDenial, ErrorKind, Provider } from '@modelmux/core';
import type { FallbackExecutor } from '@modelmux/resilience';
import type { BaseLogger } from 'pino';
import type { Registry } from 'prom-client';
import type { OpenTelemetryOptions } from './open-telemetry.js';

/** What `createMetrics` subscribes to: the resilience executor's public events and `status()`. */
export type MetricsExecutor = Pick<
  FallbackExecutor,
  | 'onAttempt'
  | 'onRetry'
  | 'onFallback'
  | 'onBreak'
  | 'onHalfOpen'
  | 'onReset'
  | 'onCoolDown'
  | 'onSuccess'
  | 'onFailure'
  | 'status'
> & {
  /** A candidate was skipped without a call (newer executors); logged at debug level. */
  onSkip?: (listener: (event: SkippedCandidate) => void) => { dispose(): void };
};

/** The fields of the executor's skip event that metrics reads. */
export interface SkippedCandidate {
  provider: string;
  model: string | undefined;
  cause: string;
  reason: string;
}

/** Latency figures (ms) over a period. */
export interface LatencyFigures {
  avgLatencyMs: number | undefined;
  p50LatencyMs: number | undefined;
  p95LatencyMs: number | undefined;
  p99LatencyMs: number | undefined;
}

/** Totals since start, with latency over the sliding window (default the last 5 minutes). */
export interface MetricsFigures extends LatencyFigures {
  /** Calls to providers (each try counts; a request that fell back once made two). */
  totalRequests: number;
  /** successes / (successes + errors) since start; caller aborts are not counted. 0–1. */
  successRate: number;
  /** errors / (successes + errors) since start. 0–1. */
  errorRate: number;
  totalCostUsd: number;
  tokens: { input: number; output: number; cached: number };
  /** The same latency figures since start. */
  sinceStart: LatencyFigures;
}

/** One provider's figures. */
export interface ProviderMetricsEntry extends MetricsFigures {
  errorsByKind: Partial<Record<ErrorKind, number>>;
  inFlight: number;
  /** Mean quality score (0–1) from validators and `recordFeedback`. */
  avgQuality: number | undefined;
  /** Median time to first token of streams over the window, ms. */
  ttftP50Ms: number | undefined;
  /** Times a request left this provider for the next. */
  fallbacks: number;
}

/** `getProviderMetrics()`. */
export interface ProviderMetrics extends MetricsFigures {
  byProvider: Record<string, ProviderMetricsEntry>;
}

/** `getProviderSummary(name)`: the user's design's summary. */
export interface ProviderSummary {
  avgResponseTimeMs: number | undefined;
  successRate: number;
  totalCostUsd: number;
  totalRequests: number;
}

/** Passive health, from the metrics and the breaker. */
export type ProviderHealthState = 'healthy' | 'degraded' | 'down';

/** Why a provider cannot take requests now. */
export interface UnavailableReason {
  /** `no_key`, `breaker_open`, `cooling_down`, `unavailable` (auth, permission) or `budget`. */
  code: 'no_key' | 'breaker_open' | 'cooling_down' | 'unavailable' | 'budget';
  /** Human-readable, no secrets. */
  message: string;
  /** When it may be available again (ISO 8601), when known. */
  until?: string;
}

/** One provider in `getProviderStatus()`. */
export interface ProviderStatusEntry {
  name: string;
  available: boolean;
  health: ProviderHealthState;
  /** Every reason it is unavailable now (empty when available). */
  reasons: UnavailableReason[];
}

/** `getProviderStatus()`: the user's design's shape plus the reasons per provider. */
export interface ProviderStatusReport {
  primary: { name: string; available: boolean } | undefined;
  fallbacks: { name: string; available: boolean }[];
  /** The provider that answered last (after a switch, the fallback), else the first available. */
  current: string | undefined;
  providers: Record<string, ProviderStatusEntry>;
}

/** The part of a pino logger metrics uses (any pino logger, or a child). */
export type MetricsLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

/** Options of `createMetrics()`. Every field is optional. */
export interface MetricsOptions {
  /** Subscribe to this executor now (or call `attach` later). */
  executor?: MetricsExecutor;
  /** The providers, for health checks, status and GenAI provider names; order = primary first. */
  providers?: readonly Provider[];
  /** The primary's name (default: the first provider). */
  primary?: string;
  /** The fallbacks' names, in order (default: the other providers). */
  fallbacks?: readonly string[];
  /** The sliding window for percentiles and rates, in ms (default 300 000 = 5 minutes). */
  windowMs?: number;
  /** Slots the window rotates through (default 5: one a minute). */
  windowSlots?: number;
  /** The clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** Prometheus: a registry to register in (default: a new one), or `false` for none. */
  prometheus?: { registry?: Registry } | false;
  /** OpenTelemetry providers (default: the global ones), or `false` for none. */
  openTelemetry?: OpenTelemetryOptions | false;
  /** A pino logger; nothing is logged without one. */
  logger?: MetricsLogger;
  /** Log error messages of failures (redacted) — default false; prompts are never logged. */
  logErrorMessages?: boolean;
  /** The user's alert rules, as written or as `parseConfig().alerts` returns them; one named like a default replaces it. */
  alerts?: readonly (AlertRuleInput | AlertRule)[];
  /** Add the four default rules (default true). */
  defaultAlerts?: boolean;
  /** How often rules are evaluated, in ms (default 15 000). */
  alertIntervalMs?: number;
  /** The daily budget in USD for `daily_limit` (a number: global; a function: per provider, undefined = total). */
  dailyLimitUsd?: number | ((provider: string | undefined) => number | undefined);
  /** Why a provider's budget denies it now (e.g. `(p) => budgets.guard.check(p, undefined, undefined)`). */
  budgetCheck?: (provider: string) => BudgetDenial | undefined;
  /** Active health checks every this many ms (opt-in; default off). */
  healthCheckIntervalMs?: number;
  /** Longest a health check may take, in ms (default 10 000). */
  healthCheckTimeoutMs?: number;
  /** Distinct model labels per provider before the rest are counted as `other` (default 50). */
  maxModelsPerProvider?: number;
}
