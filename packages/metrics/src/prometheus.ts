import type { ErrorKind } from '@modelmux/core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { durationBucketsSeconds, tokenBuckets } from './gen-ai.js';

/** Labels every GenAI histogram sample carries (the OpenTelemetry attributes, `.` → `_`). */
interface GenAiLabels {
  operation: string;
  genAiProvider: string;
  model: string;
}

const breakerValues = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * The Prometheus instruments, in a registry of their own (merge it with
 * `Registry.merge([app, metrics.registry])` or serve `registry.metrics()`). Names and labels are
 * public API: dashboards depend on them.
 */
export class PrometheusInstruments {
  readonly registry: Registry;
  private readonly duration: Histogram;
  private readonly tokens: Histogram;
  private readonly requests: Counter;
  private readonly errors: Counter;
  private readonly cost: Counter;
  private readonly fallbacks: Counter;
  private readonly breaker: Gauge;
  private readonly inFlight: Gauge;
  private readonly ttft: Histogram;
  private readonly alerts: Gauge;

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    this.duration = new Histogram({
      name: 'gen_ai_client_operation_duration_seconds',
      help: 'GenAI operation duration (one call to a provider), in seconds.',
      labelNames: [
        'gen_ai_operation_name',
        'gen_ai_provider_name',
        'gen_ai_request_model',
        'gen_ai_response_model',
        'error_type',
      ],
      buckets: [...durationBucketsSeconds],
      registers,
    });
    this.tokens = new Histogram({
      name: 'gen_ai_client_token_usage',
      help: 'Tokens used per call, by type (input, output).',
      labelNames: [
        'gen_ai_operation_name',
        'gen_ai_provider_name',
        'gen_ai_request_model',
        'gen_ai_response_model',
        'gen_ai_token_type',
      ],
      buckets: [...tokenBuckets],
      registers,
    });
    this.requests = new Counter({
      name: 'modelmux_requests_total',
      help: 'Calls to a provider, by outcome (success, error).',
      labelNames: ['provider', 'model', 'outcome'],
      registers,
    });
    this.errors = new Counter({
      name: 'modelmux_errors_total',
      help: 'Failed calls to a provider, by error kind.',
      labelNames: ['provider', 'kind'],
      registers,
    });
    this.cost = new Counter({
      name: 'modelmux_cost_usd_total',
      help: 'Cost of successful calls, in USD.',
      labelNames: ['provider', 'model'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'modelmux_fallbacks_total',
      help: 'Moves from a failed provider to the next, by the failure kind.',
      labelNames: ['from', 'to', 'kind'],
      registers,
    });
    this.breaker = new Gauge({
      name: 'modelmux_breaker_state',
      help: 'Circuit breaker state per provider: 0 closed, 1 half-open, 2 open.',
      labelNames: ['provider'],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'modelmux_in_flight_requests',
      help: 'Calls to a provider in flight now.',
      labelNames: ['provider'],
      registers,
    });
    this.ttft = new Histogram({
      name: 'modelmux_time_to_first_token_seconds',
      help: 'Time from the start of a stream to its first event, in seconds.',
      labelNames: ['provider', 'model'],
      buckets: [...durationBucketsSeconds],
      registers,
    });
    this.alerts = new Gauge({
      name: 'modelmux_alerts_firing',
      help: 'Alerts firing now, by rule and severity.',
      labelNames: ['rule', 'severity'],
      registers,
    });
  }

  started(provider: string): void {
    this.inFlight.inc({ provider });
  }

  ended(provider: string): void {
    this.inFlight.dec({ provider });
  }

  succeeded(
    provider: string,
    model: string,
    labels: GenAiLabels,
    seconds: number,
    inputTokens: number | undefined,
    outputTokens: number | undefined,
    costUsd: number | undefined,
  ): void {
    this.requests.inc({ provider, model, outcome: 'success' });
    const genAi = {
      gen_ai_operation_name: labels.operation,
      gen_ai_provider_name: labels.genAiProvider,
      gen_ai_request_model: labels.model,
      gen_ai_response_model: labels.model,
    };
    this.duration.observe(genAi, seconds);
    if (inputTokens !== undefined)
      this.tokens.observe({ ...genAi, gen_ai_token_type: 'input' }, inputTokens);
    if (outputTokens !== undefined)
      this.tokens.observe({ ...genAi, gen_ai_token_type: 'output' }, outputTokens);
    if (costUsd !== undefined && costUsd > 0) this.cost.inc({ provider, model }, costUsd);
  }

  failed(
    provider: string,
    model: string,
    labels: GenAiLabels,
    seconds: number,
    kind: ErrorKind,
  ): void {
    this.requests.inc({ provider, model, outcome: 'error' });
    this.errors.inc({ provider, kind });
    this.duration.observe(
      {
        gen_ai_operation_name: labels.operation,
        gen_ai_provider_name: labels.genAiProvider,
        gen_ai_request_model: labels.model,
        error_type: kind,
      },
      seconds,
    );
  }

  fellBack(from: string, to: string, kind: ErrorKind): void {
    this.fallbacks.inc({ from, to, kind });
  }

  breakerState(provider: string, state: keyof typeof breakerValues): void {
    this.breaker.set({ provider }, breakerValues[state]);
  }

  firstToken(provider: string, model: string, seconds: number): void {
    this.ttft.observe({ provider, model }, seconds);
  }

  alertsFiring(rule: string, severity: string, count: number): void {
    this.alerts.set({ rule, severity }, count);
  }
}
