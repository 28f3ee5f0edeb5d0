import {
  AlertRulesSchema,
  AllProvidersFailedError,
  type AlertMetricName,
  type AlertRule,
  type AlertRuleInput,
  ConfigError,
  type ErrorKind,
  NoProviderAvailableError,
  type Provider,
  type ProviderStats,
  type RoutingStats,
  type StreamEvent,
  type Usage,
  defaultAlertIntervalMs,
  defaultAlertRules,
  redactSecrets,
} from '@modelmux/core';
import type {
  AttemptEvent,
  CoolDownEvent,
  FailureEvent,
  FallbackEvent,
  ProviderBreakEvent,
  SuccessEvent,
} from '@modelmux/resilience';
import type { Registry } from 'prom-client';
import { type Alert, AlertEvaluator } from './alerts.js';
import { genAiOperationName, genAiProviderName } from './gen-ai.js';
import {
  type ProviderHealthCheck,
  checkProviders,
  defaultHealthCheckTimeoutMs,
} from './health-check.js';
import { measureFirstEvent } from './instrument-stream.js';
import { allFailedLine, kindPhrase, switchingLine, usingLine } from './log-lines.js';
import type {
  MetricsExecutor,
  MetricsLogger,
  MetricsOptions,
  ProviderHealthState,
  ProviderMetrics,
  ProviderMetricsEntry,
  ProviderStatusEntry,
  ProviderStatusReport,
  ProviderSummary,
} from './metrics-types.js';
import { OpenTelemetryInstruments } from './open-telemetry.js';
import { PrometheusInstruments } from './prometheus.js';
import { Series } from './series.js';
import { ratio, seriesAlertMetric, seriesFigures } from './series-metrics.js';
import { unavailableReasons } from './unavailable-reasons.js';

type BreakerState = 'closed' | 'half-open' | 'open';
const breakerNumber: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };
const defaultModelKey = '(default)';
const otherModels = 'other';

/** A rule already parsed (e.g. `parseConfig(...).alerts`). */
function isParsed(rule: AlertRuleInput | AlertRule): rule is AlertRule {
  return 'parsed' in rule && 'forMs' in rule && typeof rule.parsed === 'object';
}

/**
 * The rules: the user's (as written, or as `parseConfig` returns them) plus the defaults not
 * overridden by a rule of the same name. A bad one is a `ConfigError` naming it.
 */
function parseRules(options: MetricsOptions): AlertRule[] {
  const own = options.alerts ?? [];
  const input = own.map((rule): AlertRuleInput =>
    isParsed(rule)
      ? {
          name: rule.name,
          condition: rule.condition,
          for: rule.forMs,
          severity: rule.severity,
          provider: rule.provider,
          scope: rule.scope,
        }
      : rule,
  );
  const result = AlertRulesSchema.safeParse(input);
  if (!result.success)
    throw new ConfigError({
      issues: result.error.issues.map((issue) => ({
        path: ['alerts', ...issue.path].map(String).join('.'),
        message: issue.message,
      })),
    });
  const names = new Set(result.data.map((rule) => rule.name));
  const defaults =
    options.defaultAlerts === false
      ? []
      : AlertRulesSchema.parse(defaultAlertRules.filter((rule) => !names.has(rule.name)));
  return [...defaults, ...result.data];
}

/**
 * Per-provider metrics, health, alerts and exports, fed by a resilience executor's events.
 * Implements the router's `RoutingStats` (one source of truth for observed latency). Create
 * with `createMetrics()`; call `close()` to stop its timers.
 */
export class Metrics implements RoutingStats {
  /** The Prometheus registry (undefined with `prometheus: false`). */
  readonly registry: Registry | undefined;
  private readonly now: () => number;
  private readonly settings: { windowMs: number; slots: number };
  private readonly total: Series;
  private readonly providers = new Map<string, Series>();
  private readonly models = new Map<string, Map<string, Series>>();
  private readonly breakers = new Map<string, BreakerState>();
  private readonly configured: readonly Provider[];
  private readonly types = new Map<string, string>();
  private readonly prometheus: PrometheusInstruments | undefined;
  private readonly otel: OpenTelemetryInstruments | undefined;
  private readonly logger: MetricsLogger | undefined;
  private readonly logErrorMessages: boolean;
  private readonly maxModels: number;
  private readonly evaluator: AlertEvaluator;
  private readonly alertListeners = new Set<(alert: Alert) => void>();
  private alertTimer: ReturnType<typeof setInterval> | undefined;
  private healthTimer: ReturnType<typeof setTimeout> | undefined;
  private healthRunning: Promise<unknown> | undefined;
  private readonly lastHealth = new Map<string, ProviderHealthCheck>();
  private readonly detachers = new Set<() => void>();
  private executor: MetricsExecutor | undefined;
  private lastSucceeded: string | undefined;
  private closed = false;

