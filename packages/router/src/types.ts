import type {
  BudgetGuard,
  ChatRequest,
  EmbedRequest,
  ModelCatalogue,
  ModelInfo,
  Provider,
  ProviderStats,
  RoutingMatch,
  RoutingStats,
  RoutingStrategyName,
} from '@modelmux/core';
import type { ComplexityClass, ComplexityOptions } from './complexity.js';
import type { SessionAffinity, SessionAffinityOptions } from './session-affinity.js';
import type { AdaptiveOptions } from './strategies/adaptive.js';

/**
 * One entry of a plan, exactly what `createFallbackExecutor().generate(candidates, request)`
 * takes: a provider, or a provider with the model to use on it.
 */
export type Candidate = Provider | { provider: Provider; model?: string };

/** A provider as given to `createRouter`, with optional per-provider routing settings. */
export type ProviderEntry =
  | Provider
  | {
      provider: Provider;
      /** The chat model to use on it (default: the request's `model` when it belongs to this provider — pinned, or its catalogue family — else the provider's default). */
      model?: string;
      /** The embedding model for `embed` plans (default: the provider's default embedding model). */
      embeddingModel?: string;
      /** Share of traffic under `weighted` (default 1; 0 = only when nothing else is left). */
      weight?: number;
      /** Quality score 0–1 overriding the catalogue's (for `quality`, `complexity`, `adaptive`). */
      quality?: number;
      /** Output tokens this provider produces when the request sets no `maxTokens` (for cost and context checks). */
      maxTokens?: number;
    };

/** What a strategy knows about one candidate of this request. */
export interface CandidateInfo {
  /** The provider instance name. */
  readonly name: string;
  readonly provider: Provider;
  /** The model this request would use on it. */
  readonly model: string;
  /** What goes into the plan's `candidates`. */
  readonly candidate: Candidate;
  /** The catalogue entry of `model`; undefined when the model is not in the catalogue. */
  readonly info: ModelInfo | undefined;
  /** Predicted cost of this request on it, in USD; undefined when the price is unknown. */
  readonly costUsd: number | undefined;
  /** Observed stats; undefined before any data. */
  readonly stats: ProviderStats | undefined;
  /** Configured weight (default 1). */
  readonly weight: number;
  /** Configured quality, else the catalogue's; undefined when neither knows. */
  readonly quality: number | undefined;
  /** Position in the configured order (primary, fallbacks, then the rest): the tie-break. */
  readonly index: number;
}

/** What a strategy gets besides the candidates. */
export interface StrategyContext {
  readonly request: ChatRequest<unknown> | EmbedRequest;
  readonly operation: 'chat' | 'embed';
  /** The request's input tokens, counted once for the whole plan. */
  readonly inputTokens: number;
  /** A seeded random number in [0, 1) (deterministic under the router's `seed`). */
  readonly random: () => number;
  /** The router's clock, epoch ms. */
  readonly now: number;
  readonly stats: RoutingStats;
  /** The complexity class, when the complexity strategy (or a rule) asked for it. */
  readonly complexity?: ComplexityClass;
  /** True when the request will be streamed (`PlanOptions.stream`). */
  readonly stream?: boolean;
}

/** A routing strategy: orders the candidates that passed every constraint, best first. */
export interface RoutingStrategy {
  readonly name: string;
  /** Returns the candidates in the order to try them (it may drop none; extras are ignored). */
  order(candidates: readonly CandidateInfo[], context: StrategyContext): readonly CandidateInfo[];
}

/** A strategy by name or a strategy object. */
export type StrategyInput = RoutingStrategyName | RoutingStrategy;

/** A conditional routing rule, tried in order before the strategy. */
export interface RouterRule {
  /** Shown in the plan (default `rules[<index>]`). */
  name?: string;
  /** Metadata fields to match (`{ task: 'classify' }`, `{ tags: ['vip'] }`) or a predicate. */
  when: RoutingMatch;
  /** A provider, a provider list (only these, in this order) or a strategy for matching requests. */
  use: string | readonly string[] | { strategy: StrategyInput };
}

/** An A/B experiment: users (by `metadata.userId`) are split across variants, each served by a provider. */
export interface RouterExperiment {
  name: string;
  /** Variant → provider name, e.g. `{ A: 'openai', B: 'anthropic' }`. */
  variants: Readonly<Record<string, string>>;
  /** Variant → share (any scale); equal shares when absent. */
  split?: Readonly<Record<string, number>>;
  /** Only matching requests take part (default: every request with a `metadata.userId`). */
  when?: RoutingMatch;
  /** `false` stops assigning users; results are kept. Default true. */
  enabled?: boolean;
}

