import { sampleBeta } from '../random.js';
import type { RoutingStrategy } from '../types.js';
import { expectedLatencyMs } from './simple-strategies.js';

/** Weights of the adaptive score. */
export interface AdaptiveWeights {
  /** Weight of quality (observed feedback, else configured or catalogue) (default 0.35). */
  quality?: number;
  /** Weight of relative cost (cheapest = 1) (default 0.25). */
  cost?: number;
  /** Weight of relative speed (fastest = 1) (default 0.4). */
  latency?: number;
  /**
   * Exponent on the sampled success rate that multiplies the score (default 1): 0 ignores
   * failures, 2 punishes them harder.
   */
  success?: number;
}

/** Settings of the `adaptive` strategy. */
export interface AdaptiveOptions {
  /** Default `{ quality: 0.35, cost: 0.25, latency: 0.4, success: 1 }`. */
  weights?: AdaptiveWeights;
  /**
   * The most observations the latency belief counts (default 20): it never becomes certain, so
   * a provider that looked slow keeps a chance to be tried, and as its slow samples leave the
   * window its belief widens again.
   */
  confidenceCap?: number;
}

/**
 * Learns from what it observes. Each candidate's score is
 * `successSample^success × (quality·q + cost·c + latency·speedSample)` (weights normalised), where
 * `q` is its quality (observed feedback, else configured or catalogue), `c` its relative cost,
 * and two Thompson samples: `successSample` from Beta(1 + successes, 1 + failures) over the recent
 * window, and `speedSample` from a Beta belief centred on its relative speed (observed latency,
 * else the catalogue's typical) counting at most `confidenceCap` observations. Random draws come
 * from the router's seeded generator, so plans are deterministic under `seed`.
 */
export function adaptiveStrategy(options: AdaptiveOptions = {}): RoutingStrategy {
  const w = options.weights ?? {};
  const raw = { quality: w.quality ?? 0.35, cost: w.cost ?? 0.25, latency: w.latency ?? 0.4 };
  const sum = raw.quality + raw.cost + raw.latency || 1;
  const weights = {
    quality: raw.quality / sum,
    cost: raw.cost / sum,
    latency: raw.latency / sum,
  };
  const successExponent = Math.max(0, w.success ?? 1);
  const cap = Math.max(1, options.confidenceCap ?? 20);
  return {
    name: 'adaptive',
    order(candidates, context) {
      let minCost = Infinity;
      let minLatency = Infinity;
      for (const c of candidates) {
        if (c.costUsd !== undefined && c.costUsd > 0) minCost = Math.min(minCost, c.costUsd);
        const latency = expectedLatencyMs(c);
        if (latency !== undefined && latency > 0) minLatency = Math.min(minLatency, latency);
      }
      const scored = candidates.map((c) => {
        const quality = c.stats?.quality ?? c.quality ?? 0.5;
        const cost =
          c.costUsd === undefined
            ? 0.5
            : c.costUsd <= 0 || minCost === Infinity
              ? 1
              : minCost / c.costUsd;
        const latency = expectedLatencyMs(c);
        const speed =
          latency === undefined || minLatency === Infinity
            ? 0.5
            : latency <= 0
              ? 1
              : minLatency / latency;
        const successes = c.stats?.successes ?? 0;
        const failures = c.stats?.failures ?? 0;
        const n = Math.min(successes, cap);
        const speedSample = sampleBeta(1 + n * speed, 1 + n * (1 - speed), context.random);
        const successSample = sampleBeta(1 + successes, 1 + failures, context.random);
        const score =
          Math.pow(successSample, successExponent) *
          (weights.quality * quality + weights.cost * cost + weights.latency * speedSample);
        return { c, score };
      });
      scored.sort((a, b) => b.score - a.score || a.c.index - b.c.index);
      return scored.map((s) => s.c);
    },
  };
}
