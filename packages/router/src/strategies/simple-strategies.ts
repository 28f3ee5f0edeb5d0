import type { CandidateInfo, RoutingStrategy } from '../types.js';
import { orderBy } from './order-by.js';

/** Cheapest first by the predicted cost of this request; unknown prices last. */
export const costStrategy: RoutingStrategy = {
  name: 'cost',
  order: (candidates) => orderBy(candidates, (c) => c.costUsd),
};

/** The latency a candidate is expected to have: observed over the window, else the catalogue's typical. */
export function expectedLatencyMs(candidate: CandidateInfo): number | undefined {
  return candidate.stats?.latencyMs ?? candidate.info?.typicalLatencyMs;
}

/** A stream's expected wait: observed time to first token, else the call's expected latency. */
function expectedFirstTokenMs(candidate: CandidateInfo): number | undefined {
  return candidate.stats?.ttftMs ?? expectedLatencyMs(candidate);
}

/**
 * Fastest first: a non-streaming call by observed latency over the recent window, a stream
 * (`plan(request, { stream: true })`) by observed time to first token when the stats measure
 * it; the catalogue's typical latency until there is data.
 */
export const latencyStrategy: RoutingStrategy = {
  name: 'latency',
  order: (candidates, context) =>
    orderBy(candidates, context?.stream === true ? expectedFirstTokenMs : expectedLatencyMs),
};

/** Highest quality first (the configured score, else the catalogue's). */
export const qualityStrategy: RoutingStrategy = {
  name: 'quality',
  order: (candidates) => orderBy(candidates, (c) => c.quality, true),
};

/** The configured order: the primary, then the fallbacks, then the rest. */
export const manualStrategy: RoutingStrategy = {
  name: 'manual',
  order: (candidates) => orderBy(candidates, () => 0),
};

/** Fewest requests in flight first; ties rotate so idle providers share the load. */
export function leastBusyStrategy(): RoutingStrategy {
  let turn = 0;
  return {
    name: 'least-busy',
    order(candidates) {
      const n = candidates.length;
      const offset = turn++ % Math.max(1, n);
      const rotated = candidates.map((c, i) => ({ c, rank: (i - offset + n) % n }));
      rotated.sort(
        (a, b) => (a.c.stats?.inFlight ?? 0) - (b.c.stats?.inFlight ?? 0) || a.rank - b.rank,
      );
      return rotated.map((r) => r.c);
    },
  };
}

/** Each candidate first in turn (over those that passed the constraints), the rest in configured order. */
export function roundRobinStrategy(): RoutingStrategy {
  let turn = 0;
  return {
    name: 'round-robin',
    order(candidates) {
      const n = candidates.length;
      if (n === 0) return candidates;
      const start = turn++ % n;
      return [...candidates.slice(start), ...candidates.slice(0, start)];
    },
  };
}

/**
 * Smooth weighted round-robin (nginx's): over any run of plans, each candidate is first in
 * proportion to its `weight`, evenly interleaved and without randomness. The rest follow by
 * weight. Weight 0 is never first while another candidate is left.
 */
export function weightedStrategy(): RoutingStrategy {
  const current = new Map<string, number>();
  return {
    name: 'weighted',
    order(candidates) {
      let total = 0;
      let best: CandidateInfo | undefined;
      let bestWeight = -Infinity;
      for (const c of candidates) {
        if (c.weight <= 0) continue;
        const w = (current.get(c.name) ?? 0) + c.weight;
        current.set(c.name, w);
        total += c.weight;
        if (w > bestWeight) {
          bestWeight = w;
          best = c;
        }
      }
      const rest = orderBy(candidates, (c) => c.weight, true);
      if (!best) return rest;
      current.set(best.name, bestWeight - total);
      return [best, ...rest.filter((c) => c !== best)];
    },
  };
}
