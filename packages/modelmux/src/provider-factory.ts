import { randomUUID } from 'node:crypto';
import {
  assertProvider,
  ConfigError,
  type CostUsage,
  type Env,
  estimateCost,
  getModelInfo,
  type ChatInput,
  loadConfigFromEnv,
  type ModelCapabilities,
  type MultiLLMConfig,
  type Provider,
  providerNamePattern,
  providerNameRule,
} from '@modelmux/core';
import type { BudgetUsage, UsageFilter } from '@modelmux/budgets';
import type { ProviderHealthCheck, ProviderMetrics, ProviderStatusReport } from '@modelmux/metrics';
import type { ExperimentResults } from '@modelmux/router';
import { type BatchItem, type BatchOptions, runBatch } from './batch.js';
import {
  type FactoryEventName,
  type FactoryEvents,
  FactoryEmitter,
  factoryEventNames,
} from './events/factory-events.js';
import { forwardEvent } from './events/forward-event.js';
import { contentFailure, contentSuccess, type GenerateContentOptions } from './generate-content.js';
import { createOpenAIFetch } from './http/index.js';
import type { OpenAIHandlerOptions } from './http/handler-types.js';
import { normaliseConfig, type FactoryConfigInput } from './normalise-config.js';
import { Pipeline } from './pipeline.js';
import type { ProviderFactoryOptions } from './provider-factory-options.js';
import { type InvokeOptions, RoutedLLM } from './routed-llm.js';
import type { GenerateContentResponse, RoutedResult } from './routed-result.js';
import { buildRouter, createStack, type Stack } from './stack.js';
import type { StatusSource } from './status/status-handler.js';

/** What `getProviderInfo` reports about one provider (from the config and the catalogue). */
export interface ProviderInfo {
  name: string;
  type: string;
  model: string;
  /** Usable now: configured, breaker not open, not cooling down, not marked unavailable, budget left. */
  available: boolean;
  /** USD per 1 000 input tokens; undefined when the model's price is unknown. */
  costPer1kInput: number | undefined;
  /** USD per 1 000 output tokens; undefined when the model's price is unknown. */
  costPer1kOutput: number | undefined;
  contextWindow: number | undefined;
  /** Quality score 0–1 (config `quality`, else the catalogue's). */
  quality: number | undefined;
  capabilities: ModelCapabilities | undefined;
}

/**
 * One config, many providers: routing, fallback, budgets, metrics, health, cache, batch and
 * hooks, wired with the defaults a user expects. The names follow the user's design documents.
 *
 * @example
 * const factory = new ProviderFactory({ providers: { openai: { apiKey }, anthropic: { apiKey } } });
 * const res = await factory.getProvider().invoke('What is RAG?');
 * await factory.close();
 */
export class ProviderFactory implements StatusSource {
  /** The parsed, validated config (defaults filled in). */
  readonly config: MultiLLMConfig;
  private readonly stack: Stack;
  private readonly pipeline: Pipeline;
  private readonly emitter = new FactoryEmitter();
  private readonly forwarding = new Map<FactoryEventName, () => void>();
  private readonly options: ProviderFactoryOptions;
  private closing: Promise<void> | undefined;

  /** Validates `config` (core's `parseConfig`; a `ConfigError` names each bad path) and wires the stack. */
  constructor(config: FactoryConfigInput | MultiLLMConfig, options: ProviderFactoryOptions = {}) {
    const { config: parsed, instances } = normaliseConfig(config);
    this.config = parsed;
    this.options = options;
    this.stack = createStack(parsed, instances, options);
    this.pipeline = new Pipeline(() => this.stack, this.emitter);
  }

