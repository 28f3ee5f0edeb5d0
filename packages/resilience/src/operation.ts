import type { Provider, ProviderError, RateLimitInfo, Usage } from '@modelmux/core';
import type { AttemptCall } from './attempt-call.js';
import type { Skip } from './executor-core.js';
import type { OperationName } from './executor-events.js';

/** What a plan run needs to know about generate, stream or embed. */
export interface Operation<R> {
  readonly name: OperationName;
  /** Whether the winning call stays open after the run settles (a stream being read). */
  readonly keepsCall: boolean;
  /** The model to use when the candidate names none. */
  defaultModel(provider: Provider): string | undefined;
  /** Why this provider cannot do the operation at all, or undefined. */
  unsupported(provider: Provider): Skip | undefined;
  /** Makes the call (one try, no retry) with `call.signal`. */
  call(provider: Provider, model: string | undefined, call: AttemptCall): Promise<R>;
  /** A fine answer that must still be refused (content filter, validators), or undefined. */
  inspect(
    result: R,
    provider: Provider,
    model: string | undefined,
  ): ProviderError | undefined | Promise<ProviderError | undefined>;
  /** Drops an answer that will not be used (refused, or lost a hedge). */
  discard(result: R, call: AttemptCall): void;
  /** Tokens the request needs (input + maxTokens), for the context-length row; undefined if unknown. */
  contextNeed(): number | undefined;
  /** Usage, cost and the vendor's remaining quota to report on success. */
  usageOf(result: R): {
    usage: Usage | undefined;
    costUsd: number | undefined;
    rateLimit: RateLimitInfo | undefined;
  };
}
