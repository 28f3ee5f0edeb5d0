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
  const notMoney = denial.scope === 'rpm' || denial.scope === 'tpm' || denial.scope === 'store';
  return new BudgetExceededError({
    scope,
    limitUsd: denial.limitUsd,
    ...(!notMoney && { spentUsd: denial.spentUsd }),
    ...(first.predicted !== undefined && !notMoney && { predictedUsd: first.predicted }),
    ...(denial.resetsAt !== undefined && { resetsAt: denial.resetsAt }),
    ...(denial.provider !== undefined && { provider: denial.provider }),
    ...(denial.period !== undefined && { period: denial.period }),
    ...(denial.userId !== undefined && { userId: denial.userId }),
    ...(denial.tag !== undefined && { tag: denial.tag }),
    // A client-side rate limit or a store outage is not a money budget: say what it is.
    ...(notMoney && {
      message:
        denial.scope === 'store'
          ? `No provider was called: the ${denial.reason} (onStoreError: 'fail-closed')`
          : `No provider was called: the ${denial.reason}`,
    }),
    cause: error,
  });
}