  /**
   * A factory from environment variables (core's `loadConfigFromEnv`: `LLM_PRIMARY_PROVIDER`,
   * `LLM_FALLBACK_PROVIDERS`, `LLM_ROUTING_STRATEGY`, `OPENAI_API_KEY`, `OPENAI_BASE_URL`, …).
   * Each provider whose key or base URL is set is enabled; when none is, one `ConfigError` says
   * what to set.
   */
  static fromEnv(env?: Env, options: ProviderFactoryOptions = {}): ProviderFactory {
    const source = env ?? globalThis.process?.env ?? {};
    return new ProviderFactory(loadConfigFromEnv(source), { env: source, ...options });
  }

  // ---- Models ---------------------------------------------------------------------------------

  /**
   * A routed model. Without a name it follows the routing strategy; with one, that provider is
   * tried first and the fallbacks follow as configured. Unknown names throw a `ConfigError`.
   */
  getProvider(name?: string): RoutedLLM {
    if (name !== undefined) this.assertKnown(name, 'getProvider');
    return new RoutedLLM(this.pipeline, name);
  }

  /** A routed model pinned to the provider that is cheapest for a typical request now. */
  getCheapestProvider(): RoutedLLM {
    return this.getProvider(this.stack.router.getCheapestProvider().name);
  }

  /** A routed model pinned to the provider that is fastest now (observed, else the catalogue's). */
  getFastestProvider(): RoutedLLM {
    return this.getProvider(this.stack.router.getFastestProvider().name);
  }

  /** A routed model pinned to the provider with the best quality score. */
  getBestQualityProvider(): RoutedLLM {
    return this.getProvider(this.stack.router.getBestQualityProvider().name);
  }

  /**
   * The user's design's call: never throws. `{ success, content, providerName, model, error?,
   * metadata: { usage, costUsd, latencyMs, attempts, requestId } }`.
   */
  async generateContent(
    prompt: ChatInput,
    options: GenerateContentOptions = {},
  ): Promise<GenerateContentResponse> {
    const started = this.stack.now();
    const requestId = options.requestId ?? randomUUID();
    try {
      const { system, provider, ...rest } = options;
      const input =
        system !== undefined && typeof prompt === 'string'
          ? [
              { role: 'system' as const, content: system },
              { role: 'user' as const, content: prompt },
            ]
          : prompt;
      const result = await this.pipeline.generate(input, { ...rest, requestId }, provider);
      return contentSuccess(result);
    } catch (error) {
      return contentFailure(error, requestId, this.stack.now() - started);
    }
  }

  /**
   * Runs many requests with at most `concurrency` (default 4) in flight. Resolves, in input
   * order, `{ ok: true, result }` or `{ ok: false, error }` per item.
   */
  batch(
    inputs: readonly ChatInput[],
    options: BatchOptions & Omit<InvokeOptions, 'requestId'> & { provider?: string } = {},
  ): Promise<BatchItem<RoutedResult>[]> {
    const { concurrency, onProgress, provider, ...invoke } = options;
    return runBatch(inputs, (input) => this.pipeline.generate(input, invoke, provider), {
      ...(concurrency !== undefined && { concurrency }),
      ...(onProgress !== undefined && { onProgress }),
    });
  }

  /**
   * A `fetch` that speaks the OpenAI HTTP API (and Anthropic's `/v1/messages`) in process and
   * serves it through this factory: no server, no socket. Any origin works; routes live under
   * `/v1` (`options.basePath`). The handler code loads on the first request.
   *
   * @example
   * const client = new OpenAI({ apiKey: 'unused', baseURL: 'http://modelmux/v1', fetch: factory.openaiFetch() });
   */
  openaiFetch(options?: OpenAIHandlerOptions): typeof fetch {
    return createOpenAIFetch(this, options);
  }

  // ---- Providers --------------------------------------------------------------------------------

  /** The enabled providers' names, in configured order. */
  listProviders(): string[] {
    return this.stack.entries.filter((e) => e.enabled).map((e) => e.provider.name);
  }

