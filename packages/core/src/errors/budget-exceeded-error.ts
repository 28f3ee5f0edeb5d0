import { formatUsd } from '../format-usd.js';
import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.BudgetExceededError';
const symbol = Symbol.for(marker);

/**
 * Which budget was hit: the per-request limit, a global or per-provider `daily` / `monthly`
 * limit, a per-`user` or per-`tag` limit (see `period`), or `store` when the budget store could
 * not be reached and budgets fail closed.
 */
export type BudgetScope = 'request' | 'daily' | 'monthly' | 'user' | 'tag' | 'store';

/** The calendar period of a limit. */
export type BudgetPeriod = 'request' | 'daily' | 'monthly';

/** A request would exceed (or has exceeded) a cost limit. */
export class BudgetExceededError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly scope: BudgetScope;
  /** The provider whose limit it is; undefined for a global limit. */
  readonly provider: string | undefined;
  readonly limitUsd: number;
  readonly spentUsd: number | undefined;
  readonly predictedUsd: number | undefined;
  /** When the limit's period resets (epoch ms); undefined for per-request limits. */
  readonly resetsAt: number | undefined;
  /** The period of the limit (`daily` for scope `daily`; set for `user` and `tag` scopes). */
  readonly period: BudgetPeriod | undefined;
  /** The `metadata.userId` whose limit it is (scope `user`). */
  readonly userId: string | undefined;
  /** The `metadata.tags` entry whose limit it is (scope `tag`). */
  readonly tag: string | undefined;

  constructor(options: {
    scope: BudgetScope;
    limitUsd: number;
    provider?: string;
    spentUsd?: number;
    predictedUsd?: number;
    resetsAt?: number;
    period?: BudgetPeriod;
    userId?: string;
    tag?: string;
    message?: string;
    cause?: unknown;
  }) {
    const who =
      options.userId !== undefined
        ? `user "${options.userId}"`
        : options.tag !== undefined
          ? `tag "${options.tag}"`
          : options.provider
            ? `provider "${options.provider}"`
            : 'all providers';
    const kind =
      options.period !== undefined && options.period !== options.scope
        ? `${options.period} ${options.scope}`
        : options.scope;
    super({
      name: 'ModelmuxBudgetExceededError',
      message:
        options.message ??
        `The ${kind} budget of ${formatUsd(options.limitUsd)} for ${who} would be exceeded` +
          spendNote(options.predictedUsd, options.spentUsd) +
          (options.resetsAt !== undefined
            ? `; it resets at ${new Date(options.resetsAt).toISOString()}`
            : ''),
      cause: options.cause,
    });
    this.scope = options.scope;
    this.provider = options.provider;
    this.limitUsd = options.limitUsd;
    this.spentUsd = options.spentUsd;
    this.predictedUsd = options.predictedUsd;
    this.resetsAt = options.resetsAt;
    this.period = options.period;
    this.userId = options.userId;
    this.tag = options.tag;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return ModelmuxError.hasMarker(error, marker);
  }
}

/** ` (predicted $x, spent $y)`, either part alone, or '' when neither is known. */
function spendNote(predictedUsd: number | undefined, spentUsd: number | undefined): string {
  const parts = [
    ...(predictedUsd === undefined ? [] : [`predicted ${formatUsd(predictedUsd)}`]),
    ...(spentUsd === undefined ? [] : [`spent ${formatUsd(spentUsd)}`]),
  ];
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