/** Settings of `createRouter()`. */
export interface RouterOptions {
  /** The providers to route between: instances, or `{ provider, model, weight, quality, … }`. */
  providers: readonly ProviderEntry[];
  /** A strategy name or object (default `'cost'`, or `'manual'` when a `primary` is given). */
  strategy?: StrategyInput;
  /** The manual order's first provider, and the first tie-break of every strategy. */
  primary?: string;
  /** The manual order after the primary; with `manual`, providers not listed are left out. */
  fallbacks?: readonly string[];
  /** Conditional routing, tried in order; the first match wins. */
  rules?: readonly RouterRule[];
  /** A/B experiments. */
  experiments?: readonly RouterExperiment[];
  /** Seed of the router's random numbers (adaptive, weighted ties): same seed, same plans. */
  seed?: number;
  /** Observed stats (default: `createRoutingStats()`; attach it to the executor). */
  stats?: RoutingStats;
  /** Budget constraint (default: everything allowed). */
  budget?: BudgetGuard;
  /**
   * Why a provider (or one of its models) cannot be called now (breaker open, cooling down,
   * marked unavailable), or undefined. Synchronous and O(1). Default: the stats' own view when
   * the stats come from `createRoutingStats()` (breaker and cool-down events).
   */
  availability?: (provider: string, model: string) => string | undefined;
  /** Model catalogue (default: core's). */
  catalogue?: ModelCatalogue;
  /** Clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** The complexity classifier's thresholds, keywords and per-class strategies. */
  complexity?: ComplexityOptions;
  /** The adaptive strategy's weights and exploration. */
  adaptive?: AdaptiveOptions;
  /** How many request ids the router remembers for `recordResult` / `recordFeedback` (default 10 000). */
  maxTrackedRequests?: number;
  /**
   * Session affinity: a request with `metadata.sessionId` goes first to the provider that served
   * that session, for a sliding TTL (`true` = defaults; a `SessionAffinity` instance is used as
   * is, e.g. kept across router rebuilds). Off by default (costs nothing then).
   */
  sessionAffinity?: boolean | SessionAffinityOptions | SessionAffinity;
  /**
   * Exploration for `latency` and `adaptive`: with probability `rate` (0–1, e.g. 0.05) a request
   * goes first to a candidate with no latency observed in the recent window (never tried, or its
   * data aged out), so the router learns that a provider is faster than the catalogue says.
   * Off by default.
   */
  exploration?: { rate: number };
}

/** Per-call options of `router.plan()`. */
export interface PlanOptions {
  /** Put this provider first (if it passes the constraints); the rest follow as routed. */
  provider?: string;
  /** Use this strategy instead of the router's for this request. */
  strategy?: StrategyInput;
  /** The request's id, for `recordResult` and `recordFeedback` (default: generated). */
  requestId?: string;
  /** Input tokens when already counted (the plan then counts nothing). */
  inputTokens?: number;
  /** The request will be streamed: `latency` ranks by observed time to first token. */
  stream?: boolean;
}

/** Why a provider is not in the plan. */
export interface Exclusion {
  name: string;
  reason: string;
}

/** The router's decision for one request. */
export interface RoutePlan {
  /** The order to try, first = the choice; pass to the executor as is. */
  candidates: Candidate[];
  /** Providers left out, each with its reason. */
  excluded: Exclusion[];
  /** Providers kept but moved to the back (low remaining quota), each with its reason. */
  demoted: Exclusion[];
  /** The strategy that ordered the candidates. */
  strategy: string;
  /** The rule that matched, if any. */
  rule?: string;
  /** The experiment and variant this request's user is in, if any. */
  experiment?: { name: string; variant: string };
  /** The request's estimate: input tokens (counted once; reuse it downstream) and predicted cost per provider. */
  estimate: { inputTokens: number; costUsd: Record<string, number> };
  /** The complexity class, when the complexity strategy ran. */
  complexity?: ComplexityClass;
  /** The request id for `recordResult` and `recordFeedback`. */
  requestId: string;
  /** With session affinity: the request's `metadata.sessionId` (its result re-pins the session). */
  session?: string;
  /** With session affinity: the provider the session was pinned to and put first, if any. */
  affinity?: string;
  /** With exploration: the unobserved provider this request explores (put first). */
  explored?: string;
}

/** What `recordResult` needs from a result (a `ChatResult` or `EmbedResult` fits). */
export interface ResultSummary {
  provider: string;
  /** The model that answered (kept in a session's pin). */
  model?: string;
  latencyMs: number;
  costUsd: number | undefined;
}

/** One variant's results, in the user's design's shape. */
export interface VariantResults {
  provider: string;
  /** Requests assigned to the variant. */
  requests: number;
  /** Results recorded for the variant. */
  sampleSize: number;
  avgLatencyMs: number | undefined;
  avgCostUsd: number | undefined;
  avgQualityScore: number | undefined;
  /** Feedback scores recorded. */
  qualitySamples: number;
}

/** `{ [experiment]: { [variant]: results } }`. */
export type ExperimentResults = Record<string, Record<string, VariantResults>>;
