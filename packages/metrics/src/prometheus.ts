import type { ErrorKind, Usage } from '@modelmux/core';
import { Counter, Gauge, Registry } from 'prom-client';
import { Buckets, ScrapedHistogram } from './buckets.js';
import { durationBucketsSeconds, tokenBuckets } from './gen-ai.js';

const breakerValues = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Everything recorded for one (provider, model, operation): found once, then O(1) updates. */
export class CallSeries {
  readonly genAi: Record<string, string>;
  readonly duration = new Buckets(durationBucketsSeconds);
  readonly inputTokens = new Buckets(tokenBuckets);
  readonly outputTokens = new Buckets(tokenBuckets);
  /** The subsets by token type (`cached_input`, `cache_write`, `reasoning`), made when first seen. */
  readonly tokenTypes = new Map<string, Buckets>();
  readonly errorDurations = new Map<ErrorKind, Buckets>();
  successes = 0;
  errors = 0;
  costUsd = 0;

  constructor(
    readonly provider: string,
    readonly model: string,
    operation: string,
    genAiProvider: string,
  ) {
    this.genAi = {
      gen_ai_operation_name: operation,
      gen_ai_provider_name: genAiProvider,
      gen_ai_request_model: model,
      gen_ai_response_model: model,
    };
  }
}

/** Per-provider state for the gauges and the error counter. */
class ProviderSeries {
  inFlight = 0;
  breaker: keyof typeof breakerValues | undefined;
  readonly errors = new Map<ErrorKind, number>();
  readonly ttft = new Map<string, Buckets>();
}

/**
 * The Prometheus exposition, in a registry of its own (merge it with
 * `Registry.merge([app, metrics.registry])` or serve `registry.metrics()`). Names and labels are
 * public API: dashboards depend on them. Events update plain numbers (O(1), no allocation after a
 * label set is first seen); prom-client builds the text when scraped.
 */
