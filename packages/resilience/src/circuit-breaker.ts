import { EventEmitter } from 'node:events';
import { CircuitOpenError, type ErrorKind, ProviderError, errorRule } from '@modelmux/core';
import CircuitBreaker from 'opossum';
import { type ErrorFilter, handleHealthFailures } from './error-filter.js';
import { type Event, EventSource } from './events.js';
import { type Policy, type PolicyContext, signalOrNever } from './policy.js';
import { percentage, positiveDuration, positiveInteger } from './validate-options.js';

/**
 * A breaker's state as `toJSON()` exports it and the `state` option restores it (opossum's own
 * `toJSON().state` shape, plus when it opened on our clock), e.g. to share it through a store.
 */
export interface CircuitBreakerState {
  /** opossum's state flags. */
  readonly state: {
    readonly closed: boolean;
    readonly open: boolean;
    readonly halfOpen: boolean;
    readonly warmUp: boolean;
    readonly enabled: boolean;
    readonly shutdown: boolean;
    /** When opossum's reset timer was last armed (epoch ms, `Date.now`). */
    readonly lastTimerAt?: number;
  };
  /** When the breaker last opened, on the breaker's clock (epoch ms); 0 if never. */
  readonly openedAt: number;
  /** The kind of the last counted failure. */
  readonly lastFailure: ErrorKind | undefined;
}

/** Settings of `circuitBreaker()`. */
export interface CircuitBreakerOptions {
  /** Names the breaker in events and errors (usually the provider's name). */
  name: string;
  /** Opens when more than this percentage of calls in the window failed (default 50). */
  errorThresholdPercentage?: number;
  /** The rolling window, in ms (default 10 000). */
  rollingCountTimeoutMs?: number;
  /** @deprecated Use `rollingCountTimeoutMs` (opossum's name, kept as an alias). */
  rollingCountTimeout?: number;
  /** Buckets of the rolling window (default 10). */
  rollingCountBuckets?: number;
  /** Calls needed in the window before it may open (default 10). */
  volumeThreshold?: number;
  /** How long it stays open before letting one probe through, in ms (default 30 000). */
  resetTimeoutMs?: number;
  /** @deprecated Use `resetTimeoutMs` (opossum's name, kept as an alias). */
  resetTimeout?: number;
  /** A state exported by `toJSON()` to start from (e.g. shared by another process). */
  state?: CircuitBreakerState;
  /** Which failures count (default: server, overloaded, timeout, network, rate_limit). */
  handles?: ErrorFilter;
  /** The clock for the rolling window, in ms (default `Date.now`). */
  now?: () => number;
}

/** Where a breaker is. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Emitted when a breaker opens. */
export interface BreakEvent {
  name: string;
  /** When the half-open probe will be allowed, in ms from now. */
  resetTimeoutMs: number;
  /** The kind of the failure that opened it, when known. */
  kind: ErrorKind | undefined;
}

/** Emitted when a breaker half-opens or closes. */
export interface BreakerStateEvent {
  name: string;
}

/** Default settings, shared with the fallback executor. */
export const breakerDefaults = {
  errorThresholdPercentage: 50,
  rollingCountTimeoutMs: 10_000,
  rollingCountBuckets: 10,
  volumeThreshold: 10,
  resetTimeoutMs: 30_000,
} as const;

type Action = (fn: (arg: unknown) => Promise<unknown>, arg: unknown) => Promise<unknown>;
const invoke: Action = (fn, arg) => fn(arg);

/**
 * A circuit breaker on opossum, behind our own API (opossum's EventEmitter stays inside).
 * Opens when the failure percentage over a rolling window passes a threshold (after a minimum
 * volume), rejects at once with `CircuitOpenError` while open, half-opens after
 * `resetTimeoutMs` to let one probe through, and closes (with a fresh window) when it succeeds.
 *
 * The rolling window is rotated lazily from `now()` instead of by an interval, so a breaker
 * holds no timer except opossum's reset timer while it is open.
 */
