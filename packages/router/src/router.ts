import {
  type BudgetGuard,
  ConfigError,
  type ChatRequest,
  countRequestTokens,
  countTextTokens,
  defaultCatalogue,
  type EmbedRequest,
  estimateCost,
  getModelInfo,
  InvalidRequestError,
  type ModelCatalogue,
  type ModelInfo,
  NoProviderAvailableError,
  predictCost,
  type Provider,
  type RoutingStats,
  type RoutingStrategyName,
} from '@modelmux/core';
import { capabilityGap, needsOf, quotaShortfall } from './constraints.js';
import { type ComplexityClass, createComplexityClassifier } from './complexity.js';
import { type Assignment, Experiments } from './experiments.js';
import { type RequestMatcher, compileMatch } from './match.js';
import { seededRandom } from './random.js';
import { type RouterEntry, resolveEntries, strategyIssue } from './router-options.js';
import { InMemoryRoutingStats, createRoutingStats } from './routing-stats.js';
import { SessionAffinity } from './session-affinity.js';
import { adaptiveStrategy } from './strategies/adaptive.js';
import {
  costStrategy,
  latencyStrategy,
  leastBusyStrategy,
  manualStrategy,
  qualityStrategy,
  roundRobinStrategy,
  weightedStrategy,
} from './strategies/simple-strategies.js';
import type {
  Candidate,
  CandidateInfo,
  Exclusion,
  ExperimentResults,
  PlanOptions,
  ResultSummary,
  RoutePlan,
  RouterOptions,
  RouterRule,
  RoutingStrategy,
  StrategyContext,
  StrategyInput,
} from './types.js';

type AnyRequest = ChatRequest<unknown> | EmbedRequest;

interface Tracked {
  assignment: Assignment | undefined;
  provider: string | undefined;
}

function isEmbedRequest(request: AnyRequest): request is EmbedRequest {
  return Array.isArray((request as EmbedRequest).input);
}

/** A small request standing for "a typical request" in `getCheapestProvider()` and friends. */
const referenceRequest: ChatRequest<unknown> = {
  messages: [{ role: 'user', content: '' }],
  maxTokens: 500,
};
const referenceInputTokens = 1_000;

/**
 * The router: for each request, the ordered list of providers to try (first = the choice, the
 * rest = the fallback order) and what was left out and why. Create with `createRouter()`.
 */
export class Router {
  /** The observed stats the router reads (attach the default one to your executor). */
  readonly stats: RoutingStats;
  private readonly entries: readonly RouterEntry[];
  private readonly byName: Map<string, RouterEntry>;
  private readonly strategy: RoutingStrategy;
  private readonly builtIns = new Map<string, RoutingStrategy>();
  private readonly manualOnly: ReadonlySet<string> | undefined;
  private readonly rules: readonly RouterRule[];
  private readonly ruleMatchers: readonly RequestMatcher[];
  private readonly experiments: Experiments;
  private readonly budget: BudgetGuard | undefined;
  private readonly availability:
    ((provider: string, model: string) => string | undefined) | undefined;
  private readonly catalogue: ModelCatalogue;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly classifier: ReturnType<typeof createComplexityClassifier>;
  private readonly adaptive: RouterOptions['adaptive'];
  private readonly tracked = new Map<string, Tracked>();
  private readonly maxTracked: number;
  private readonly trackedOrder: (string | undefined)[] = [];
  private trackedNext = 0;
  private readonly tokens = new WeakMap<object, number>();
  private readonly idPrefix: string;
  private nextId = 0;
  private readonly explorationRate: number;
  /** Session pins, when `sessionAffinity` is on. */
  readonly affinity: SessionAffinity | undefined;