export class PrometheusInstruments {
  readonly registry: Registry;
  private readonly calls = new Map<string, Map<string, CallSeries[]>>();
  private readonly providers = new Map<string, ProviderSeries>();
  private readonly fallbacks = new Map<
    string,
    { from: string; to: string; kind: ErrorKind; count: number }
  >();
  private readonly alerts = new Map<string, { rule: string; severity: string; count: number }>();

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    // The collect callbacks run with `this` bound to the prom-client metric; they read this state.
    const self = {
      allCalls: () => this.allCalls(),
      providers: this.providers,
      fallbacks: this.fallbacks,
      alerts: this.alerts,
    };
    new ScrapedHistogram(
      'gen_ai_client_operation_duration_seconds',
      'GenAI operation duration (one call to a provider), in seconds.',
      function* () {
        for (const call of self.allCalls()) {
          if (call.duration.count > 0) yield { labels: call.genAi, buckets: call.duration };
          for (const [kind, buckets] of call.errorDurations) {
            // A failed call has no response model.
            const labels: Record<string, string> = { ...call.genAi, error_type: kind };
            delete labels.gen_ai_response_model;
            yield { labels, buckets };
          }
        }
      },
      registry,
    );
    new ScrapedHistogram(
      'gen_ai_client_token_usage',
      'Tokens used per call, by type: input and output (all of them), and the parts of them that were cache reads (cached_input), cache writes (cache_write) and reasoning.',
      function* () {
        for (const call of self.allCalls()) {
          if (call.inputTokens.count > 0)
            yield {
              labels: { ...call.genAi, gen_ai_token_type: 'input' },
              buckets: call.inputTokens,
            };
          if (call.outputTokens.count > 0)
            yield {
              labels: { ...call.genAi, gen_ai_token_type: 'output' },
              buckets: call.outputTokens,
            };
          for (const [type, buckets] of call.tokenTypes)
            yield { labels: { ...call.genAi, gen_ai_token_type: type }, buckets };
        }
      },
      registry,
    );
    new ScrapedHistogram(
      'modelmux_time_to_first_token_seconds',
      'Time from the start of a stream to its first event, in seconds.',
      function* () {
        for (const [provider, series] of self.providers)
          for (const [model, buckets] of series.ttft)
            yield { labels: { provider, model }, buckets };
      },
      registry,
    );
    new Counter({
      name: 'modelmux_requests_total',
      help: 'Calls to a provider, by outcome (success, error).',
      labelNames: ['provider', 'model', 'outcome'],
      registers,
      collect() {
        this.reset();
        const totals = new Map<
          string,
          { provider: string; model: string; ok: number; failed: number }
        >();
        for (const call of self.allCalls()) {
          const key = `${call.provider}\u0000${call.model}`;
          const entry = totals.get(key) ?? {
            provider: call.provider,
            model: call.model,
            ok: 0,
            failed: 0,
          };
          entry.ok += call.successes;
          entry.failed += call.errors;
          totals.set(key, entry);
        }
        for (const { provider, model, ok, failed } of totals.values()) {
          if (ok > 0) this.inc({ provider, model, outcome: 'success' }, ok);
          if (failed > 0) this.inc({ provider, model, outcome: 'error' }, failed);
        }
      },
    });
    new Counter({
      name: 'modelmux_errors_total',
      help: 'Failed calls to a provider, by error kind.',
      labelNames: ['provider', 'kind'],
      registers,
      collect() {
        this.reset();
        for (const [provider, series] of self.providers)
          for (const [kind, count] of series.errors) this.inc({ provider, kind }, count);
      },
    });
    new Counter({
      name: 'modelmux_cost_usd_total',
      help: 'Cost of calls in USD: successful ones, and cut, stopped or aborted ones charged by estimate (what budgets charged).',
      labelNames: ['provider', 'model'],
      registers,
      collect() {
        this.reset();
        const totals = new Map<string, { provider: string; model: string; usd: number }>();
        for (const call of self.allCalls()) {
          if (call.costUsd <= 0) continue;
          const key = `${call.provider}\u0000${call.model}`;
          const entry = totals.get(key) ?? { provider: call.provider, model: call.model, usd: 0 };
          entry.usd += call.costUsd;
          totals.set(key, entry);
        }
        for (const { provider, model, usd } of totals.values()) this.inc({ provider, model }, usd);
      },
    });
    new Counter({
      name: 'modelmux_fallbacks_total',
      help: 'Moves from a failed provider to the next, by the failure kind.',
      labelNames: ['from', 'to', 'kind'],
      registers,
      collect() {
        this.reset();
        for (const { from, to, kind, count } of self.fallbacks.values())
          this.inc({ from, to, kind }, count);
      },
    });
    new Gauge({
      name: 'modelmux_breaker_state',
      help: 'Circuit breaker state per provider: 0 closed, 1 half-open, 2 open.',
      labelNames: ['provider'],
      registers,
      collect() {
        this.reset();
        for (const [provider, series] of self.providers)
          if (series.breaker !== undefined) this.set({ provider }, breakerValues[series.breaker]);
      },
    });
    new Gauge({
      name: 'modelmux_in_flight_requests',
      help: 'Calls to a provider in flight now.',
      labelNames: ['provider'],
      registers,
      collect() {
        this.reset();
        for (const [provider, series] of self.providers) this.set({ provider }, series.inFlight);
      },
    });
    new Gauge({
      name: 'modelmux_alerts_firing',
      help: 'Alerts firing now, by rule and severity.',
      labelNames: ['rule', 'severity'],
      registers,
      collect() {
        this.reset();
        for (const { rule, severity, count } of self.alerts.values())
          this.set({ rule, severity }, count);
      },
    });
  }

  /** The series of one (provider, model, operation), created on first sight. */
  call(provider: string, model: string, operation: string, genAiProvider: string): CallSeries {
    let byModel = this.calls.get(provider);
    if (!byModel) this.calls.set(provider, (byModel = new Map()));
    let byOperation = byModel.get(model);
    if (!byOperation) byModel.set(model, (byOperation = []));
    const index = operation === 'chat' ? 0 : 1;
    let series = byOperation[index];
    if (!series)
      byOperation[index] = series = new CallSeries(provider, model, operation, genAiProvider);
    return series;
  }

  started(provider: string): void {
    this.provider(provider).inFlight++;
  }

  succeeded(
    call: CallSeries,
    seconds: number,
    usage: Usage | undefined,
    costUsd: number | undefined,
  ): void {
    const series = this.provider(call.provider);
    if (series.inFlight > 0) series.inFlight--;
    call.successes++;
    call.duration.observe(seconds);
    this.charged(call, usage, costUsd);
  }

  /** Tokens and cost of a call (a success, or a cut call charged by estimate). */
  charged(call: CallSeries, usage: Usage | undefined, costUsd: number | undefined): void {
    if (usage) {
      call.inputTokens.observe(usage.inputTokens);
      call.outputTokens.observe(usage.outputTokens);
      observeType(call, 'cached_input', usage.cachedInputTokens);
      observeType(call, 'cache_write', usage.cacheWriteInputTokens);
      observeType(call, 'reasoning', usage.reasoningTokens);
    }
    if (costUsd !== undefined && costUsd > 0) call.costUsd += costUsd;
  }

  failed(call: CallSeries, seconds: number, kind: ErrorKind): void {
    const series = this.provider(call.provider);
    if (series.inFlight > 0) series.inFlight--;
    call.errors++;
    series.errors.set(kind, (series.errors.get(kind) ?? 0) + 1);
    let buckets = call.errorDurations.get(kind);
    if (!buckets) call.errorDurations.set(kind, (buckets = new Buckets(durationBucketsSeconds)));
    buckets.observe(seconds);
  }

  /** A call that ended without an outcome (a hedge loser). */
  cancelled(provider: string): void {
    const series = this.provider(provider);
    if (series.inFlight > 0) series.inFlight--;
  }

  fellBack(from: string, to: string, kind: ErrorKind): void {
    const key = `${from}\u0000${to}\u0000${kind}`;
    const entry = this.fallbacks.get(key);
    if (entry) entry.count++;
    else this.fallbacks.set(key, { from, to, kind, count: 1 });
  }

  breakerState(provider: string, state: keyof typeof breakerValues): void {
    this.provider(provider).breaker = state;
  }

  firstToken(provider: string, model: string, seconds: number): void {
    const ttft = this.provider(provider).ttft;
    let buckets = ttft.get(model);
    if (!buckets) ttft.set(model, (buckets = new Buckets(durationBucketsSeconds)));
    buckets.observe(seconds);
  }

  alertsFiring(rule: string, severity: string, count: number): void {
    this.alerts.set(rule, { rule, severity, count });
  }

  private provider(name: string): ProviderSeries {
    let series = this.providers.get(name);
    if (!series) this.providers.set(name, (series = new ProviderSeries()));
    return series;
  }

  private *allCalls(): Generator<CallSeries> {
    for (const byModel of this.calls.values())
      for (const byOperation of byModel.values())
        for (const call of byOperation) if (call) yield call;
  }
}

function observeType(call: CallSeries, type: string, tokens: number | undefined): void {
  if (!tokens || tokens <= 0) return;
  let buckets = call.tokenTypes.get(type);
  if (!buckets) call.tokenTypes.set(type, (buckets = new Buckets(tokenBuckets)));
  buckets.observe(tokens);
}
