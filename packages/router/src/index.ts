// @modelmux/router: per-request routing — strategies, constraints, rules, A/B experiments.
export { Router, createRouter } from './router.js';
export {
  InMemoryRoutingStats,
  createRoutingStats,
  type RoutingStatsOptions,
  type ExecutorEvents,
  type Subscription,
} from './routing-stats.js';
export {
  type ComplexityClass,
  type ComplexityOptions,
  type ComplexityClassifier,
  createComplexityClassifier,
  defaultComplexityKeywords,
} from './complexity.js';
export {
  adaptiveStrategy,
  type AdaptiveOptions,
  type AdaptiveWeights,
} from './strategies/adaptive.js';
export {
  costStrategy,
  latencyStrategy,
  qualityStrategy,
  manualStrategy,
  leastBusyStrategy,
  roundRobinStrategy,
  weightedStrategy,
} from './strategies/simple-strategies.js';
export {
  type Availability,
  type ProviderStateReader,
  providerStateAvailability,
  anyOf,
} from './availability.js';
export { seededRandom } from './random.js';
export { fnv1a, stableUnit } from './stable-hash.js';
export type {
  Candidate,
  CandidateInfo,
  ProviderEntry,
  RoutingStrategy,
  StrategyContext,
  StrategyInput,
  RouterRule,
  RouterExperiment,
  RouterOptions,
  PlanOptions,
  Exclusion,
  RoutePlan,
  ResultSummary,
  VariantResults,
  ExperimentResults,
} from './types.js';
export {
  SessionAffinity,
  type SessionAffinityOptions,
  type SessionPin,
} from './session-affinity.js';
