import type {
  ChatResult,
  CostBreakdown,
  EmbedResult,
  FinishEvent,
  StreamEvent,
  Usage,
} from '@modelmux/core';
import type { ComplexityClass, Exclusion } from '@modelmux/router';
import type { RoutedAttempt } from './tracked-candidates.js';

/** A routed chat result: core's `ChatResult` plus how it was routed. */
export interface RoutedResult<T = unknown> extends ChatResult<T> {
  /** This request's id (for `recordFeedback`, logs). */
  requestId: string;
  /** Every call made for it, in order: provider, model, latency, and why a call failed. */
  attempts: RoutedAttempt[];
  /** The routing strategy that ordered the providers. */
  strategy: string;
  /** The routing rule that matched (its name), when one did. */
  rule?: string;
  /** The A/B experiment and variant this request's user is in, when any. */
  experiment?: { name: string; variant: string };
  /** The request's complexity class, when the complexity strategy ran. */
  complexity?: ComplexityClass;
  /**
   * The providers routing left out of this request's plan, each with the router's reason
   * (`circuit breaker open until …`, a budget denial, `not used by rule "…"`); absent when none.
   */
  excluded?: readonly Exclusion[];
  /** True when answered from the response cache (then `costUsd` is 0 and nothing was sent). */
  cached: boolean;
  /**
   * `costUsd` by kind of token (USD, rounded to 1e-10 like `costUsd`, adding up to it): plain
   * input, cache reads, cache writes, visible output and reasoning. Absent when the price is
   * unknown or the answer came from the cache.
   */
  costBreakdown?: CostBreakdown;
}

/**
 * The `finish` event of a routed stream: core's `FinishEvent` plus how it was routed (the same
 * fields as a `RoutedResult`; a stream is never answered from the cache).
 */
export interface RoutedFinishEvent extends FinishEvent {
  requestId: string;
  /** Every call made for it, in order (the failed ones before the first event, then the answer). */
  attempts: RoutedAttempt[];
  strategy: string;
  rule?: string;
  /** The providers the plan left out, with the router's reasons (as on a `RoutedResult`). */
  excluded?: readonly Exclusion[];
  cached: false;
}

/** What a routed stream yields: core's events, with a `RoutedFinishEvent` last. */
export type RoutedStreamEvent = Exclude<StreamEvent, FinishEvent> | RoutedFinishEvent;

/** A routed embedding result. */
export interface RoutedEmbedResult extends EmbedResult {
  requestId: string;
  attempts: RoutedAttempt[];
  strategy: string;
}

/** `generateContent`'s answer, in the user's design's shape; it never throws. */
export interface GenerateContentResponse {
  success: boolean;
  /** The answer's text ('' on failure). */
  content: string;
  /** The provider that answered (on failure: the last one tried, or '' when none was). */
  providerName: string;
  /** The model that answered (on failure: the last one tried, or ''). */
  model: string;
  /** Why it failed: a redacted, readable message. */
  error?: string;
  /** The failure's class name (`ModelmuxAllProvidersFailedError`, `ModelmuxBudgetExceededError`…). */
  errorName?: string;
  metadata: {
    usage: Usage | undefined;
    costUsd: number | undefined;
    latencyMs: number;
    attempts: RoutedAttempt[];
    requestId: string;
    cached: boolean;
  };
}