  constructor(options: RouterOptions) {
    this.catalogue = options.catalogue ?? defaultCatalogue;
    this.entries = resolveEntries(options);
    this.byName = new Map(this.entries.map((e) => [e.name, e]));
    this.now = options.now ?? Date.now;
    this.random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.idPrefix = `rt${Math.floor(this.random() * 2 ** 32).toString(36)}`;
    this.adaptive = options.adaptive;
    this.classifier = createComplexityClassifier(options.complexity);
    const strategy = options.strategy ?? (options.primary !== undefined ? 'manual' : 'cost');
    this.strategy = this.resolveStrategy(strategy);
    this.manualOnly =
      this.strategy.name === 'manual' && options.fallbacks !== undefined
        ? new Set([...(options.primary ? [options.primary] : []), ...options.fallbacks])
        : undefined;
    this.rules = options.rules ?? [];
    this.ruleMatchers = this.rules.map((rule) => compileMatch(rule.when));
    this.experiments = new Experiments(options.experiments ?? []);
    this.budget = options.budget;
    const stats = options.stats ?? createRoutingStats({ now: this.now });
    this.stats = stats;
    this.availability =
      options.availability ??
      (stats instanceof InMemoryRoutingStats ? stats.unavailableReason : undefined);
    this.maxTracked = Math.max(1, options.maxTrackedRequests ?? 10_000);
    const rate = options.exploration?.rate ?? 0;
    if (!(typeof rate === 'number' && rate >= 0 && rate <= 1))
      throw new ConfigError({
        issues: [{ path: 'exploration.rate', message: 'expected a share from 0 to 1 (e.g. 0.05)' }],
      });
    this.explorationRate = rate;
    const affinity = options.sessionAffinity;
    this.affinity =
      affinity === undefined || affinity === false
        ? undefined
        : affinity instanceof SessionAffinity
          ? affinity
          : new SessionAffinity(affinity === true ? {} : affinity, this.now);
  }

  /** The provider names, in configured order. */
  get providerNames(): string[] {
    return this.entries.map((e) => e.name);
  }

  /**
   * Plans one request: applies the constraints (each exclusion with its reason), the first
   * matching rule, the user's experiment variant, the strategy, the pin, and moves providers low
   * on quota to the back. Throws `NoProviderAvailableError` when nothing passes.
   *
   * @example
   * const plan = router.plan(request);
   * const result = await executor.generate(plan.candidates, request);
   * router.recordResult(plan.requestId, result);
   */
  plan(request: ChatRequest<unknown> | EmbedRequest, options: PlanOptions = {}): RoutePlan {
    return this.planWith(request, options, true);
  }

  /**
   * The request's input tokens as counted by its plan (no second count), or counted now for a
   * request that was not planned. Pass it to the executor: `createFallbackExecutor({ countTokens: router.countTokens })`.
   */
  readonly countTokens = (request: ChatRequest<unknown> | EmbedRequest): number => {
    const cached = this.tokens.get(request);
    if (cached !== undefined) return cached;
    return this.count(request, isEmbedRequest(request));
  };

  /** The provider that would serve this request (or a typical one) most cheaply. */
  getCheapestProvider(request?: ChatRequest<unknown>): Provider {
    return this.bestBy('cost', request);
  }

  /** The provider expected to answer fastest (observed latency, else the catalogue's typical). */
  getFastestProvider(request?: ChatRequest<unknown>): Provider {
    return this.bestBy('latency', request);
  }

  /** The provider with the highest quality score (configured, else the catalogue's). */
  getBestQualityProvider(request?: ChatRequest<unknown>): Provider {
    return this.bestBy('quality', request);
  }

  /**
   * Records how a planned request went (a `ChatResult` or `EmbedResult` fits): feeds its
   * experiment variant's latency and cost, and remembers its provider for `recordFeedback`.
   * Pass the plan (or its `requestId` and `experiment`); a bare request id counts for no
   * experiment. The plan itself stores nothing, so planning stays allocation-light.
   */
  recordResult(
    plan: string | Pick<RoutePlan, 'requestId' | 'experiment' | 'session'>,
    result: ResultSummary,
  ): void {
    const requestId = typeof plan === 'string' ? plan : plan.requestId;
    const experiment = typeof plan === 'string' ? undefined : plan.experiment;
    const session = typeof plan === 'string' ? undefined : plan.session;
    if (session !== undefined && this.affinity)
      this.affinity.set(session, result.provider, result.model);
    const tracked = this.track(requestId);
    tracked.provider = result.provider;
    if (experiment)
      tracked.assignment = this.experiments.assignment(experiment.name, experiment.variant);
    if (tracked.assignment)
      this.experiments.recordResult(tracked.assignment, result.latencyMs, result.costUsd);
  }