  constructor(private readonly options: MetricsOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.settings = { windowMs: options.windowMs ?? 300_000, slots: options.windowSlots ?? 5 };
    this.total = new Series(this.settings);
    this.configured = options.providers ?? [];
    for (const provider of this.configured) this.types.set(provider.name, provider.type);
    this.prometheus =
      options.prometheus === false
        ? undefined
        : new PrometheusInstruments(options.prometheus?.registry);
    this.registry = this.prometheus?.registry;
    this.otel =
      options.openTelemetry === false
        ? undefined
        : new OpenTelemetryInstruments(options.openTelemetry);
    this.logger = options.logger;
    this.logErrorMessages = options.logErrorMessages ?? false;
    this.maxModels = options.maxModelsPerProvider ?? 50;

    const rules = parseRules(options);
    this.evaluator = new AlertEvaluator(
      rules,
      (provider, metric) => this.readAlertMetric(provider, metric),
      (alert) => this.deliver(alert),
    );
    for (const rule of rules) this.prometheus?.alertsFiring(rule.name, rule.severity, 0);
    if (rules.length > 0) {
      this.alertTimer = setInterval(
        () => this.evaluateAlerts(),
        options.alertIntervalMs ?? defaultAlertIntervalMs,
      );
      this.alertTimer.unref?.();
    }
    if (options.healthCheckIntervalMs !== undefined && this.configured.length > 0)
      this.scheduleHealthCheck(options.healthCheckIntervalMs);
    if (options.executor) this.attach(options.executor);
  }

  /** Subscribes to an executor's events (and reads its `status()`); returns the disposer. */
  attach(executor: MetricsExecutor): () => void {
    this.executor = executor;
    const subscriptions = [
      executor.onAttempt((e) => this.attempted(e)),
      executor.onSuccess((e) => this.succeeded(e)),
      executor.onFailure((e) => this.failed(e)),
      executor.onFallback((e) => this.fellBack(e)),
      executor.onRetry((e) =>
        this.logger?.debug(
          {
            provider: e.provider,
            model: e.model,
            attempt: e.attempt,
            delayMs: e.delayMs,
            kind: e.kind,
          },
          `Retrying ${e.provider} after ${kindPhrase(e.kind)} (retry ${e.attempt} in ${e.delayMs}ms)`,
        ),
      ),
      executor.onBreak((e) => this.breakerChanged(e.provider, 'open', e)),
      executor.onHalfOpen((e) => this.breakerChanged(e.provider, 'half-open')),
      executor.onReset((e) => this.breakerChanged(e.provider, 'closed')),
      executor.onCoolDown((e) => this.coolingDown(e)),
    ];
    if (executor.onSkip)
      subscriptions.push(
        executor.onSkip((e) =>
          this.logger?.debug(
            { provider: e.provider, model: e.model, cause: e.cause },
            `Skipping ${e.provider}: ${e.reason}`,
          ),
        ),
      );
    const detach = () => {
      for (const s of subscriptions) s.dispose();
      this.detachers.delete(detach);
      if (this.executor === executor) this.executor = undefined;
    };
    this.detachers.add(detach);
    return detach;
  }

  // ---- RoutingStats -------------------------------------------------------------------------

  /** Observed stats of a provider (or one of its models) over the window. O(1) amortised. */
  get(provider: string, model?: string): ProviderStats | undefined {
    const series =
      model === undefined ? this.providers.get(provider) : this.models.get(provider)?.get(model);
    if (!series) return undefined;
    const now = this.now();
    return {
      latencyMs: series.latency.windowMean(now),
      p95LatencyMs: series.latency.windowPercentile(95, now),
      ttftMs: series.ttft?.windowMean(now),
      successes: series.windowSuccesses.sum(now),
      failures: series.windowHealthFailures.sum(now),
      inFlight: series.inFlight,
      quality: series.avgQuality,
    };
  }

