import type {
  BudgetPeriod,
  BudgetScope,
  CostLimit,
  PeriodLimits,
  RequestMetadata,
} from '@modelmux/core';
import type { BudgetsOptions } from './budget-options.js';
import type { Period, PeriodClock } from './periods.js';

/** One limit that applies to a request, with the counter it is kept in. */
export interface ScopedLimit {
  /** The store key of the counter: `budget:<period>:<scope>:<periodKey>`. */
  key: string;
  limit: number;
  ttlMs: number;
  scope: BudgetScope;
  period: BudgetPeriod;
  provider?: string;
  userId?: string;
  tag?: string;
  /** When the counter's period ends (epoch ms). */
  resetsAt: number;
}

/** Counters outlive their period by this margin, so late settles and usage reads still find them. */
const marginMs = 24 * 60 * 60 * 1000;

function costLimit(value: number | Partial<CostLimit> | undefined): CostLimit | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number'
    ? { global: value, perProvider: {} }
    : { global: value.global, perProvider: value.perProvider ?? {} };
}

function periodLimits(value: number | PeriodLimits | undefined): PeriodLimits | undefined {
  return typeof value === 'number' ? { daily: value } : value;
}

/** The limits of a budgets configuration, resolved per request. */
export class BudgetLimits {
  readonly perRequest: Record<string, number>;
  private readonly byPeriod: Record<Period, CostLimit | undefined>;
  private readonly perUser: PeriodLimits | undefined;
  private readonly perTag: Record<string, PeriodLimits>;
  /** True when any period limit is set (else reservations skip the store). */
  readonly any: boolean;

  constructor(
    options: BudgetsOptions,
    private readonly clock: PeriodClock,
  ) {
    this.perRequest = options.costLimitPerRequest ?? {};
    this.byPeriod = {
      daily: costLimit(options.dailyCostLimit),
      monthly: costLimit(options.monthlyCostLimit),
    };
    this.perUser = periodLimits(options.costLimitPerUser);
    this.perTag = {};
    for (const [tag, value] of Object.entries(options.costLimitPerTag ?? {}))
      this.perTag[tag] = periodLimits(value) ?? {};
    this.any =
      Object.values(this.byPeriod).some(
        (l) => l && (l.global !== undefined || Object.keys(l.perProvider).length > 0),
      ) ||
      this.perUser !== undefined ||
      Object.keys(this.perTag).length > 0;
  }

  /** Every period limit that applies to a request to `provider` with this metadata. */
  resolve(provider: string, metadata: RequestMetadata | undefined, now: number): ScopedLimit[] {
    const out: ScopedLimit[] = [];
    if (!this.any) return out;
    for (const period of ['daily', 'monthly'] as const) {
      const window = this.clock.window(period, now);
      const add = (limit: number | undefined, scope: string, extra: Partial<ScopedLimit>) => {
        if (limit === undefined) return;
        out.push({
          key: `budget:${period}:${scope}:${window.key}`,
          limit,
          ttlMs: window.end - now + marginMs,
          scope: extra.scope ?? period,
          period,
          resetsAt: window.end,
          ...extra,
        });
      };
      const limits = this.byPeriod[period];
      if (limits) {
        add(limits.global, 'global', {});
        add(limits.perProvider[provider], `provider:${provider}`, { provider });
      }
      const userId = metadata?.userId;
      if (this.perUser && userId !== undefined)
        add(this.perUser[period], `user:${userId}`, { scope: 'user', userId });
      for (const tag of metadata?.tags ?? []) {
        const tagLimits = this.perTag[tag];
        if (tagLimits) add(tagLimits[period], `tag:${tag}`, { scope: 'tag', tag });
      }
    }
    return out;
  }

  /** The limits without a user or tag: global and per provider (for refreshes and usage). */
  fixed(providers: Iterable<string>, now: number): ScopedLimit[] {
    const names = new Set(providers);
    for (const period of ['daily', 'monthly'] as const)
      for (const name of Object.keys(this.byPeriod[period]?.perProvider ?? {})) names.add(name);
    const seen = new Map<string, ScopedLimit>();
    for (const name of names.size ? names : ['']) {
      for (const limit of this.resolve(name, undefined, now)) seen.set(limit.key, limit);
    }
    return [...seen.values()];
  }
}