  /**
   * Records a quality score (0–1) for a request recorded with `recordResult`: feeds its
   * provider's observed quality (adaptive routing) and its experiment variant. Returns false
   * when the request id is unknown (or has been forgotten).
   */
  recordFeedback(requestId: string, score: number): boolean {
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)
      throw new InvalidRequestError({
        field: 'score',
        message: `expected a quality score from 0 to 1; received ${String(score)}`,
      });
    const tracked = this.tracked.get(requestId);
    if (!tracked) return false;
    if (tracked.provider !== undefined) {
      const stats = this.stats as Partial<InMemoryRoutingStats>;
      stats.recordQuality?.(tracked.provider, score);
    }
    if (tracked.assignment) this.experiments.recordQuality(tracked.assignment, score);
    return true;
  }

  /** `{ [experiment]: { [variant]: { provider, requests, sampleSize, avgLatencyMs, avgCostUsd, avgQualityScore } } }`. */
  getExperimentResults(): ExperimentResults {
    return this.experiments.results();
  }

  /** The variant a user is (or would be) in, without counting a request. */
  getExperimentVariant(experiment: string, userId: string): string | undefined {
    return this.experiments.variantOf(experiment, userId);
  }

  private bestBy(
    strategy: RoutingStrategyName,
    request: ChatRequest<unknown> | undefined,
  ): Provider {
    const plan = this.planWith(
      request ?? referenceRequest,
      { strategy, inputTokens: request ? undefined : referenceInputTokens },
      false,
    );
    const first = plan.candidates[0];
    return 'generate' in first ? first : first.provider;
  }

  private planWith(request: AnyRequest, options: PlanOptions, routed: boolean): RoutePlan {
    if (!request || typeof request !== 'object')
      throw new InvalidRequestError({
        field: 'request',
        message: 'expected a chat or embed request',
      });
    const embed = isEmbedRequest(request);
    if (!embed && !Array.isArray((request as ChatRequest<unknown>).messages))
      throw new InvalidRequestError({
        field: 'messages',
        message: 'expected a list of messages (or `input` for an embed request)',
      });
    const pinName = options.provider;
    if (pinName !== undefined && !this.byName.has(pinName))
      throw new InvalidRequestError({
        field: 'provider',
        message: `unknown provider "${pinName}": use one of ${this.providerNames.join(', ')}`,
      });
    let strategy = this.strategy;
    if (options.strategy !== undefined) strategy = this.strategyFor(options.strategy, 'strategy');

    const inputTokens = options.inputTokens ?? this.count(request, embed);
    this.tokens.set(request, inputTokens);

    // A rule (the first that matches) may restrict the providers or change the strategy.
    let ruleName: string | undefined;
    let only: readonly string[] | undefined;
    if (routed && pinName === undefined) {
      for (let i = 0; i < this.rules.length; i++) {
        const rule = this.rules[i];
        if (!this.ruleMatchers[i](request)) continue;
        ruleName = rule.name ?? `rules[${i}]`;
        const use = rule.use;
        if (typeof use === 'string') only = [use];
        else if (Array.isArray(use)) only = use as readonly string[];
        else if (options.strategy === undefined)
          strategy = this.strategyFor(
            (use as { strategy: StrategyInput }).strategy,
            `rules[${i}].use.strategy`,
          );
        break;
      }
    }
    const assignment =
      routed && pinName === undefined && only === undefined && this.experiments.size > 0
        ? this.experiments.assign(request)
        : undefined;

    const now = this.now();
    const excluded: Exclusion[] = [];
    const eligible: CandidateInfo[] = [];
    const costUsd: Record<string, number> = {};
    const chat = embed ? undefined : (request as ChatRequest<unknown>);
    const needs = chat ? needsOf(chat) : undefined;
    const manualOnly = strategy === this.strategy ? this.manualOnly : undefined;
    const entries = only ? only.flatMap((name) => this.byName.get(name) ?? []) : this.entries;
    if (only)
      for (const entry of this.entries)
        if (!only.includes(entry.name))
          excluded.push({
            name: entry.name,
            reason: `not used by rule "${ruleName}" (uses ${only.join(', ')})`,
          });

    // A requested model goes to the provider it belongs to (the pin, or its catalogue family);
    // the other candidates keep their own default model.
    const requested = request.model;
    const requestedFamily =
      requested === undefined
        ? undefined
        : (getModelInfo(requested, this.catalogue)?.provider ?? null);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const { name, provider } = entry;
      if (manualOnly && !manualOnly.has(name) && name !== pinName) {
        excluded.push({ name, reason: 'not the primary or a fallback (manual routing)' });
        continue;
      }
      const configured = embed ? entry.embeddingModel : entry.model;
      const own = configured === undefined && requested !== undefined;
      const takesRequested = own && modelBelongs(name, provider, pinName, requestedFamily);
      const model =
        configured ??
        (takesRequested
          ? (requested as string)
          : embed
            ? (provider.defaultEmbeddingModel ?? '')
            : provider.defaultModel);
      if (!provider.isAvailable()) {
        excluded.push({ name, reason: 'not configured (isAvailable() is false)' });
        continue;
      }
      const unavailable = this.availability?.(name, model);
      if (unavailable !== undefined) {
        excluded.push({ name, reason: unavailable });
        continue;
      }
      const info = this.infoOf(entry, model);
      let cost: number | undefined;
      if (embed) {
        if (typeof provider.embed !== 'function') {
          excluded.push({ name, reason: 'cannot embed (the provider has no embed method)' });
          continue;
        }
        if (!model) {
          excluded.push({ name, reason: 'no embedding model configured' });
          continue;
        }
        if (info && !info.capabilities.embeddings) {
          excluded.push({ name, reason: `model ${model} is not an embedding model` });
          continue;
        }
        cost = info ? estimateCost(info, { inputTokens }) : undefined;
      } else if (chat && needs) {
        const output = chat.maxTokens ?? entry.maxTokens;
        const reason = info && capabilityGap(info, needs, model, inputTokens, output);
        if (reason) {
          excluded.push({ name, reason });
          continue;
        }
        if (info)
          cost = predictCost(
            info,
            output === chat.maxTokens ? chat : { messages: chat.messages, maxTokens: output },
            this.catalogue,
            { inputTokens },
          )?.maxUsd;
      }
      if (this.budget) {
        const denial = this.budget.check(name, cost, request.metadata);
        if (denial) {
          excluded.push({ name, reason: denial.reason });
          continue;
        }
      }
      if (cost !== undefined) costUsd[name] = cost;
      eligible.push({
        name,
        provider,
        model,
        candidate:
          own && !takesRequested
            ? ownCandidate(entry, embed, model)
            : embed
              ? entry.embedCandidate
              : entry.candidate,
        info,
        costUsd: cost,
        stats: this.stats.get(name, model),
        weight: entry.weight,
        quality: entry.quality ?? info?.quality,
        index: only ? i : entry.index,
      });
    }
    if (eligible.length === 0)
      throw new NoProviderAvailableError({
        excluded: excluded.map((e) => ({ provider: e.name, reason: e.reason })),
      });

    let complexity: ComplexityClass | undefined;
    if (strategy.name === 'complexity' && this.builtIns.get('complexity') === strategy) {
      complexity = chat ? this.classifier.classify(chat, inputTokens) : 'simple';
      strategy = this.strategyFor(this.classifier.strategies[complexity], 'complexity');
    }
    const context: StrategyContext = {
      request,
      operation: embed ? 'embed' : 'chat',
      inputTokens,
      random: this.random,
      now,
      stats: this.stats,
      complexity,
      ...(options.stream === true && { stream: true }),
    };
    let ordered = strategy.order(eligible, context) as CandidateInfo[];
    if (ordered.length !== eligible.length) ordered = this.complete(ordered, eligible);
    const explored =
      routed &&
      this.explorationRate > 0 &&
      (strategy.name === 'latency' || strategy.name === 'adaptive')
        ? this.explore(ordered)
        : undefined;
    if (explored) ordered = [explored, ...ordered.filter((c) => c !== explored)];

    // The pin (or the experiment's variant, or the session's provider) goes first when it passed the constraints.
    const session = this.affinity && routed ? sessionOf(request) : undefined;
    const sessionPin =
      session !== undefined && pinName === undefined && only === undefined && !assignment
        ? this.affinity?.get(session)?.provider
        : undefined;
    const first = pinName ?? assignment?.provider ?? sessionPin;
    if (first !== undefined) {
      const at = ordered.findIndex((c) => c.name === first);
      if (at > 0) ordered = [ordered[at], ...ordered.slice(0, at), ...ordered.slice(at + 1)];
    }

    // Move before the 429: a provider whose remaining quota would not cover this request goes last.
    const demoted: Exclusion[] = [];
    let kept: CandidateInfo[] | undefined;
    const moved: CandidateInfo[] = [];
    for (const c of ordered) {
      const output = chat ? (chat.maxTokens ?? this.byName.get(c.name)?.maxTokens ?? 0) : 0;
      const reason = quotaShortfall(c.stats?.rateLimit, inputTokens + output, now);
      if (reason === undefined) {
        kept?.push(c);
        continue;
      }
      kept ??= ordered.slice(0, ordered.indexOf(c));
      moved.push(c);
      demoted.push({ name: c.name, reason });
    }
    if (kept) ordered = [...kept, ...moved];

    const requestId = options.requestId ?? this.requestIdOf(request);

    const plan: RoutePlan = {
      candidates: ordered.map((c) => c.candidate),
      excluded,
      demoted,
      strategy: complexity ? 'complexity' : strategy.name,
      estimate: { inputTokens, costUsd },
      requestId,
    };
    if (ruleName !== undefined) plan.rule = ruleName;
    if (assignment) plan.experiment = { name: assignment.experiment, variant: assignment.variant };
    if (complexity) plan.complexity = complexity;
    if (explored && ordered[0] === explored) plan.explored = explored.name;
    if (session !== undefined) {
      plan.session = session;
      if (sessionPin !== undefined && ordered[0]?.name === sessionPin) plan.affinity = sessionPin;
    }
    return plan;
  }

  /** With probability `exploration.rate`: a candidate (not already first) with no latency observed in the window. */
  private explore(ordered: readonly CandidateInfo[]): CandidateInfo | undefined {
    if (this.random() >= this.explorationRate) return undefined;
    const unobserved = ordered.filter((c, i) => i > 0 && c.stats?.latencyMs === undefined);
    if (unobserved.length === 0) return undefined;
    return unobserved[Math.floor(this.random() * unobserved.length)];
  }

  private count(request: AnyRequest, embed: boolean): number {
    if (embed) {
      let tokens = 0;
      for (const text of (request as EmbedRequest).input) tokens += countTextTokens(String(text));
      return tokens;
    }
    return countRequestTokens(request as ChatRequest<unknown>);
  }

  private infoOf(entry: RouterEntry, model: string): ModelInfo | undefined {
    if (entry.infos.has(model)) return entry.infos.get(model);
    const info = getModelInfo(model, this.catalogue);
    if (entry.infos.size < 64) entry.infos.set(model, info);
    return info;
  }

  /** A user strategy that dropped or invented candidates: keep its order, append the missing. */
  private complete(
    ordered: readonly CandidateInfo[],
    eligible: readonly CandidateInfo[],
  ): CandidateInfo[] {
    const seen = new Set<CandidateInfo>();
    const out: CandidateInfo[] = [];
    for (const c of ordered) {
      if (!eligible.includes(c) || seen.has(c)) continue;
      seen.add(c);
      out.push(c);
    }
    for (const c of eligible) if (!seen.has(c)) out.push(c);
    return out;
  }

  private requestIdOf(request: AnyRequest): string {
    const fromMetadata = request.metadata?.requestId;
    if (typeof fromMetadata === 'string' && fromMetadata !== '') return fromMetadata;
    return `${this.idPrefix}-${(this.nextId++).toString(36)}`;
  }

  private track(requestId: string): Tracked {
    const existing = this.tracked.get(requestId);
    if (existing) return existing;
    const tracked: Tracked = { assignment: undefined, provider: undefined };
    // A ring of ids bounds the map in O(1) (deleting a Map's oldest key by iteration is not O(1) in V8).
    const evicted = this.trackedOrder[this.trackedNext];
    if (evicted !== undefined) this.tracked.delete(evicted);
    this.trackedOrder[this.trackedNext] = requestId;
    this.trackedNext = (this.trackedNext + 1) % this.maxTracked;
    this.tracked.set(requestId, tracked);
    return tracked;
  }

  private strategyFor(input: StrategyInput, field: string): RoutingStrategy {
    const issue = strategyIssue(input);
    if (issue) throw new InvalidRequestError({ field, message: issue });
    return this.resolveStrategy(input);
  }

  private resolveStrategy(input: StrategyInput): RoutingStrategy {
    if (typeof input !== 'string') return input;
    let strategy = this.builtIns.get(input);
    if (strategy) return strategy;
    switch (input) {
      case 'cost':
        strategy = costStrategy;
        break;
      case 'latency':
        strategy = latencyStrategy;
        break;
      case 'quality':
        strategy = qualityStrategy;
        break;
      case 'manual':
        strategy = manualStrategy;
        break;
      case 'least-busy':
        strategy = leastBusyStrategy();
        break;
      case 'weighted':
        strategy = weightedStrategy();
        break;
      case 'round-robin':
        strategy = roundRobinStrategy();
        break;
      case 'adaptive':
        strategy = adaptiveStrategy(this.adaptive);
        break;
      case 'complexity':
        // A marker: plan() classifies the request and runs the class's strategy.
        strategy = { name: 'complexity', order: (candidates) => candidates };
        break;
    }
    this.builtIns.set(input, strategy);
    return strategy;
  }
}