  // ---- Reading --------------------------------------------------------------------------------

  /** Totals and per-provider figures (latency percentiles over the window and since start). */
  getProviderMetrics(): ProviderMetrics {
    const now = this.now();
    const byProvider: Record<string, ProviderMetricsEntry> = {};
    for (const [name, series] of this.providers) {
      const errorsByKind: ProviderMetricsEntry['errorsByKind'] = {};
      for (const [kind, count] of series.errorsByKind) errorsByKind[kind] = count;
      byProvider[name] = {
        ...seriesFigures(series, now),
        errorsByKind,
        inFlight: series.inFlight,
        avgQuality: series.avgQuality,
        ttftP50Ms: series.ttft?.windowPercentile(50, now),
        fallbacks: series.fallbacks,
      };
    }
    return { ...seriesFigures(this.total, now), byProvider };
  }

  /** The user's design's summary of one provider; undefined before any data. */
  getProviderSummary(name: string): ProviderSummary | undefined {
    const series = this.providers.get(name);
    if (!series) return undefined;
    return {
      avgResponseTimeMs: series.latency.mean,
      successRate: ratio(series.successes, series.successes + series.errors),
      totalCostUsd: series.costUsd,
      totalRequests: series.requests,
    };
  }

  // ---- Recording outside the executor's events ------------------------------------------------

  /** Records a quality score (0–1) for a provider (from a validator or user feedback). */
  recordQuality(provider: string, score: number, model?: string): void {
    if (!Number.isFinite(score)) return;
    const clamped = Math.min(1, Math.max(0, score));
    this.providerSeries(provider).quality(clamped);
    if (model !== undefined) this.modelSeries(provider, model).quality(clamped);
  }

  /** Records a stream's time to first event, in ms. */
  recordFirstToken(provider: string, model: string | undefined, ms: number): void {
    const now = this.now();
    this.providerSeries(provider).firstToken(ms, now);
    const label = this.modelLabel(provider, model);
    this.modelSeries(provider, label).firstToken(ms, now);
    this.total.firstToken(ms, now);
    this.prometheus?.firstToken(provider, label, ms / 1000);
    this.otel?.firstChunk(this.genAiProvider(provider), model, ms / 1000);
  }

  /**
   * Wraps an executor's stream to measure its time to first event (the executor's events do not
   * carry it). Events pass through unchanged.
   *
   * @example
   * for await (const event of metrics.instrumentStream(executor.stream(plan, request))) { … }
   */
  instrumentStream(stream: AsyncIterable<StreamEvent>): AsyncIterable<StreamEvent> {
    return measureFirstEvent(stream, this.now, (provider, model, ms) =>
      this.recordFirstToken(provider, model, ms),
    );
  }

  /**
   * Books the cost of a call that did not succeed but was billed (a stream cut or stopped, a call
   * aborted or timed out after it was sent): the factory calls it with the amount budgets charged,
   * so `totalCostUsd`, `dailyCostUsd` and `modelmux_cost_usd_total` agree with the budgets. O(1).
   */
  recordCost(provider: string, model: string | undefined, costUsd: number, usage?: Usage): void {
    if (!(costUsd > 0) && !usage) return;
    const now = this.now();
    const label = this.modelLabel(provider, model);
    for (const series of [
      this.total,
      this.providerSeries(provider),
      this.modelSeries(provider, label),
    ]) {
      if (costUsd > 0) series.addCost(costUsd, now);
      if (usage) series.addTokens(usage);
    }
    this.prometheus?.charged(
      this.prometheus.call(provider, label, 'chat', this.genAiProvider(provider)),
      usage,
      costUsd,
    );
  }

