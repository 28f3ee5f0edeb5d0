import type { ErrorKind, Usage } from '@modelmux/core';
import { SlidingCounter } from './sliding-counter.js';
import { SlidingHistogram } from './sliding-histogram.js';

/** Kinds that say nothing about the provider's health (the caller stopped, a hedge lost). */
const notCounted: ReadonlySet<ErrorKind> = new Set(['aborted']);

/** Kinds the router counts as health failures (as the resilience breaker does). */
const healthKinds: ReadonlySet<ErrorKind> = new Set([
  'server',
  'overloaded',
  'timeout',
  'network',
  'unknown',
]);

const dayMs = 86_400_000;

/** The window settings every series shares. */
export interface WindowSettings {
  windowMs: number;
  slots: number;
}

/**
 * Everything observed about one provider, one provider's model, or all providers: counters,
 * windowed rates, latency and time-to-first-token histograms, tokens, cost, quality. Fixed size.
 */
export class Series {
  requests = 0;
  successes = 0;
  errors = 0;
  inFlight = 0;
  fallbacks = 0;
  readonly errorsByKind = new Map<ErrorKind, number>();
  inputTokens = 0;
  outputTokens = 0;
  cachedTokens = 0;
  costUsd = 0;
  private dailyCost = 0;
  private day = -1;
  qualitySum = 0;
  qualityCount = 0;
  readonly latency: SlidingHistogram;
  private ttftHistogram: SlidingHistogram | undefined;
  readonly windowSuccesses: SlidingCounter;
  readonly windowErrors: SlidingCounter;
  readonly windowHealthFailures: SlidingCounter;
  readonly windowFallbacks: SlidingCounter;

  constructor(private readonly settings: WindowSettings) {
    this.latency = new SlidingHistogram(settings.windowMs, settings.slots);
    this.windowSuccesses = new SlidingCounter(settings.windowMs, settings.slots);
    this.windowErrors = new SlidingCounter(settings.windowMs, settings.slots);
    this.windowHealthFailures = new SlidingCounter(settings.windowMs, settings.slots);
    this.windowFallbacks = new SlidingCounter(settings.windowMs, settings.slots);
  }

  /** Time to first token, created on the first stream (most series never need it). */
  get ttft(): SlidingHistogram | undefined {
    return this.ttftHistogram;
  }

  started(): void {
    this.requests++;
    this.inFlight++;
  }

  succeeded(
    durationMs: number,
    usage: Usage | undefined,
    costUsd: number | undefined,
    now: number,
  ): void {
    if (this.inFlight > 0) this.inFlight--;
    this.successes++;
    this.windowSuccesses.add(now);
    this.latency.record(durationMs, now);
    if (usage) this.addTokens(usage);
    if (costUsd !== undefined && costUsd > 0) this.addCost(costUsd, now);
  }

  addTokens(usage: Usage): void {
    this.inputTokens += usage.inputTokens;
    this.outputTokens += usage.outputTokens;
    this.cachedTokens += usage.cachedInputTokens ?? 0;
  }

  failed(kind: ErrorKind, now: number): void {
    if (this.inFlight > 0) this.inFlight--;
    this.errorsByKind.set(kind, (this.errorsByKind.get(kind) ?? 0) + 1);
    if (notCounted.has(kind)) return;
    this.errors++;
    this.windowErrors.add(now);
    if (healthKinds.has(kind)) this.windowHealthFailures.add(now);
  }

  /** A call that ended without counting (a hedge loser). */
  cancelled(): void {
    if (this.inFlight > 0) this.inFlight--;
  }

  fellBack(now: number): void {
    this.fallbacks++;
    this.windowFallbacks.add(now);
  }

  firstToken(ms: number, now: number): void {
    this.ttftHistogram ??= new SlidingHistogram(this.settings.windowMs, this.settings.slots);
    this.ttftHistogram.record(ms, now);
  }

  quality(score: number): void {
    this.qualitySum += score;
    this.qualityCount++;
  }

  addCost(usd: number, now: number): void {
    this.costUsd += usd;
    const day = Math.floor(now / dayMs);
    if (day !== this.day) {
      this.day = day;
      this.dailyCost = 0;
    }
    this.dailyCost += usd;
  }

  /** Cost since 00:00 UTC of `now`'s day. */
  dailyCostAt(now: number): number {
    return Math.floor(now / dayMs) === this.day ? this.dailyCost : 0;
  }

  /** Success rate over the window (0–1), undefined without finished calls. */
  windowSuccessRate(now: number): number | undefined {
    const ok = this.windowSuccesses.sum(now);
    const total = ok + this.windowErrors.sum(now);
    return total === 0 ? undefined : ok / total;
  }

  get avgQuality(): number | undefined {
    return this.qualityCount === 0 ? undefined : this.qualitySum / this.qualityCount;
  }
}
