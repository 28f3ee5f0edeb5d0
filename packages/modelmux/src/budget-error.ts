import {
  BudgetExceededError,
  type BudgetScope,
  type ChatRequest,
  type EmbedRequest,
  NoProviderAvailableError,
  predictCost,
} from '@modelmux/core';
import type { Stack } from './stack.js';

/**
 * When the router left every provider out for budget reasons, the caller gets a
 * `BudgetExceededError` naming the limit, the spend and when it resets (the first provider's),
 * instead of the router's `NoProviderAvailableError`. Runs only on that failure path.
 */
export function budgetErrorFromPlan(
  error: unknown,
  request: ChatRequest | EmbedRequest,
  stack: Stack,
): BudgetExceededError | undefined {
  if (!NoProviderAvailableError.isInstance(error) || error.excluded.length === 0) return undefined;
  const denials = error.excluded.map(({ provider: name }) => {
    const entry = stack.entries.find((e) => e.provider.name === name);
    if (!entry) return undefined;
    const predicted =
      'messages' in request
        ? predictCost(
            entry.model ?? request.model ?? entry.provider.defaultModel,
            request,
            stack.catalogue,
            { inputTokens: stack.router.countTokens(request) },
          )?.maxUsd
        : undefined;
    const denial = stack.budgets.guard.check(name, predicted, request.metadata);
    return denial && { name, predicted, denial };
  });
  if (denials.some((d) => d === undefined)) return undefined;
  const first = denials[0];
  if (!first) return undefined;
  const { denial } = first;
  const scope = denial.scope as BudgetScope;
  return new BudgetExceededError({
    scope,
    limitUsd: denial.limitUsd,
    spentUsd: denial.spentUsd,
    ...(first.predicted !== undefined && { predictedUsd: first.predicted }),
    ...(denial.resetsAt !== undefined && { resetsAt: denial.resetsAt }),
    ...(scope !== 'user' && scope !== 'tag' && { provider: first.name }),
    ...(scope === 'user' &&
      typeof request.metadata?.userId === 'string' && { userId: request.metadata.userId }),
    cause: error,
  });
}
