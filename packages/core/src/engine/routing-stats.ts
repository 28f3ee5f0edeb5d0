import type { RateLimitInfo } from './rate-limit-info.js';

/**
 * What the router reads about a provider's recent behaviour. One source of truth: the router's
 * default in-memory implementation and `@modelmux/metrics` both implement `RoutingStats`, fed by
 * the executor's events. Reads are synchronous and O(1): `router.plan()` does them per request.
 */
export interface ProviderStats {
  /** Observed latency of successful calls over the recent window, in ms; undefined without data. */
  latencyMs: number | undefined;
  /**
   * Observed mean time to first token of streams over the recent window, in ms (streams are
   * routed by it under `latency`); undefined without data or when the stats do not measure it.
   */
  ttftMs?: number;
  /** Observed p95 latency over the recent window, in ms; undefined without data. */
  p95LatencyMs: number | undefined;
  /** Successful calls in the recent window. */
  successes: number;
  /** Calls that failed for a provider-health reason (server, timeout, network…) in the window. */
  failures: number;
  /** Requests in flight to this provider now. */
  inFlight: number;
  /** Mean quality score (0–1) from validators and feedback; undefined without data. */
  quality: number | undefined;
  /** The vendor's remaining quota as its latest response reported it (rate-limit headers). Optional. */
  rateLimit?: RateLimitInfo;
}

/** Read side of observed per-provider stats (latency, success, load). */
export interface RoutingStats {
  /** Stats of one provider instance (by name), or one of its models; undefined before any data. */
  get(provider: string, model?: string): ProviderStats | undefined;
}