  /**
   * Logs a request that failed on every provider (`All LLM providers failed: [gemini: quota
   * exceeded, claude: timeout]`). Call it where the executor's error is caught.
   */
  requestFailed(error: unknown): void {
    if (!this.logger) return;
    let attempts: { provider: string; kind: ErrorKind }[] | undefined;
    if (AllProvidersFailedError.isInstance(error)) attempts = lastPerProvider(error.attempts);
    else if (NoProviderAvailableError.isInstance(error))
      attempts = error.excluded.map((e) => ({
        provider: e.provider,
        kind: 'unknown' as ErrorKind,
      }));
    if (!attempts) return;
    const line = AllProvidersFailedError.isInstance(error)
      ? allFailedLine(attempts)
      : `All LLM providers failed: [${(error as NoProviderAvailableError).excluded.map((e) => `${e.provider}: ${e.reason}`).join(', ')}]`;
    this.logger.error({ attempts }, line);
  }

  // ---- Health and status ----------------------------------------------------------------------

  /** Checks every configured provider now, in parallel, each bounded by the health-check timeout. */
  async healthCheck(): Promise<Record<string, ProviderHealthCheck>> {
    const results = await checkProviders(
      this.configured,
      this.options.healthCheckTimeoutMs ?? defaultHealthCheckTimeoutMs,
    );
    for (const [name, result] of Object.entries(results)) this.lastHealth.set(name, result);
    return results;
  }

  /** Passive health of every known provider: from breaker state, window rates and the last check. */
  getHealth(): Record<string, ProviderHealthState> {
    const health: Record<string, ProviderHealthState> = {};
    for (const name of this.providerNames()) health[name] = this.healthOf(name);
    return health;
  }

  /** The user's design's status: primary, fallbacks, current, and why each unavailable one is. */
  getProviderStatus(): ProviderStatusReport {
    const names = this.providerNames();
    const providers: Record<string, ProviderStatusEntry> = {};
    for (const name of names) {
      const reasons = unavailableReasons(
        this.configured.find((p) => p.name === name),
        this.executor?.status().find((s) => s.provider === name),
        this.options.budgetCheck?.(name),
        this.now(),
      );
      providers[name] = {
        name,
        available: reasons.length === 0,
        health: this.healthOf(name),
        reasons,
      };
    }
    const primaryName = this.options.primary ?? this.configured[0]?.name ?? names[0];
    const fallbackNames = this.options.fallbacks ?? names.filter((name) => name !== primaryName);
    const entry = (name: string) => ({ name, available: providers[name]?.available ?? false });
    const current =
      this.lastSucceeded ??
      [primaryName, ...fallbackNames].find((n) => n !== undefined && providers[n]?.available);
    return {
      primary: primaryName === undefined ? undefined : entry(primaryName),
      fallbacks: fallbackNames.map(entry),
      current,
      providers,
    };
  }

  // ---- Alerts ---------------------------------------------------------------------------------

