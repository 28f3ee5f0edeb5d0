import {
  type ChatRequest,
  type ErrorKind,
  type Provider,
  ProviderError,
  countRequestTokens,
  errorRule,
  getModelInfo,
  errorKindPhrase,
} from '@modelmux/core';
import { type CircuitBreakerPolicy, circuitBreaker } from './circuit-breaker.js';
import { isDeadlineCut } from './classify.js';
import { handleBackoffRetries, handleHealthFailures } from './error-filter.js';
import { EventSource } from './events.js';
import type {
  AttemptEvent,
  SkipEvent,
  CoolDownEvent,
  FailureEvent,
  FallbackEvent,
  ProviderBreakEvent,
  ProviderBreakerEvent,
  ProviderStatus,
  RetryAttemptEvent,
  SuccessEvent,
  UnavailableStatus,
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
import { RetryPolicy, retry } from './retry.js';
import {
  nonNegative,
  optionalFunction,
  positiveDuration,
  positiveInteger,
} from './validate-options.js';
import type { Validator } from './validator.js';

/** Per-provider machinery, created on first sight of a provider name. */
export interface ProviderEntry {
  readonly name: string;
  readonly breaker: CircuitBreakerPolicy | undefined;
  readonly reservoir: LatencyReservoir | undefined;
}

/** Which rule skipped a candidate (the `cause` of an `onSkip` event). */
export type SkipCause =
  | 'not-configured'
  | 'unsupported'
  | 'unavailable'
  | 'cool-down'
  | 'breaker-open'
  | 'context-window';

/** Why a candidate was skipped without a call. */
export interface Skip {
  kind: ErrorKind;
  cause: SkipCause;
  reason: string;
  error: unknown;
}

/** Default cool-down after a rate limit without retry-after, in ms. */
export const defaultCoolDownMs = 30_000;
/** Default cap on a cool-down taken from a vendor's retry-after, in ms (10 minutes). */
export const defaultMaxCoolDownMs = 600_000;

const countedByBreaker = {
  handles: (error: unknown) =>
    handleHealthFailures.handles(error) && !isDeadlineCut(error as ProviderError),
};

/** The executor's resolved settings, provider state and event sources, shared by every run. */
export class ExecutorCore {
  /** The retry loop every lane runs on (the same `RetryPolicy` as the standalone `retry()`). */
  readonly retryPolicy: RetryPolicy;
  readonly timeoutMs: number;
  /** The default request deadline in ms, or undefined for none. */
  readonly deadlineMs: number | undefined;
  readonly coolDownMs: number;
  readonly maxCoolDownMs: number;
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
  readonly skip = new EventSource<SkipEvent>();
  readonly retry = new EventSource<RetryAttemptEvent>();
  readonly fallback = new EventSource<FallbackEvent>();
  readonly break = new EventSource<ProviderBreakEvent>();
  readonly halfOpen = new EventSource<ProviderBreakerEvent>();
  readonly reset = new EventSource<ProviderBreakerEvent>();
  readonly coolDown = new EventSource<CoolDownEvent>();
  readonly success = new EventSource<SuccessEvent>();
  readonly failure = new EventSource<FailureEvent>();

  constructor(options: FallbackExecutorOptions) {
    // Every number is checked here (ConfigError naming the option), never at run time.
    this.retryPolicy = retry({
      maxRetries: options.maxRetries,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      random: optionalFunction('random', options.random),
      handles: handleBackoffRetries,
    });
    this.timeoutMs = positiveDuration('timeoutMs', options.timeoutMs) ?? 0;
    this.deadlineMs = positiveDuration('deadlineMs', options.deadlineMs);
    this.coolDownMs = nonNegative('coolDownMs', options.coolDownMs, defaultCoolDownMs);
    this.maxCoolDownMs = nonNegative('maxCoolDownMs', options.maxCoolDownMs, defaultMaxCoolDownMs);
    this.unavailableMs = nonNegative('unavailableMs', options.unavailableMs, Infinity, true);
    this.fallbackOnContentFilter = options.fallbackOn?.contentFilter ?? true;
    this.fallbackOnQuality = options.fallbackOn?.quality ?? true;
    this.validators = options.validators ?? [];
    this.fallbackResponse = options.fallbackResponse;
    this.hedge = options.hedge
      ? {
          delayMs: options.hedge.delayMs,
          minSamples: positiveInteger('hedge.minSamples', options.hedge.minSamples, 20, false),
          initialDelayMs: nonNegative('hedge.initialDelayMs', options.hedge.initialDelayMs, 1_000),
          maxConcurrent: Math.max(
            2,
            positiveInteger('hedge.maxConcurrent', options.hedge.maxConcurrent, 2, false),
          ),
        }
      : undefined;
    if (options.hedge && options.hedge.delayMs !== 'p95')
      nonNegative('hedge.delayMs', options.hedge.delayMs, 0);
    this.now = optionalFunction('now', options.now) ?? Date.now;
    this.contextWindowOf =
      options.contextWindowOf ?? ((_provider, model) => getModelInfo(model)?.contextWindow);
    this.countTokens = options.countTokens ?? countRequestTokens;
    this.store = options.store ?? memoryProviderState();
    this.breakerSettings = options.breaker === false ? undefined : { ...options.breaker };
    // Creating one breaker checks its settings now rather than on the first request.
    if (this.breakerSettings) circuitBreaker({ ...this.breakerSettings, name: 'check' }).dispose();
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
      return {
        kind: 'auth',
        cause: 'not-configured',
        reason: 'not configured (isAvailable() is false)',
        error: undefined,
      };
    const record = this.store.get(provider.name);
    if (record) {
      const whole = record.unavailable;
      if (whole && whole.until > now)
        return {
          kind: whole.kind,
          cause: 'unavailable',
          reason: `unavailable: ${whole.reason}`,
          error: undefined,
        };
      const forModel = model === undefined ? undefined : record.unavailableModels?.get(model);
      if (forModel && forModel.until > now)
        return {
          kind: forModel.kind,
          cause: 'unavailable',
          reason: `model ${model} unavailable: ${forModel.reason}`,
          error: undefined,
        };
      if (record.coolDownUntil > now) {
        return {
          kind: record.coolDownKind ?? 'rate_limit',
          cause: 'cool-down',
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
        cause: 'breaker-open',
        reason: `circuit breaker ${breaker.state} (${wait})`,
        error,
      };
    }
    return undefined;
  }

  /** Updates provider state after a failed call: the error table's `state` column. */
  applyFailure(provider: string, model: string | undefined, error: ProviderError): void {
    switch (errorRule(error.kind)?.state) {
      case 'cool-down':
        this.startCoolDown(
          provider,
          error.retryAfterMs ?? this.coolDownMs,
          error.kind,
          error.retryAfterMs,
        );
        break;
      case 'unavailable':
        this.store.markUnavailable(provider, this.mark(error));
        break;
      case 'unavailable-model':
        this.store.markUnavailable(provider, this.mark(error), model);
        break;
      default:
        break;
    }
  }

  /** Skips `provider` for `durationMs`, at most `maxCoolDownMs` (a vendor's retry-after can be anything). */
  startCoolDown(
    provider: string,
    durationMs: number,
    kind: ErrorKind,
    retryAfterMs: number | undefined,
  ): void {
    if (!(durationMs <= this.maxCoolDownMs)) durationMs = this.maxCoolDownMs;
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
          ? markStatus(record.unavailable, now)
          : undefined;
      const unavailableModels = [...(record?.unavailableModels ?? [])]
        .filter(([, mark]) => mark.until > now)
        .map(([model, mark]) => ({ model, ...markStatus(mark, now) }));
      const probeInMs = breaker?.retryAfterMs();
      out.push({
        provider: name,
        breaker: breaker ? breaker.state : 'disabled',
        breakerRetryAfterMs: probeInMs,
        breakerProbeAt: probeInMs === undefined ? undefined : isoTime(now + probeInMs),
        coolingDownUntil: cooling === undefined ? undefined : isoTime(cooling),
        coolDownRemainingMs: cooling === undefined ? undefined : cooling - now,
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
      this.skip,
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
    // Kind, status and a fixed phrase: the vendor's text may echo the prompt, and this reason is
    // served by status endpoints and shared through the fleet's store.
    return {
      kind: error.kind,
      reason: `${error.kind}${status}: ${errorKindPhrase[error.kind]}`,
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

/** An epoch-ms time as an ISO 8601 string. */
function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** An unavailable mark as `status()` shows it: ISO times and the time left. */
function markStatus(mark: UnavailableMark, now: number): UnavailableStatus {
  const forever = mark.until === Infinity;
  return {
    kind: mark.kind,
    reason: mark.reason,
    since: isoTime(mark.since),
    until: forever ? undefined : isoTime(mark.until),
    remainingMs: forever ? undefined : mark.until - now,
  };
}

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