  /** Type, model, prices per 1k tokens, context window, quality and capabilities of a provider. */
  getProviderInfo(name: string): ProviderInfo {
    const entry = this.entryOf(name, 'getProviderInfo');
    const model = entry.model ?? entry.provider.defaultModel;
    const info = getModelInfo(model, this.stack.catalogue);
    return {
      name,
      type: entry.provider.type,
      model,
      // The metrics' view: configured, breaker not open, not cooling down, not marked, budget left.
      available:
        entry.enabled &&
        (this.stack.metrics.getProviderStatus().providers[name]?.available ??
          (entry.provider.isAvailable() && this.isUsable(name))),
      costPer1kInput: info === undefined ? undefined : info.inputPerMTok / 1000,
      costPer1kOutput: info === undefined ? undefined : info.outputPerMTok / 1000,
      contextWindow: info?.contextWindow,
      quality: entry.quality ?? info?.quality,
      capabilities: info?.capabilities,
    };
  }

  /** The cost in USD of a call with this usage on the provider's model; undefined when its price is unknown. */
  getRequestCost(name: string, usage: CostUsage, model?: string): number | undefined {
    const entry = this.entryOf(name, 'getRequestCost');
    return estimateCost(
      model ?? entry.model ?? entry.provider.defaultModel,
      usage,
      this.stack.catalogue,
      {
        unknownPrice: this.stack.config.providers[name]?.unknownPrice,
      },
    );
  }

  /**
   * Adds a provider at run time (a `Provider` object, checked against the contract with core's
   * `assertProvider`). It joins routing after the configured ones; the router is rebuilt.
   */
  registerProvider(name: string, provider: Provider): void {
    if (typeof name !== 'string' || !providerNamePattern.test(name))
      throw new ConfigError({
        issues: [
          {
            path: 'name',
            message: `registerProvider(${JSON.stringify(name) ?? String(name)}): invalid provider name: ${providerNameRule}`,
          },
        ],
      });
    assertProvider(provider, `registerProvider("${name}")`);
    if (provider.name !== name)
      throw new ConfigError({
        issues: [
          {
            path: 'provider.name',
            message: `expected "${name}", the name it is registered under; received "${provider.name}"`,
          },
        ],
      });
    if (this.stack.entries.some((e) => e.provider.name === name))
      throw new ConfigError({
        issues: [{ path: 'name', message: `a provider named "${name}" is already configured` }],
      });
    this.stack.entries.push({
      provider,
      model: undefined,
      weight: undefined,
      quality: undefined,
      enabled: true,
    });
    this.stack.router = buildRouter(this.stack, this.options.seed);
  }

  // ---- Health, metrics, budgets, experiments ------------------------------------------------

  /** Checks every provider now, in parallel: `{ [name]: { status, model, latencyMs, error? } }`. */
  healthCheck(): Promise<Record<string, ProviderHealthCheck>> {
    return this.stack.metrics.healthCheck();
  }

  /** Totals, rates, latency percentiles, cost and tokens, overall and per provider. */
  getProviderMetrics(): ProviderMetrics {
    return this.stack.metrics.getProviderMetrics();
  }

  /** `{ primary, fallbacks, current, providers }`: who answers now, and why others cannot. */
  getProviderStatus(): ProviderStatusReport {
    return this.stack.metrics.getProviderStatus();
  }

  /**
   * Budget spend, reserved and remaining per scope and period; `truncated` says when the list is
   * partial (more than 2 000 user and tag counters seen). `getUsage({ userId })` or
   * `getUsage({ tag })` reads one user's or tag's counters from the store.
   */
  getUsage(filter?: UsageFilter): Promise<BudgetUsage> {
    return this.stack.budgets.getUsage(filter);
  }

  /** Records a quality score (0–1) for a request (`result.requestId`): feeds experiments and adaptive routing. */
  recordFeedback(requestId: string, score: number): boolean {
    return this.stack.router.recordFeedback(requestId, score);
  }

