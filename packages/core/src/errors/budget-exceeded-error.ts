import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.BudgetExceededError';
const symbol = Symbol.for(marker);

/** Which budget was hit. */
export type BudgetScope = 'request' | 'daily' | 'monthly';

/** A request would exceed (or has exceeded) a cost limit. */
export class BudgetExceededError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly scope: BudgetScope;
  /** The provider whose limit it is; undefined for a global limit. */
  readonly provider: string | undefined;
  readonly limitUsd: number;
  readonly spentUsd: number | undefined;
  readonly predictedUsd: number | undefined;

  constructor(options: {
    scope: BudgetScope;
    limitUsd: number;
    provider?: string;
    spentUsd?: number;
    predictedUsd?: number;
    message?: string;
  }) {
    const who = options.provider ? `provider "${options.provider}"` : 'all providers';
    super({
      name: 'ModelmuxBudgetExceededError',
      message:
        options.message ??
        `The ${options.scope} budget of $${options.limitUsd} for ${who} would be exceeded` +
          (options.predictedUsd !== undefined
            ? ` (predicted $${options.predictedUsd.toFixed(6)})`
            : '') +
          (options.spentUsd !== undefined ? ` (spent $${options.spentUsd.toFixed(6)})` : ''),
    });
    this.scope = options.scope;
    this.provider = options.provider;
    this.limitUsd = options.limitUsd;
    this.spentUsd = options.spentUsd;
    this.predictedUsd = options.predictedUsd;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
