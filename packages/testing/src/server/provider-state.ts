import type { FakeRateLimit, FakeRules, FakeStep } from '../types.js';
import { PrefixCache } from '../brain/prefix-cache.js';
import { mulberry32 } from './prng.js';

/** The step a request gets, and the extra latency the rules drew for it. */
export interface NextStep {
  step: FakeStep;
  latencyMs: number;
}

/** Scripted steps and rules of one provider. */
export class ProviderState {
  private queue: FakeStep[] = [];
  private currentRules: FakeRules | undefined;
  private random: () => number = Math.random;
  /** The scripted quota of the rate-limit headers (undefined: the defaults). */
  limits: FakeRateLimit | undefined;
  /** Requests served since the last reset (the default remaining-requests count goes down with it). */
  served = 0;
  /** The provider's prompt cache, when the server was started with `promptCache: true`. */
  readonly prefixCache = new PrefixCache();

  constructor(private readonly defaultSeed: number) {}

  /** Appends steps to the script. */
  script(steps: FakeStep[]): void {
    this.queue.push(...steps);
  }

  /** Sets or clears the rules; the PRNG restarts from the seed. */
  rules(rules: FakeRules | undefined): void {
    this.currentRules = rules;
    this.random = mulberry32(rules?.seed ?? this.defaultSeed);
  }

  /** Clears script and rules. */
  reset(): void {
    this.queue = [];
    this.rules(undefined);
    this.limits = undefined;
    this.served = 0;
    this.prefixCache.clear();
  }

  /** The next scripted step, else a rules draw (failure first, then latency), else 'ok'. */
  next(): NextStep {
    const scripted = this.queue.shift();
    if (scripted !== undefined) return { step: scripted, latencyMs: 0 };
    const rules = this.currentRules;
    if (!rules) return { step: 'ok', latencyMs: 0 };
    const fail = this.random() < (rules.failRate ?? 0);
    const latencyDraw = this.random();
    const latency = rules.latencyMs;
    const latencyMs = Array.isArray(latency)
      ? Math.round(latency[0] + latencyDraw * (latency[1] - latency[0]))
      : (latency ?? 0);
    return { step: fail ? (rules.failWith ?? { status: 503 }) : 'ok', latencyMs };
  }
}