  /** `{ [experiment]: { [variant]: { provider, sampleSize, avgLatencyMs, avgCostUsd, avgQualityScore } } }`. */
  getExperimentResults(): ExperimentResults {
    return this.stack.router.getExperimentResults();
  }

  /** Per provider: would it be called now (configured, breaker not open, not cooling down). */
  getAvailability(): Record<string, boolean> {
    const availability: Record<string, boolean> = {};
    for (const entry of this.stack.entries)
      if (entry.enabled)
        availability[entry.provider.name] =
          entry.provider.isAvailable() && this.isUsable(entry.provider.name);
    return availability;
  }

  /** The Prometheus text of the metrics registry (for `/metrics`). */
  async getPrometheusMetrics(): Promise<{ contentType: string; text: string }> {
    const registry = this.stack.metrics.registry;
    if (!registry) return { contentType: 'text/plain; version=0.0.4; charset=utf-8', text: '' };
    return { contentType: registry.contentType, text: await registry.metrics() };
  }

  // ---- Events and lifecycle -------------------------------------------------------------------

  /**
   * Listens to an event: `attempt`, `retry`, `fallback`, `success`, `failure`, `breaker`,
   * `cool-down`, `alert`. Returns the function that stops listening.
   */
  on<E extends FactoryEventName>(
    event: E,
    listener: (payload: FactoryEvents[E]) => void,
  ): () => void {
    if (!factoryEventNames.includes(event))
      throw new ConfigError({
        issues: [
          {
            path: 'event',
            message: `unknown event ${JSON.stringify(event)}: use one of ${factoryEventNames.join(', ')}`,
          },
        ],
      });
    this.forward(event);
    return this.emitter.on(event, listener);
  }

  /** Stops timers, closes the store and the metrics, and drops listeners. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const dispose of this.forwarding.values()) dispose();
      this.forwarding.clear();
      this.emitter.clear();
      this.stack.availability.dispose();
      await this.stack.metrics.close();
      await this.stack.budgets.close();
      this.stack.executor.dispose();
      await this.stack.providerState?.close();
      await this.stack.affinity?.close();
      if (!this.options.store) await this.stack.store.close();
    })();
    return this.closing;
  }

  /**
   * What `util.inspect(factory)` and `console.log(factory)` show: the providers, routing and
   * limits, never the settings (API keys, header values, the Redis URL).
   */
  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }

  /** What `JSON.stringify(factory)` writes: the same summary as `util.inspect`, no secrets. */
  toJSON(): object {
    const c = this.config;
    return {
      providers: this.listProviders(),
      primaryProvider: c.primaryProvider,
      fallbackProviders: c.fallbackProviders,
      routingStrategy: c.routingStrategy,
      enableFallback: c.enableFallback,
      cache: c.cache !== undefined,
      store: c.store?.type ?? 'memory',
      closed: this.closing !== undefined,
    };
  }

  // ---- Internals --------------------------------------------------------------------------------

  private forward(event: FactoryEventName): void {
    if (this.forwarding.has(event)) return;
    this.forwarding.set(
      event,
      forwardEvent(event, this.stack.executor, this.stack.metrics, this.emitter),
    );
  }

  private isUsable(name: string): boolean {
    return (
      this.stack.unavailableReason(name) === undefined && !this.stack.missingAdapters.get(name)
    );
  }

  private entryOf(name: string, method: string): Stack['entries'][number] {
    this.assertKnown(name, method);
    return this.stack.entries.find((e) => e.provider.name === name) as Stack['entries'][number];
  }

  private assertKnown(name: string, method: string): void {
    if (!this.stack.entries.some((e) => e.provider.name === name))
      throw new ConfigError({
        issues: [
          {
            path: 'provider',
            message: `${method}("${name}"): no provider named "${name}" (configured: ${this.stack.entries.map((e) => e.provider.name).join(', ')})`,
          },
        ],
      });
  }
}
