import {
  type ChatRequest,
  type ErrorKind,
  type Provider,
  ProviderError,
  countRequestTokens,
  getModelInfo,
  redactSecrets,
} from '@modelmux/core';
import { defaultBaseDelayMs, defaultMaxDelayMs } from './backoff.js';
import { type CircuitBreakerPolicy, breakerDefaults, circuitBreaker } from './circuit-breaker.js';
import { isDeadlineCut } from './classify.js';
import { handleHealthFailures } from './error-filter.js';
import { EventSource } from './events.js';
import type {
  AttemptEvent,
  CoolDownEvent,
  FailureEvent,
  FallbackEvent,
  ProviderBreakEvent,
  ProviderBreakerEvent,
  ProviderStatus,
  RetryAttemptEvent,
  SuccessEvent,
} from './executor-events.js';
import type {
  BreakerSettings,
  FallbackExecutorOptions,
  FallbackResponse,
} from './executor-options.js';
import { LatencyReservoir } from './latency-reservoir.js';
import {
  type ProviderStateStore,
  type UnavailableMark,
  memoryProviderState,
} from './provider-state.js';
import { defaultMaxRetries, defaultMaxRetryAfterMs } from './retry.js';
import type { Validator } from './validator.js';

/** Per-provider machinery, created on first sight of a provider name. */
export interface ProviderEntry {
  readonly name: string;
  readonly breaker: CircuitBreakerPolicy | undefined;
  readonly reservoir: LatencyReservoir | undefined;
}

/** Why a candidate was skipped without a call. */
export interface Skip {
  kind: ErrorKind;
  reason: string;
  error: unknown;
}

/** Default cool-down after a rate limit without retry-after, in ms. */
export const defaultCoolDownMs = 30_000;

const countedByBreaker = {
  handles: (error: unknown) =>
    handleHealthFailures.handles(error) && !isDeadlineCut(error as ProviderError),
};

/** The executor's resolved settings, provider state and event sources, shared by every run. */
export class ExecutorCore {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly random: () => number;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly coolDownMs: number;
  readonly unavailableMs: number;
  readonly fallbackOnContentFilter: boolean;
  readonly fallbackOnQuality: boolean;
  readonly validators: readonly Validator[];
  readonly fallbackResponse: FallbackResponse | undefined;
  readonly hedge:
    | { delayMs: number | 'p95'; minSamples: number; initialDelayMs: number; maxConcurrent: number }
    | undefined;
  readonly now: () => number;
  readonly contextWindowOf: (provider: Provider, model: string) => number | undefined;
  readonly countTokens: (request: ChatRequest<unknown>) => number;
  readonly store: ProviderStateStore;
  private readonly breakerSettings: BreakerSettings | undefined;
  private readonly entries = new Map<string, ProviderEntry>();

  readonly attempt = new EventSource<AttemptEvent>();
  readonly retry = new EventSource<RetryAttemptEvent>();
  readonly fallback = new EventSource<FallbackEvent>();
  readonly break = new EventSource<ProviderBreakEvent>();
  readonly halfOpen = new EventSource<ProviderBreakerEvent>();
  readonly reset = new EventSource<ProviderBreakerEvent>();
  readonly coolDown = new EventSource<CoolDownEvent>();
  readonly success = new EventSource<SuccessEvent>();
  readonly failure = new EventSource<FailureEvent>();

  constructor(options: FallbackExecutorOptions) {
    this.maxRetries = options.maxRetries ?? defaultMaxRetries;
    this.baseDelayMs = options.baseDelayMs ?? defaultBaseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? defaultMaxDelayMs;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? defaultMaxRetryAfterMs;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 0;
    this.deadlineMs = options.deadlineMs ?? 0;
    this.coolDownMs = options.coolDownMs ?? defaultCoolDownMs;
    this.unavailableMs = options.unavailableMs ?? Infinity;
    this.fallbackOnContentFilter = options.fallbackOn?.contentFilter ?? true;
    this.fallbackOnQuality = options.fallbackOn?.quality ?? true;
    this.validators = options.validators ?? [];
    this.fallbackResponse = options.fallbackResponse;
    this.hedge = options.hedge
      ? {
          delayMs: options.hedge.delayMs,
          minSamples: options.hedge.minSamples ?? 20,
          initialDelayMs: options.hedge.initialDelayMs ?? 1_000,
          maxConcurrent: Math.max(2, options.hedge.maxConcurrent ?? 2),
        }
      : undefined;
    this.now = options.now ?? Date.now;
    this.contextWindowOf =
      options.contextWindowOf ?? ((_provider, model) => getModelInfo(model)?.contextWindow);
    this.countTokens = options.countTokens ?? countRequestTokens;
    this.store = options.store ?? memoryProviderState();
    this.breakerSettings =
      options.breaker === false ? undefined : { ...breakerDefaults, ...options.breaker };
  }