  /** Listens to alerts (firing and resolved); returns the unsubscribe function. */
  onAlert(listener: (alert: Alert) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** The alerts firing now. */
  getActiveAlerts(): Alert[] {
    return this.evaluator.active();
  }

  /** Evaluates every rule now (the timer does this every `alertIntervalMs`). */
  evaluateAlerts(): void {
    this.evaluator.evaluate(this.providerNames(), this.now());
  }

  /** Stops the timers, waits for a running health check and unsubscribes from the executor. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.alertTimer) clearInterval(this.alertTimer);
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.alertTimer = undefined;
    this.healthTimer = undefined;
    for (const detach of [...this.detachers]) detach();
    await this.healthRunning;
  }

  // ---- Event handlers (the hot path: O(1) each) ------------------------------------------------

  private attempted(e: AttemptEvent): void {
    this.total.started();
    this.providerSeries(e.provider).started();
    this.modelSeries(e.provider, this.modelLabel(e.provider, e.model)).started();
    this.prometheus?.started(e.provider);
  }

  private succeeded(e: SuccessEvent): void {
    const now = this.now();
    const label = this.modelLabel(e.provider, e.model);
    this.total.succeeded(e.durationMs, e.usage, e.costUsd, now);
    this.providerSeries(e.provider).succeeded(e.durationMs, e.usage, e.costUsd, now);
    this.modelSeries(e.provider, label).succeeded(e.durationMs, e.usage, e.costUsd, now);
    this.lastSucceeded = e.provider;
    const genAiProvider = this.genAiProvider(e.provider);
    const operation = genAiOperationName(e.operation);
    this.prometheus?.succeeded(
      this.prometheus.call(e.provider, label, operation, genAiProvider),
      e.durationMs / 1000,
      e.usage,
      e.costUsd,
    );
    this.otel?.ended({
      operation,
      genAiProvider,
      model: e.model,
      startTime: now - e.durationMs,
      endTime: now,
      inputTokens: e.usage?.inputTokens,
      outputTokens: e.usage?.outputTokens,
    });
    this.logger?.info(
      {
        provider: e.provider,
        model: e.model,
        operation: e.operation,
        durationMs: Math.round(e.durationMs),
        attempt: e.attempt,
        inputTokens: e.usage?.inputTokens,
        outputTokens: e.usage?.outputTokens,
        costUsd: e.costUsd,
      },
      usingLine(e.provider),
    );
  }

  private failed(e: FailureEvent): void {
    const label = this.modelLabel(e.provider, e.model);
    if (e.hedgeLost) {
      this.prometheus?.cancelled(e.provider);
      this.total.cancelled();
      this.providerSeries(e.provider).cancelled();
      this.modelSeries(e.provider, label).cancelled();
      return;
    }
    const now = this.now();
    this.total.failed(e.kind, now);
    this.providerSeries(e.provider).failed(e.kind, now);
    this.modelSeries(e.provider, label).failed(e.kind, now);
    const genAiProvider = this.genAiProvider(e.provider);
    const operation = genAiOperationName(e.operation);
    this.prometheus?.failed(
      this.prometheus.call(e.provider, label, operation, genAiProvider),
      e.durationMs / 1000,
      e.kind,
    );
    this.otel?.ended({
      operation,
      genAiProvider,
      model: e.model,
      startTime: now - e.durationMs,
      endTime: now,
      errorType: e.kind,
    });
    if (this.logger) {
      const fields: Record<string, unknown> = {
        provider: e.provider,
        model: e.model,
        operation: e.operation,
        kind: e.kind,
        status: e.status,
        durationMs: Math.round(e.durationMs),
        attempt: e.attempt,
      };
      if (this.logErrorMessages) fields.error = redactSecrets(e.error.message);
      this.logger.warn(fields, `${e.provider} ${kindPhrase(e.kind)}`);
    }
  }

  private fellBack(e: FallbackEvent): void {
    const now = this.now();
    this.total.fellBack(now);
    this.providerSeries(e.from).fellBack(now);
    this.prometheus?.fellBack(e.from, e.to, e.kind);
    this.logger?.warn(
      { from: e.from, to: e.to, kind: e.kind, operation: e.operation },
      switchingLine(e.from, e.kind, e.to),
    );
  }

  private breakerChanged(provider: string, state: BreakerState, e?: ProviderBreakEvent): void {
    this.breakers.set(provider, state);
    this.prometheus?.breakerState(provider, state);
    if (!this.logger) return;
    if (state === 'open')
      this.logger.warn(
        { provider, kind: e?.kind, resetTimeoutMs: e?.resetTimeoutMs },
        `${provider} circuit breaker opened`,
      );
    else this.logger.info({ provider, state }, `${provider} circuit breaker ${state}`);
  }

  private coolingDown(e: CoolDownEvent): void {
    this.logger?.warn(
      { provider: e.provider, kind: e.kind, until: e.until, durationMs: e.durationMs },
      `${e.provider} ${kindPhrase(e.kind)}, cooling down for ${e.durationMs}ms`,
    );
  }

  // ---- Internals ------------------------------------------------------------------------------

  private providerSeries(provider: string): Series {
    let series = this.providers.get(provider);
    if (!series) {
      series = new Series(this.settings);
      this.providers.set(provider, series);
    }
    return series;
  }

  /** A bounded model label: the model, `(default)`, or `other` past `maxModelsPerProvider`. */
  private modelLabel(provider: string, model: string | undefined): string {
    const key = model ?? defaultModelKey;
    const known = this.models.get(provider);
    if (known?.has(key) || (known?.size ?? 0) < this.maxModels) return key;
    return otherModels;
  }

  private modelSeries(provider: string, label: string): Series {
    let byModel = this.models.get(provider);
    if (!byModel) {
      byModel = new Map();
      this.models.set(provider, byModel);
    }
    let series = byModel.get(label);
    if (!series) {
      series = new Series(this.settings);
      byModel.set(label, series);
    }
    return series;
  }

  private genAiProvider(provider: string): string {
    return genAiProviderName(this.types.get(provider) ?? provider);
  }

  private providerNames(): string[] {
    const names = new Set<string>();
    for (const p of this.configured) names.add(p.name);
    if (this.options.primary) names.add(this.options.primary);
    for (const n of this.options.fallbacks ?? []) names.add(n);
    for (const n of this.providers.keys()) names.add(n);
    return [...names];
  }

  private healthOf(name: string): ProviderHealthState {
    const now = this.now();
    const breaker = this.breakers.get(name);
    if (breaker === 'open') return 'down';
    if (this.lastHealth.get(name)?.status === 'unhealthy') return 'down';
    const series = this.providers.get(name);
    const rate = series?.windowSuccessRate(now);
    if (rate === 0 && (series?.windowErrors.sum(now) ?? 0) >= 3) return 'down';
    if (breaker === 'half-open') return 'degraded';
    if (rate !== undefined && rate < 0.95) return 'degraded';
    const status = this.executor?.status().find((s) => s.provider === name);
    if (status && (status.coolDownRemainingMs ?? 0) > 0) return 'degraded';
    return 'healthy';
  }

  private readAlertMetric(
    provider: string | undefined,
    metric: AlertMetricName,
  ): number | undefined {
    const now = this.now();
    if (metric === 'daily_limit') {
      const limit = this.options.dailyLimitUsd;
      if (typeof limit === 'function') return limit(provider);
      return provider === undefined ? limit : undefined;
    }
    if (metric === 'breaker_state')
      return provider === undefined
        ? undefined
        : breakerNumber[this.breakers.get(provider) ?? 'closed'];
    const series = provider === undefined ? this.total : this.providers.get(provider);
    return series ? seriesAlertMetric(series, metric, now) : undefined;
  }

  private deliver(alert: Alert): void {
    const rule = this.evaluator.rules.find((r) => r.name === alert.name);
    if (rule)
      this.prometheus?.alertsFiring(
        rule.name,
        rule.severity,
        this.evaluator.firingCount(rule.name),
      );
    const fields = {
      rule: alert.name,
      severity: alert.severity,
      provider: alert.provider,
      value: alert.value,
    };
    if (alert.state === 'firing') this.logger?.warn(fields, `Alert ${alert.name} firing`);
    else this.logger?.info(fields, `Alert ${alert.name} resolved`);
    for (const listener of this.alertListeners) {
      try {
        listener(alert);
      } catch {
        // A listener's bug must not stop the others or the evaluation.
      }
    }
  }

  private scheduleHealthCheck(intervalMs: number): void {
    if (this.closed) return;
    // setTimeout after each run finishes: checks never overlap, however slow a provider is.
    this.healthTimer = setTimeout(() => {
      this.healthTimer = undefined;
      const run = this.healthCheck().catch(() => undefined);
      this.healthRunning = run;
      void run.then(() => {
        if (this.healthRunning === run) this.healthRunning = undefined;
        this.scheduleHealthCheck(intervalMs);
      });
    }, intervalMs);
    this.healthTimer.unref?.();
  }
}

/** The last failure of each provider, in the order they were first tried. */
function lastPerProvider(
  attempts: readonly { provider: string; kind: ErrorKind }[],
): { provider: string; kind: ErrorKind }[] {
  const last = new Map<string, ErrorKind>();
  for (const a of attempts) {
    last.delete(a.provider);
    last.set(a.provider, a.kind);
  }
  const order: string[] = [];
  for (const a of attempts) if (!order.includes(a.provider)) order.push(a.provider);
  return order.map((provider) => ({ provider, kind: last.get(provider) ?? 'unknown' }));
}

/**
 * Creates the metrics hub: per-provider metrics in bounded memory, passive and active health,
 * status, alert rules, Prometheus (prom-client), OpenTelemetry and pino logs, fed by a resilience
 * executor's events. It is the router's `RoutingStats` too.
 *
 * @example
 * const executor = createFallbackExecutor();
 * const metrics = createMetrics({ executor, providers: [openai, anthropic], logger: pino() });
 * await executor.generate([openai, anthropic], { messages: [{ role: 'user', content: 'Hi' }] });
 * metrics.getProviderMetrics().byProvider.openai?.p95LatencyMs;
 * await metrics.close();
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  return new Metrics(options);
}
