import { randomUUID } from 'node:crypto';
import {
  AllProvidersFailedError,
  BudgetExceededError,
  type ChatInput,
  type ChatRequest,
  ConfigError,
  costBreakdown,
  defaultHooksConfig,
  type EmbedRequest,
  type HookContext,
  type HooksConfig,
  InvalidRequestError,
  type Provider,
  toChatRequest,
} from '@modelmux/core';
import type { RoutePlan } from '@modelmux/router';
import { LazyProvider } from './adapters/lazy-provider.js';
import { budgetErrorFromPlan } from './budget-error.js';
import { cacheKey, type CacheKey } from './cache/cache-key.js';
import type { CacheEntry } from './cache/response-cache.js';
import { copyRequest } from './hooks/copy-request.js';
import { applyHookResult, checkHookRequest } from './hooks/hook-results.js';
import type { FactoryEmitter } from './events/factory-events.js';
import { type ChargeContext, partialCharge, predictedCosts } from './call-charges.js';
import { checkInput } from './hooks/input-checks.js';
import { type HookBounds, runHook } from './hooks/run-hook.js';
import type { EmbedOptions, InvokeOptions, RoutedRunner } from './routed-llm.js';
import type { RoutedEmbedResult, RoutedResult, RoutedStreamEvent } from './routed-result.js';
import type { Stack } from './stack.js';
import { AdapterNotInstalledError } from './errors/adapter-not-installed-error.js';
import {
  type CallTracking,
  type PlanCandidate,
  type SentRequest,
  type RoutedAttempt,
  trackCandidates,
} from './tracked-candidates.js';

/** The key of a request as `formatRequest` returned it for a call to `model`. */
export function sentKey(request: ChatRequest, model: string | undefined): string {
  return cacheKey({ ...request, model }, { provider: undefined, strategy: undefined }).key;
}

/**
 * When every call was refused by the budgets (each attempt failed with `BudgetExceededError`),
 * the caller gets that `BudgetExceededError` (naming the limit, the spend and the reset), not
 * the executor's summary.
 */