  /** The entry of a provider name, created (with its breaker) on first sight. O(1). */
  entryFor(name: string): ProviderEntry {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = {
        name,
        breaker: this.createBreaker(name),
        reservoir: this.hedge?.delayMs === 'p95' ? new LatencyReservoir() : undefined,
      };
      this.entries.set(name, entry);
    }
    return entry;
  }

  /** Why this provider (and model) must be skipped now, or undefined. O(1). */
  skipFor(
    provider: Provider,
    model: string | undefined,
    entry: ProviderEntry,
    now: number,
  ): Skip | undefined {
    if (!provider.isAvailable())
      return { kind: 'auth', reason: 'not configured (isAvailable() is false)', error: undefined };
    const record = this.store.get(provider.name);
    if (record) {
      const whole = record.unavailable;
      if (whole && whole.until > now)
        return { kind: whole.kind, reason: `unavailable: ${whole.reason}`, error: undefined };
      const forModel = model === undefined ? undefined : record.unavailableModels?.get(model);
      if (forModel && forModel.until > now)
        return {
          kind: forModel.kind,
          reason: `model ${model} unavailable: ${forModel.reason}`,
          error: undefined,
        };
      if (record.coolDownUntil > now) {
        return {
          kind: record.coolDownKind ?? 'rate_limit',
          reason: `cooling down for ${record.coolDownUntil - now}ms more after ${record.coolDownKind ?? 'rate_limit'}`,
          error: undefined,
        };
      }
    }
    const breaker = entry.breaker;
    if (breaker && !breaker.allowsCall()) {
      const error = breaker.openError();
      const wait =
        error.retryAfterMs === undefined
          ? 'its probe is in flight'
          : `probe in ${error.retryAfterMs}ms`;
      return {
        kind: breaker.lastFailure ?? 'server',
        reason: `circuit breaker ${breaker.state} (${wait})`,
        error,
      };
    }
    return undefined;
  }

  /** Updates provider state after a failed call, per the error table. */
  applyFailure(provider: string, model: string | undefined, error: ProviderError): void {
    switch (error.kind) {
      case 'rate_limit':
      case 'quota_exceeded':
        this.startCoolDown(
          provider,
          error.retryAfterMs ?? this.coolDownMs,
          error.kind,
          error.retryAfterMs,
        );
        break;
      case 'auth':
      case 'permission':
        this.store.markUnavailable(provider, this.mark(error));
        break;
      case 'not_found':
        this.store.markUnavailable(provider, this.mark(error), model);
        break;
      default:
        break;
    }
  }

  /** Skips `provider` for `durationMs`. */
  startCoolDown(
    provider: string,
    durationMs: number,
    kind: ErrorKind,
    retryAfterMs: number | undefined,
  ): void {
    const until = this.now() + durationMs;
    this.store.coolDown(provider, until, kind);
    if (this.coolDown.hasListeners)
      this.coolDown.emit({ provider, until, durationMs, kind, retryAfterMs });
  }

  /** Every provider seen so far, with its breaker, cool-down and unavailable marks. */
  status(): ProviderStatus[] {
    const now = this.now();
    const names = new Set<string>(this.entries.keys());
    for (const name of this.store.providers()) names.add(name);
    const out: ProviderStatus[] = [];
    for (const name of names) {
      const breaker = this.entries.get(name)?.breaker;
      const record = this.store.get(name);
      const cooling = record && record.coolDownUntil > now ? record.coolDownUntil : undefined;
      const unavailable =
        record?.unavailable && record.unavailable.until > now
          ? { ...record.unavailable }
          : undefined;
      const unavailableModels = [...(record?.unavailableModels ?? [])]
        .filter(([, mark]) => mark.until > now)
        .map(([model, mark]) => ({ model, ...mark }));
      out.push({
        provider: name,
        breaker: breaker ? breaker.state : 'disabled',
        breakerRetryAfterMs: breaker?.retryAfterMs(),
        coolingDownUntil: cooling,
        coolDownKind: cooling === undefined ? undefined : record?.coolDownKind,
        unavailable,
        unavailableModels,
        usable:
          cooling === undefined && unavailable === undefined && (breaker?.allowsCall() ?? true),
      });
    }
    return out;
  }

  /** Forgets cool-downs and unavailable marks (of one provider, or all). Breakers are kept. */
  clearMarks(provider?: string): void {
    this.store.clear(provider);
  }

  /** Stops every breaker's timer and drops listeners. */
  dispose(): void {
    for (const entry of this.entries.values()) entry.breaker?.dispose();
    this.entries.clear();
    for (const source of [
      this.attempt,
      this.retry,
      this.fallback,
      this.break,
      this.halfOpen,
      this.reset,
      this.coolDown,
      this.success,
      this.failure,
    ]) {
      (source as EventSource<unknown>).clear();
    }
  }

  private mark(error: ProviderError): UnavailableMark {
    const now = this.now();
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    const message = redactSecrets(error.message);
    return {
      kind: error.kind,
      reason: `${error.kind}${status}: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}`,
      since: now,
      until: now + this.unavailableMs,
    };
  }

  private createBreaker(name: string): CircuitBreakerPolicy | undefined {
    const settings = this.breakerSettings;
    if (!settings) return undefined;
    const breaker = circuitBreaker({ ...settings, name, handles: countedByBreaker, now: this.now });
    breaker.onBreak(({ resetTimeoutMs, kind }) => {
      if (this.break.hasListeners) this.break.emit({ provider: name, resetTimeoutMs, kind });
    });
    breaker.onHalfOpen(() => {
      if (this.halfOpen.hasListeners) this.halfOpen.emit({ provider: name });
    });
    breaker.onReset(() => {
      if (this.reset.hasListeners) this.reset.emit({ provider: name });
    });
    return breaker;
  }
}

/** Kinds retried on the same provider (with backoff), per the error table. */
export const sameProviderRetryKinds: ReadonlySet<ErrorKind> = new Set([
  'server',
  'overloaded',
  'timeout',
  'network',
]);

/** A `ProviderError` of kind `quality` for a validator's rejection. */
export function qualityError(
  validator: Validator,
  reason: string,
  provider: string,
  model: string | undefined,
): ProviderError {
  return new ProviderError({
    kind: 'quality',
    provider,
    model,
    message: `Validator ${validator.name} rejected the answer: ${reason}`,
  });
}