export class CircuitBreakerPolicy implements Policy {
  readonly name: string;
  private readonly breaker: CircuitBreaker<[(arg: unknown) => Promise<unknown>, unknown], unknown>;
  private readonly rotator = new EventEmitter();
  private readonly bucketMs: number;
  private readonly buckets: number;
  private readonly resetTimeoutMs: number;
  private readonly now: () => number;
  private lastRotation: number;
  private openedAt = 0;
  private lastFailureKind: ErrorKind | undefined;
  private readonly breakSource = new EventSource<BreakEvent>();
  private readonly halfOpenSource = new EventSource<BreakerStateEvent>();
  private readonly resetSource = new EventSource<BreakerStateEvent>();

  /** Fires when the breaker opens. */
  readonly onBreak: Event<BreakEvent> = this.breakSource.event;
  /** Fires when the breaker lets a probe through. */
  readonly onHalfOpen: Event<BreakerStateEvent> = this.halfOpenSource.event;
  /** Fires when the breaker closes again. */
  readonly onReset: Event<BreakerStateEvent> = this.resetSource.event;

  constructor(options: CircuitBreakerOptions) {
    this.name = options.name;
    this.now = options.now ?? Date.now;
    this.buckets = positiveInteger(
      'breaker.rollingCountBuckets',
      options.rollingCountBuckets,
      breakerDefaults.rollingCountBuckets,
      false,
    );
    const window =
      positiveDuration(
        'breaker.rollingCountTimeoutMs',
        options.rollingCountTimeoutMs ?? options.rollingCountTimeout,
      ) ?? breakerDefaults.rollingCountTimeoutMs;
    this.bucketMs = Math.max(1, Math.floor(window / this.buckets));
    this.resetTimeoutMs =
      positiveDuration('breaker.resetTimeoutMs', options.resetTimeoutMs ?? options.resetTimeout) ??
      breakerDefaults.resetTimeoutMs;
    this.lastRotation = this.now();
    this.openedAt = options.state?.openedAt ?? 0;
    this.lastFailureKind = options.state?.lastFailure;
    const counts = options.handles ?? handleHealthFailures;
    this.breaker = new CircuitBreaker(invoke as never, {
      name: options.name,
      timeout: false,
      errorThresholdPercentage: percentage(
        'breaker.errorThresholdPercentage',
        options.errorThresholdPercentage,
        breakerDefaults.errorThresholdPercentage,
      ),
      rollingCountTimeout: window,
      rollingCountBuckets: this.buckets,
      volumeThreshold: positiveInteger(
        'breaker.volumeThreshold',
        options.volumeThreshold,
        breakerDefaults.volumeThreshold,
        true,
      ),
      resetTimeout: this.resetTimeoutMs,
      ...(options.state ? { state: { ...options.state.state } } : {}),
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      rotateBucketController: this.rotator,
      // opossum counts an error unless this returns true. A half-open probe that ends without
      // the provider answering (aborted, cut by a deadline) re-opens: it proved nothing.
      errorFilter: (error: unknown) =>
        !(counts.handles(error) || (this.breaker.halfOpen && !providerAnswered(error))),
    });
    this.breaker.on('failure', (error: unknown) => {
      this.lastFailureKind = ProviderError.isInstance(error) ? error.kind : 'unknown';
    });
    this.breaker.on('open', () => {
      this.openedAt = this.now();
      if (this.breakSource.hasListeners) {
        this.breakSource.emit({
          name: this.name,
          resetTimeoutMs: this.resetTimeoutMs,
          kind: this.lastFailureKind,
        });
      }
    });
    this.breaker.on('halfOpen', () => {
      if (this.halfOpenSource.hasListeners) this.halfOpenSource.emit({ name: this.name });
    });
    this.breaker.on('close', () => {
      this.clearWindow();
      if (this.resetSource.hasListeners) this.resetSource.emit({ name: this.name });
    });
  }