function budgetErrorOf(error: unknown): BudgetExceededError | undefined {
  if (!AllProvidersFailedError.isInstance(error)) return undefined;
  // A refusal by the reservation reaches the executor inside the call: it wraps it (as `cause`).
  const budgetErrors = error.attempts
    .map((a) => (BudgetExceededError.isInstance(a.error) ? a.error : causeOf(a.error)))
    .filter((e): e is BudgetExceededError => BudgetExceededError.isInstance(e));
  return budgetErrors.length === error.attempts.length ? budgetErrors[0] : undefined;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

function providerOf(candidate: PlanCandidate): Provider {
  return 'provider' in candidate ? candidate.provider : candidate;
}

/**
 * One request's path through the stack: normalise the input once, the `beforeRequest` checks and
 * hook, the cache (when on), `router.plan`, a budget reservation of the plan's predicted cost, the
 * executor, settle, `afterResponse`, and the cache store.
 */
export class Pipeline implements RoutedRunner {
  private readonly hooks: HooksConfig;

  constructor(
    private readonly stack: () => Stack,
    private readonly emitter?: FactoryEmitter,
  ) {
    this.hooks = stack().config.hooks ?? defaultHooksConfig;
  }

  /**
   * The provider routing would pick first for a typical request, read without side effects (no
   * plan is recorded, no rotation advances): the router's cheapest / fastest / best-quality pick
   * for those strategies, else the primary (or the first enabled provider).
   */
  firstChoice(): string {
    const { router, config, entries } = this.stack();
    try {
      if (config.routingStrategy === 'cost') return router.getCheapestProvider().name;
      if (config.routingStrategy === 'latency') return router.getFastestProvider().name;
      if (config.routingStrategy === 'quality') return router.getBestQualityProvider().name;
    } catch {
      // Nothing usable now: fall through to the configured order.
    }
    return config.primaryProvider ?? entries.find((e) => e.enabled)?.provider.name ?? '';
  }

  private checkProvider(provider: string | undefined): void {
    if (provider === undefined) return;
    const { entries } = this.stack();
    if (!entries.some((e) => e.enabled && e.provider.name === provider))
      throw new ConfigError({
        issues: [
          {
            path: 'provider',
            message: `"${provider}" is not a configured, enabled provider (enabled: ${
              entries
                .filter((e) => e.enabled)
                .map((e) => e.provider.name)
                .join(', ') || 'none'
            })`,
          },
        ],
      });
  }

  /** The bounds every hook of this request runs under: its signal and the config's `timeoutMs`. */
  private bounds(signal: AbortSignal | undefined, provider: string | undefined): HookBounds {
    return {
      signal,
      timeoutMs: this.stack().config.timeoutMs,
      provider: () => provider ?? this.firstChoice(),
    };
  }

  /** Normalises the input and runs the built-in checks and the user's `beforeRequest`. */
  private async prepare<T>(
    input: ChatInput<T>,
    options: InvokeOptions,
    context: HookContext,
  ): Promise<ChatRequest<T>> {
    const overrides: Partial<ChatRequest> & InvokeOptions = { ...options };
    delete overrides.strategy;
    delete overrides.requestId;
    let request = toChatRequest(
      input,
      Object.keys(overrides).length > 0 ? (overrides as Partial<ChatRequest<T>>) : undefined,
    ) as ChatRequest;
    request = checkInput(request, this.hooks);
    const before = this.hooks.beforeRequest;
    if (before) {
      const bounds = this.bounds(request.signal, context.provider);
      const current = request;
      const changed = checkHookRequest(
        'beforeRequest',
        await runHook('beforeRequest', () => before(current, context), bounds),
      );
      if (changed !== request) request = toChatRequest(changed);
    }
    return request as ChatRequest<T>;
  }

  /** `afterResponse` (when configured) on a fresh answer or a cache hit alike. */
  private async after<T>(
    routed: RoutedResult<T>,
    context: HookContext,
    bounds: HookBounds,
  ): Promise<RoutedResult<T>> {
    const hook = this.hooks.afterResponse;
    if (!hook) return routed;
    const changed = await runHook(
      'afterResponse',
      () => hook(routed, { ...context, answeredBy: routed.provider }),
      bounds,
    );
    return applyHookResult(routed, changed);
  }

  /**
   * With `formatRequest` configured, a cached answer is served only when the request, formatted
   * now for the provider that answered, is what was sent then (per-tenant context the hook adds
   * from anywhere, not only from the request, is then part of the match).
   */
  private async sameSent(
    entry: CacheEntry,
    request: ChatRequest,
    requestId: string,
    bounds: HookBounds,
  ): Promise<boolean> {
    const format = this.hooks.formatRequest;
    if (!format) return true;
    const sent = entry.sent;
    const provider = this.stack().entries.find((e) => e.provider.name === sent?.provider)?.provider;
    if (!sent || !provider) return false;
    const copy = copyRequest(request);
    const changed = checkHookRequest(
      'formatRequest',
      await runHook(
        'formatRequest',
        () =>
          format(copy, {
            requestId,
            provider: provider.name,
            type: provider.type,
            model: sent.model,
          }),
        bounds,
      ),
    );
    return sentKey(changed, sent.model) === sent.key;
  }

  private plan(
    request: ChatRequest | EmbedRequest,
    provider: string | undefined,
    strategy: string | undefined,
    requestId: string,
    stream = false,
  ): { plan: RoutePlan; candidates: PlanCandidate[] } {
    const stack = this.stack();
    const { router, config } = stack;
    let plan: RoutePlan;
    try {
      plan = router.plan(request, {
        requestId,
        ...(provider !== undefined && { provider }),
        ...(strategy !== undefined && { strategy: strategy as never }),
        ...(stream && { stream: true }),
      });
    } catch (error) {
      throw budgetErrorFromPlan(error, request, stack) ?? error;
    }
    const candidates = config.enableFallback ? plan.candidates : plan.candidates.slice(0, 1);
    return { plan, candidates };
  }

  /**
   * Imports the adapter packages the candidates need (once each). A package that is not
   * installed is a configuration fact (the stack's `missingAdapters`), never an attempt: the
   * executor skips that candidate and its skip list names the `npm install` hint. When the
   * request pins that provider (`getProvider(name)`), or no other candidate is left, its
   * `AdapterNotInstalledError` is thrown.
   */
  private async load(
    candidates: readonly PlanCandidate[],
    pinned: string | undefined,
  ): Promise<void> {
    const { missingAdapters } = this.stack();
    let loading: Promise<Provider>[] | undefined;
    for (const candidate of candidates) {
      const provider = providerOf(candidate);
      if (
        provider instanceof LazyProvider &&
        !provider.loaded &&
        !missingAdapters.get(provider.name)
      )
        (loading ??= []).push(provider.load());
    }
    if (loading)
      for (const outcome of await Promise.allSettled(loading))
        if (outcome.status === 'rejected' && !AdapterNotInstalledError.isInstance(outcome.reason))
          throw outcome.reason;
    const pinnedMissing = pinned === undefined ? undefined : missingAdapters.get(pinned);
    if (pinnedMissing) throw pinnedMissing;
    let firstMissing: AdapterNotInstalledError | undefined;
    for (const candidate of candidates) {
      const missing = missingAdapters.get(providerOf(candidate).name);
      if (!missing) return;
      firstMissing ??= missing;
    }
    if (firstMissing) throw firstMissing;
  }

  /** How this factory prices calls: its catalogue, each provider's `unknownPrice`, its limits. */
  private charges(): ChargeContext {
    const { catalogue, config, budgets } = this.stack();
    return {
      catalogue,
      unknownPriceOf: (provider) =>
        Object.hasOwn(config.providers, provider)
          ? config.providers[provider]?.unknownPrice
          : undefined,
      hasCostLimit: (provider, metadata) => budgets.hasCostLimit(provider, metadata),
    };
  }

  /**
   * Per-call bookkeeping: each call reserves its provider's predicted cost (refused before any
   * call when a price is unknown under a cost limit); a call cut after it was sent is charged
   * its estimate, booked in the metrics as well.
   */
  private tracking(
    plan: RoutePlan,
    candidates: readonly PlanCandidate[],
    request: ChatRequest | EmbedRequest,
    attempts: RoutedAttempt[],
  ): CallTracking {
    const { budgets, metrics, now } = this.stack();
    const charges = this.charges();
    const costs = predictedCosts(plan, candidates, request, charges);
    const format = this.hooks.formatRequest;
    const timeoutMs = this.stack().config.timeoutMs;
    const maxTokens = 'maxTokens' in request ? request.maxTokens : undefined;
    return {
      attempts,
      now,
      partial: (provider, model, outputChars) =>
        partialCharge(charges, provider, model, plan.estimate.inputTokens, outputChars),
      charged: (provider, model, charge) => {
        metrics.recordCost(provider, model, charge.costUsd, charge.usage);
        if (this.emitter?.has('charge'))
          this.emitter.emit('charge', { requestId: plan.requestId, provider, model, ...charge });
      },
      ...(format && {
        sent: new Map<string, SentRequest>(),
        keyOf: sentKey,
        // A copy per call: an in-place edit never reaches the caller's request nor the next try.
        format: async (provider: Provider, call: ChatRequest) => {
          const copy = copyRequest(call);
          const bounds: HookBounds = {
            signal: call.signal,
            timeoutMs,
            provider: () => provider.name,
          };
          return checkHookRequest(
            'formatRequest',
            await runHook(
              'formatRequest',
              () =>
                format(copy, {
                  requestId: plan.requestId,
                  provider: provider.name,
                  type: provider.type,
                  model: call.model,
                }),
              bounds,
            ),
          );
        },
      }),
      reserve: (provider, model) =>
        budgets.reserve({
          provider,
          ...(model !== undefined && { model }),
          predictedCostUsd: costs[provider],
          inputTokens: plan.estimate.inputTokens,
          ...(maxTokens !== undefined && { outputTokens: maxTokens }),
          ...(request.metadata !== undefined && { metadata: request.metadata }),
          ...(request.signal !== undefined && { signal: request.signal }),
        }),
    };
  }

  async generate<T>(
    input: ChatInput<T>,
    options: InvokeOptions,
    provider: string | undefined,
  ): Promise<RoutedResult<T>> {
    const stack = this.stack();
    const started = stack.now();
    const requestId = options.requestId ?? randomUUID();
    this.checkProvider(provider);
    const context: HookContext = { requestId, operation: 'generate', provider };
    const request = await this.prepare(input, options, context);
    const bounds = this.bounds(request.signal, provider);
    const strategyName = options.strategy ?? stack.config.routingStrategy;

    let key: CacheKey | undefined;
    if (stack.cache?.accepts(request)) {
      key = cacheKey(request, { provider, strategy: options.strategy });
      const entry = await stack.cache.get(key);
      if (entry && (await this.sameSent(entry, request, requestId, bounds))) {
        const hit: RoutedResult<T> = {
          ...(entry.result as RoutedResult<T>),
          requestId,
          attempts: [],
          strategy: strategyName,
          cached: true,
          costUsd: 0,
          latencyMs: stack.now() - started,
        };
        delete hit.excluded; // no plan was made for this answer
        delete hit.costBreakdown; // nothing was sent, nothing is charged
        return this.after(hit, context, bounds);
      }
    }

    const { plan, candidates } = this.plan(request, provider, options.strategy, requestId);
    await this.load(candidates, provider);
    const attempts: RoutedAttempt[] = [];
    const tracking = this.tracking(plan, candidates, request, attempts);
    let result;
    try {
      result = await stack.executor.generate(trackCandidates(candidates, tracking), request);
    } catch (error) {
      stack.metrics.requestFailed(error);
      throw budgetErrorOf(error) ?? error;
    }
    stack.router.recordResult(plan, result);
    const charges = this.charges();
    const breakdown =
      result.costUsd === undefined
        ? undefined
        : costBreakdown(result.model, result.usage, charges.catalogue, {
            unknownPrice: charges.unknownPriceOf(result.provider),
          });
    const routed: RoutedResult<T> = {
      ...result,
      ...(breakdown !== undefined && { costBreakdown: breakdown }),
      requestId,
      attempts,
      strategy: plan.strategy,
      ...(plan.rule !== undefined && { rule: plan.rule }),
      ...(plan.experiment !== undefined && { experiment: plan.experiment }),
      ...(plan.complexity !== undefined && { complexity: plan.complexity }),
      ...(plan.excluded.length > 0 && { excluded: plan.excluded }),
      cached: false,
    };
    // The answer is cached before `afterResponse`: every hit passes the hook for its own caller.
    if (key !== undefined) {
      const sent = tracking.sent?.get(result.provider);
      if (!tracking.sent || sent)
        await stack.cache?.set(key, { result: routed, ...(sent && { sent }) });
    }
    return this.after(routed, context, bounds);
  }

  stream(
    input: ChatInput,
    options: InvokeOptions,
    provider: string | undefined,
  ): AsyncIterable<RoutedStreamEvent> {
    return this.streamEvents(input, options, provider);
  }

  private async *streamEvents(
    input: ChatInput,
    options: InvokeOptions,
    provider: string | undefined,
  ): AsyncGenerator<RoutedStreamEvent> {
    const stack = this.stack();
    const requestId = options.requestId ?? randomUUID();
    this.checkProvider(provider);
    const request = await this.prepare(input, options, {
      requestId,
      operation: 'stream',
      provider,
    });
    const { plan, candidates } = this.plan(request, provider, options.strategy, requestId, true);
    await this.load(candidates, provider);
    const tracking = this.tracking(plan, candidates, request, []);
    try {
      const events = stack.metrics.instrumentStream(
        stack.executor.stream(trackCandidates(candidates, tracking), request),
      );
      for await (const event of events) {
        if (event.type !== 'finish') {
          yield event;
          continue;
        }
        stack.router.recordResult(plan, {
          provider: event.provider,
          model: event.model,
          latencyMs: tracking.attempts.at(-1)?.latencyMs ?? 0,
          costUsd: event.costUsd,
        });
        yield {
          ...event,
          requestId,
          attempts: tracking.attempts,
          strategy: plan.strategy,
          ...(plan.rule !== undefined && { rule: plan.rule }),
          ...(plan.excluded.length > 0 && { excluded: plan.excluded }),
          cached: false,
        };
      }
    } catch (error) {
      stack.metrics.requestFailed(error);
      throw budgetErrorOf(error) ?? error;
    }
  }

  async embed(
    texts: string[],
    options: EmbedOptions,
    provider: string | undefined,
  ): Promise<RoutedEmbedResult> {
    const stack = this.stack();
    const requestId = randomUUID();
    this.checkProvider(provider);
    if (!Array.isArray(texts) || texts.length === 0 || texts.some((t) => typeof t !== 'string'))
      throw new InvalidRequestError({
        field: 'texts',
        message: 'must be a non-empty array of strings',
      });
    const request: EmbedRequest = {
      input: texts,
      ...(options.model !== undefined && { model: options.model }),
      ...(options.dimensions !== undefined && { dimensions: options.dimensions }),
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.metadata !== undefined && { metadata: options.metadata }),
    };
    const { plan, candidates } = this.plan(request, provider, undefined, requestId);
    await this.load(candidates, provider);
    const tracking = this.tracking(plan, candidates, request, []);
    try {
      const result = await stack.executor.embed(trackCandidates(candidates, tracking), request);
      return { ...result, requestId, attempts: tracking.attempts, strategy: plan.strategy };
    } catch (error) {
      throw budgetErrorOf(error) ?? error;
    }
  }
}
