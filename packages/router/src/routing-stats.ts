import type { ErrorKind, ProviderStats, RateLimitInfo, RoutingStats } from '@modelmux/core';

/** A subscription handle (the executor's `Disposable`). */
export interface Subscription {
  dispose(): void;
}

type Listen<T> = (listener: (event: T) => void) => Subscription;

/**
 * The part of `@modelmux/resilience`'s `FallbackExecutor` the stats subscribe to: its public
 * events. Structural, so the router has no runtime dependency on resilience.
 */
export interface ExecutorEvents {
  onAttempt: Listen<{ provider: string }>;
  onSuccess: Listen<{ provider: string; durationMs: number; rateLimit?: RateLimitInfo }>;
  onFailure: Listen<{ provider: string; kind: ErrorKind; hedgeLost?: boolean }>;
  onBreak?: Listen<{ provider: string; resetTimeoutMs: number }>;
  onHalfOpen?: Listen<{ provider: string }>;
  onReset?: Listen<{ provider: string }>;
  onCoolDown?: Listen<{ provider: string; until: number; kind: ErrorKind }>;
}

/** Settings of `createRoutingStats()`. */
export interface RoutingStatsOptions {
  /** The recent window latency and success are measured over, in ms (default 60 000). */
  windowMs?: number;
  /** Buckets the window is split into (default 6): data ages out one bucket at a time. */
  buckets?: number;
  /** Latest latencies kept for the p95 (default 64). */
  latencySamples?: number;
  /** Clock, epoch ms (default `Date.now`). */
  now?: () => number;
}

/** Failure kinds that count against a provider's success rate (its health, not the caller's input). */
const healthKinds: ReadonlySet<ErrorKind> = new Set([
  'server',
  'overloaded',
  'timeout',
  'network',
  'quality',
]);

const qualityHorizon = 100;

class ProviderRecord {
  readonly ids: Float64Array;
  readonly count: Float64Array;
  readonly latencySum: Float64Array;
  readonly failures: Float64Array;
  readonly latencies: Float64Array;
  readonly latencyAt: Float64Array;
  latencyNext = 0;
  inFlight = 0;
  quality: number | undefined;
  qualityCount = 0;
  rateLimit: RateLimitInfo | undefined;
  breakerOpenUntil = 0;
  coolDownUntil = 0;
  coolDownKind: ErrorKind | undefined;
  version = 0;
  view: ProviderStats | undefined;
  viewVersion = -1;
  viewBucket = -1;

  constructor(buckets: number, samples: number) {
    this.ids = new Float64Array(buckets).fill(-1);
    this.count = new Float64Array(buckets);
    this.latencySum = new Float64Array(buckets);
    this.failures = new Float64Array(buckets);
    this.latencies = new Float64Array(samples);
    this.latencyAt = new Float64Array(samples).fill(-Infinity);
  }
}

/**
 * The default in-memory `RoutingStats`: per provider, latency and success over a recent window
 * (fixed buckets, O(1) to record and to read, bounded memory), requests in flight, a running
 * quality mean, the latest rate-limit info, and the breaker and cool-down state seen in the
 * executor's events. Feed it with `attach(executor)` or the `record*` methods.
 */
export class InMemoryRoutingStats implements RoutingStats {
  private readonly records = new Map<string, ProviderRecord>();
  private readonly bucketMs: number;
  private readonly bucketCount: number;
  private readonly windowMs: number;
  private readonly samples: number;
  readonly now: () => number;

  constructor(options: RoutingStatsOptions = {}) {
    this.windowMs = Math.max(1, options.windowMs ?? 60_000);
    this.bucketCount = Math.max(1, Math.floor(options.buckets ?? 6));
    this.bucketMs = this.windowMs / this.bucketCount;
    this.samples = Math.max(1, Math.floor(options.latencySamples ?? 64));
    this.now = options.now ?? Date.now;
  }

  /** Stats of one provider over the recent window (models share their provider's stats). */
  get(provider: string): ProviderStats | undefined {
    const record = this.records.get(provider);
    if (!record) return undefined;
    const bucket = Math.floor(this.now() / this.bucketMs);
    if (record.view && record.viewVersion === record.version && record.viewBucket === bucket)
      return record.view;
    let successes = 0;
    let failures = 0;
    let latencySum = 0;
    const oldest = bucket - this.bucketCount;
    for (let i = 0; i < this.bucketCount; i++) {
      if (record.ids[i] <= oldest || record.ids[i] > bucket) continue;
      successes += record.count[i];
      latencySum += record.latencySum[i];
      failures += record.failures[i];
    }
    const windowStart = this.now() - this.windowMs;
    const view: ProviderStats = {
      latencyMs: successes > 0 ? latencySum / successes : undefined,
      get p95LatencyMs() {
        const recent: number[] = [];
        for (let i = 0; i < record.latencies.length; i++)
          if (record.latencyAt[i] > windowStart) recent.push(record.latencies[i]);
        if (recent.length === 0) return undefined;
        recent.sort((a, b) => a - b);
        return recent[Math.min(recent.length - 1, Math.ceil(recent.length * 0.95) - 1)];
      },
      successes,
      failures,
      inFlight: record.inFlight,
      quality: record.quality,
      rateLimit: record.rateLimit,
    };
    record.view = view;
    record.viewVersion = record.version;
    record.viewBucket = bucket;
    return view;
  }

  /** A call to `provider` started. */
  recordAttempt(provider: string): void {
    const record = this.recordOf(provider);
    record.inFlight++;
    record.version++;
  }

