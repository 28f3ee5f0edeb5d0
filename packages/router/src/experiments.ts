import type { ChatRequest, EmbedRequest } from '@modelmux/core';
import { type RequestMatcher, compileMatch } from './match.js';
import { stableUnit } from './stable-hash.js';
import type { ExperimentResults, RouterExperiment } from './types.js';

interface VariantTally {
  provider: string;
  requests: number;
  results: number;
  latencySum: number;
  costSum: number;
  costSamples: number;
  qualitySum: number;
  qualitySamples: number;
}

interface PreparedExperiment {
  readonly experiment: RouterExperiment;
  /** Variant names with their cumulative share boundary in [0, 1]. */
  readonly boundaries: readonly { variant: string; upTo: number }[];
  readonly tallies: Map<string, VariantTally>;
  /** `name + '\u0000'`, the hash prefix of every user of this experiment. */
  readonly prefix: string;
  readonly matches: RequestMatcher | undefined;
}

/** An assignment of one request to one experiment's variant. */
export interface Assignment {
  experiment: string;
  variant: string;
  provider: string;
}

/**
 * The router's A/B experiments: sticky assignment by `metadata.userId` through a stable hash of
 * experiment name and user id (the same user gets the same variant in every process and after
 * restarts, with no stored state), and per-variant tallies.
 */
export class Experiments {
  private readonly prepared: PreparedExperiment[];

  constructor(experiments: readonly RouterExperiment[]) {
    this.prepared = experiments.map((experiment) => {
      const variants = Object.keys(experiment.variants);
      const shares = variants.map((v) => experiment.split?.[v] ?? (experiment.split ? 0 : 1));
      const total = shares.reduce((a, b) => a + b, 0);
      let cumulative = 0;
      const boundaries = variants.map((variant, i) => {
        cumulative += shares[i];
        return { variant, upTo: i === variants.length - 1 ? 1 : cumulative / total };
      });
      const tallies = new Map<string, VariantTally>();
      for (const variant of variants)
        tallies.set(variant, {
          provider: experiment.variants[variant],
          requests: 0,
          results: 0,
          latencySum: 0,
          costSum: 0,
          costSamples: 0,
          qualitySum: 0,
          qualitySamples: 0,
        });
      return {
        experiment,
        boundaries,
        tallies,
        prefix: `${experiment.name}\u0000`,
        matches: experiment.when ? compileMatch(experiment.when) : undefined,
      };
    });
  }

  get size(): number {
    return this.prepared.length;
  }

  /** The variant a user is in, or undefined (for `assign` and for tests). Pure: counts nothing. */
  variantOf(experimentName: string, userId: string): string | undefined {
    const p = this.prepared.find((e) => e.experiment.name === experimentName);
    return p ? pick(p, userId) : undefined;
  }

  /** Assigns the request to the first experiment it takes part in, and counts it. */
  assign(request: ChatRequest<unknown> | EmbedRequest): Assignment | undefined {
    const userId = request.metadata?.userId;
    if (userId === undefined || userId === null || userId === '') return undefined;
    for (const p of this.prepared) {
      const { experiment } = p;
      if (experiment.enabled === false) continue;
      if (p.matches && !p.matches(request)) continue;
      const variant = pick(p, typeof userId === 'string' ? userId : String(userId));
      const tally = p.tallies.get(variant);
      if (!tally) continue;
      tally.requests++;
      return { experiment: experiment.name, variant, provider: tally.provider };
    }
    return undefined;
  }

  /** The assignment for a variant named in a plan, or undefined when there is no such variant. */
  assignment(experiment: string, variant: string): Assignment | undefined {
    const tally = this.prepared.find((e) => e.experiment.name === experiment)?.tallies.get(variant);
    return tally ? { experiment, variant, provider: tally.provider } : undefined;
  }

  /** Adds a result (latency, cost) to the variant's tally. */
  recordResult(assignment: Assignment, latencyMs: number, costUsd: number | undefined): void {
    const tally = this.tally(assignment);
    if (!tally) return;
    tally.results++;
    tally.latencySum += latencyMs;
    if (costUsd !== undefined) {
      tally.costSum += costUsd;
      tally.costSamples++;
    }
  }

  /** Adds a quality score to the variant's tally. */
  recordQuality(assignment: Assignment, score: number): void {
    const tally = this.tally(assignment);
    if (!tally) return;
    tally.qualitySum += score;
    tally.qualitySamples++;
  }

  /** `{ [experiment]: { [variant]: { provider, requests, sampleSize, avgLatencyMs, avgCostUsd, avgQualityScore } } }`. */
  results(): ExperimentResults {
    const out: ExperimentResults = {};
    for (const p of this.prepared) {
      const variants: ExperimentResults[string] = {};
      for (const [variant, t] of p.tallies)
        variants[variant] = {
          provider: t.provider,
          requests: t.requests,
          sampleSize: t.results,
          avgLatencyMs: t.results ? t.latencySum / t.results : undefined,
          avgCostUsd: t.costSamples ? t.costSum / t.costSamples : undefined,
          avgQualityScore: t.qualitySamples ? t.qualitySum / t.qualitySamples : undefined,
          qualitySamples: t.qualitySamples,
        };
      out[p.experiment.name] = variants;
    }
    return out;
  }

  private tally(assignment: Assignment): VariantTally | undefined {
    return this.prepared
      .find((e) => e.experiment.name === assignment.experiment)
      ?.tallies.get(assignment.variant);
  }
}

function pick(p: PreparedExperiment, userId: string): string {
  const unit = stableUnit(p.prefix, userId);
  for (const b of p.boundaries) if (unit < b.upTo) return b.variant;
  return p.boundaries[p.boundaries.length - 1].variant;
}