/** The request's `metadata.sessionId`, when it is a non-empty string. */
function sessionOf(request: AnyRequest): string | undefined {
  const id = request.metadata?.sessionId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Whether a request's `model` applies to this provider: it is the pinned one, the catalogue's
 * family of the model is the provider's type, or (no pin, a model the catalogue does not know)
 * nothing says otherwise.
 */
function modelBelongs(
  name: string,
  provider: Provider,
  pin: string | undefined,
  family: string | null | undefined,
): boolean {
  if (pin !== undefined && pin === name) return true;
  if (family === null || family === undefined) return pin === undefined;
  return family === provider.type;
}

/** The candidate naming the provider's own default model (cached on the entry). */
function ownCandidate(entry: RouterEntry, embed: boolean, model: string): Candidate {
  const own = (entry.own ??= {});
  const key = embed ? 'embed' : 'chat';
  const cached = own[key];
  if (cached && !('generate' in cached) && cached.model === model) return cached;
  return (own[key] = { provider: entry.provider, model });
}

/**
 * Creates a router.
 *
 * @example
 * const stats = createRoutingStats();
 * stats.attach(executor);
 * const router = createRouter({ providers: [openai, anthropic, google, groq], strategy: 'cost', stats, seed: 42 });
 * const plan = router.plan(request);
 * const result = await executor.generate(plan.candidates, request);
 */
export function createRouter(options: RouterOptions): Router {
  return new Router(options);
}