  /** closed, open, or half-open. */
  get state(): CircuitState {
    if (this.breaker.closed) return 'closed';
    return this.breaker.halfOpen ? 'half-open' : 'open';
  }

  /** True when a call would go through now: closed, or half-open with the probe slot free. */
  allowsCall(): boolean {
    return this.breaker.closed || this.breaker.pendingClose;
  }

  /** While open: ms until the half-open probe; otherwise undefined. */
  retryAfterMs(): number | undefined {
    if (!this.breaker.opened) return undefined;
    return Math.max(0, this.openedAt + this.resetTimeoutMs - this.now());
  }

  /** The kind of the last failure that counted (what opened it), when known. */
  get lastFailure(): ErrorKind | undefined {
    return this.lastFailureKind;
  }

  /**
   * The breaker's state, to restore with the `state` option (here or in another process):
   * opossum's `toJSON().state` plus when it opened. Its rolling counts are not included.
   */
  toJSON(): CircuitBreakerState {
    const s = this.breaker.toJSON().state;
    return {
      state: {
        closed: s.closed,
        open: s.open,
        halfOpen: s.halfOpen,
        warmUp: s.warmUp,
        enabled: s.enabled,
        shutdown: s.shutdown,
        lastTimerAt: (s as unknown as { lastTimerAt?: number }).lastTimerAt,
      },
      openedAt: this.openedAt,
      lastFailure: this.lastFailureKind,
    };
  }

  /** The `CircuitOpenError` this breaker rejects with now. */
  openError(): CircuitOpenError {
    return new CircuitOpenError({ provider: this.name, retryAfterMs: this.retryAfterMs() });
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.fire(fn as (context: PolicyContext) => Promise<T>, {
      signal: signalOrNever(signal),
      attempt: 0,
    });
  }

  /** Runs `fn(arg)` through the breaker without allocating a context (the executor's hot path). */
  fire<A, T>(fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
    if (!this.allowsCall()) return Promise.reject(this.openError());
    this.rotate();
    return (this.breaker.fire(fn as (arg: unknown) => Promise<unknown>, arg) as Promise<T>).catch(
      (error: unknown) => {
        throw CircuitBreaker.isOurError(error as Error) ? this.openError() : error;
      },
    );
  }

  /** Stops the breaker's timer and listeners. */
  dispose(): void {
    this.breaker.shutdown();
    this.breakSource.clear();
    this.halfOpenSource.clear();
    this.resetSource.clear();
  }

  private rotate(): void {
    const elapsed = this.now() - this.lastRotation;
    if (elapsed < this.bucketMs) return;
    const steps = Math.floor(elapsed / this.bucketMs);
    this.lastRotation += steps * this.bucketMs;
    for (let i = Math.min(steps, this.buckets); i > 0; i--) this.rotator.emit('rotate');
  }

  private clearWindow(): void {
    for (let i = 0; i < this.buckets; i++) this.rotator.emit('rotate');
    this.lastRotation = this.now();
  }
}

/** The error table's `answered` column: in half-open such a failure closes the breaker. */
function providerAnswered(error: unknown): boolean {
  return ProviderError.isInstance(error) && (errorRule(error.kind)?.answered ?? false);
}

/**
 * A circuit breaker policy (opossum inside). Only provider-health failures count by default;
 * bad requests, content filters, context-length, quality, auth and aborts do not.
 *
 * @example
 * const breaker = circuitBreaker({ name: 'openai', volumeThreshold: 5, resetTimeoutMs: 10_000 });
 * breaker.onBreak(({ name }) => log(`${name} is down`));
 * await breaker.execute(({ signal }) => provider.generate({ ...request, signal }));
 */
export function circuitBreaker(options: CircuitBreakerOptions): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(options);
}