  /** A call succeeded after `durationMs`; `rateLimit` is the quota its response reported. */
  recordSuccess(provider: string, durationMs: number, rateLimit?: RateLimitInfo): void {
    const record = this.recordOf(provider);
    record.inFlight = Math.max(0, record.inFlight - 1);
    const now = this.now();
    const slot = this.slot(record, now);
    record.count[slot]++;
    record.latencySum[slot] += durationMs;
    const next = record.latencyNext;
    record.latencies[next] = durationMs;
    record.latencyAt[next] = now;
    record.latencyNext = (next + 1) % record.latencies.length;
    if (rateLimit) record.rateLimit = rateLimit;
    record.version++;
  }

  /** A call failed with `kind`; health kinds (server, overloaded, timeout, network, quality) count against it. */
  recordFailure(provider: string, kind: ErrorKind): void {
    const record = this.recordOf(provider);
    record.inFlight = Math.max(0, record.inFlight - 1);
    if (healthKinds.has(kind)) record.failures[this.slot(record, this.now())]++;
    record.version++;
  }

  /** The provider's latest reported quota (from a result's `rateLimit`). */
  recordRateLimit(provider: string, rateLimit: RateLimitInfo): void {
    const record = this.recordOf(provider);
    record.rateLimit = rateLimit;
    record.version++;
  }

  /** A quality score from 0 to 1 (validators, `recordFeedback`); kept as a running mean of the last ~100. */
  recordQuality(provider: string, score: number): void {
    if (!Number.isFinite(score)) return;
    const record = this.recordOf(provider);
    record.qualityCount = Math.min(qualityHorizon, record.qualityCount + 1);
    const previous = record.quality ?? score;
    record.quality = previous + (score - previous) / record.qualityCount;
    record.version++;
  }

  /** The breaker of `provider` opened; it lets a probe through after `resetTimeoutMs`. */
  recordBreakerOpen(provider: string, resetTimeoutMs: number): void {
    this.recordOf(provider).breakerOpenUntil = this.now() + resetTimeoutMs;
  }

  /** The breaker half-opened or closed: calls may go through again. */
  recordBreakerClosed(provider: string): void {
    this.recordOf(provider).breakerOpenUntil = 0;
  }

  /** The provider cools down after a rate limit or quota error until `until` (epoch ms). */
  recordCoolDown(provider: string, until: number, kind: ErrorKind): void {
    const record = this.recordOf(provider);
    if (until > record.coolDownUntil) {
      record.coolDownUntil = until;
      record.coolDownKind = kind;
    }
  }

  /**
   * Why `provider` cannot be called now (breaker open, cooling down), from the events seen. O(1).
   * Bound to the instance, so it can be passed as the router's `availability`.
   */
  readonly unavailableReason = (provider: string): string | undefined => {
    const record = this.records.get(provider);
    if (!record) return undefined;
    const now = this.now();
    if (record.coolDownUntil > now)
      return `cooling down for ${record.coolDownUntil - now}ms more after ${record.coolDownKind ?? 'rate_limit'}`;
    if (record.breakerOpenUntil > now)
      return `circuit breaker open (probe in ${record.breakerOpenUntil - now}ms)`;
    return undefined;
  };

  /**
   * Subscribes to an executor's events (`createFallbackExecutor()`): attempts, successes (with
   * their rate-limit info), failures, breaker and cool-down changes. Returns a handle that
   * unsubscribes.
   */
  attach(executor: ExecutorEvents): Subscription {
    const subscriptions: Subscription[] = [
      executor.onAttempt((e) => this.recordAttempt(e.provider)),
      executor.onSuccess((e) => this.recordSuccess(e.provider, e.durationMs, e.rateLimit)),
      executor.onFailure((e) => this.recordFailure(e.provider, e.hedgeLost ? 'aborted' : e.kind)),
    ];
    if (executor.onBreak)
      subscriptions.push(
        executor.onBreak((e) => this.recordBreakerOpen(e.provider, e.resetTimeoutMs)),
      );
    if (executor.onHalfOpen)
      subscriptions.push(executor.onHalfOpen((e) => this.recordBreakerClosed(e.provider)));
    if (executor.onReset)
      subscriptions.push(executor.onReset((e) => this.recordBreakerClosed(e.provider)));
    if (executor.onCoolDown)
      subscriptions.push(
        executor.onCoolDown((e) => this.recordCoolDown(e.provider, e.until, e.kind)),
      );
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }

  /** Forgets one provider's stats, or all. */
  clear(provider?: string): void {
    if (provider === undefined) this.records.clear();
    else this.records.delete(provider);
  }

  private recordOf(provider: string): ProviderRecord {
    let record = this.records.get(provider);
    if (!record) {
      record = new ProviderRecord(this.bucketCount, this.samples);
      this.records.set(provider, record);
    }
    return record;
  }

  /** The bucket slot for `now`, reset when it last held an older bucket. */
  private slot(record: ProviderRecord, now: number): number {
    const bucket = Math.floor(now / this.bucketMs);
    const slot = bucket % this.bucketCount;
    if (record.ids[slot] !== bucket) {
      record.ids[slot] = bucket;
      record.count[slot] = 0;
      record.latencySum[slot] = 0;
      record.failures[slot] = 0;
    }
    return slot;
  }
}

/**
 * Creates the default in-memory `RoutingStats`.
 *
 * @example
 * const stats = createRoutingStats();
 * stats.attach(executor); // feeds latency, success, in-flight, rate limits, breaker and cool-downs
 * const router = createRouter({ providers, strategy: 'latency', stats });
 */
export function createRoutingStats(options: RoutingStatsOptions = {}): InMemoryRoutingStats {
  return new InMemoryRoutingStats(options);
}
