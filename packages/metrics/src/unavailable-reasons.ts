// Why a provider cannot take a request now, for `getProviderStatus()`: read from the provider,
// the executor's status and the budget guard. Times are ISO strings; messages hold no secret.
import { type BudgetDenial, type Provider, redactSecrets } from '@modelmux/core';
import type { MetricsExecutor, UnavailableReason } from './metrics-types.js';

/** One provider's entry of the executor's `status()`. */
export type ExecutorProviderStatus = ReturnType<MetricsExecutor['status']>[number];

/** `now + ms` as ISO 8601, or undefined. */
function atIso(now: number, ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(now + ms).toISOString();
}

/**
 * The reasons a provider is unavailable, in a fixed order: no key, breaker open, cooling down,
 * marked unavailable, budget spent. Empty when it is available.
 */
export function unavailableReasons(
  provider: Provider | undefined,
  status: ExecutorProviderStatus | undefined,
  denial: BudgetDenial | undefined,
  now: number,
): UnavailableReason[] {
  const reasons: UnavailableReason[] = [];
  if (provider && !provider.isAvailable())
    reasons.push({ code: 'no_key', message: 'not configured (no API key or endpoint)' });
  if (status) {
    if (status.breaker === 'open') {
      const until = atIso(now, status.breakerRetryAfterMs);
      reasons.push({
        code: 'breaker_open',
        message: until ? `circuit breaker open until ${until}` : 'circuit breaker open',
        ...(until ? { until } : {}),
      });
    }
    const coolingMs = status.coolDownRemainingMs;
    if (coolingMs !== undefined && coolingMs > 0) {
      const until = atIso(now, coolingMs);
      reasons.push({
        code: 'cooling_down',
        message: `cooling down after ${status.coolDownKind ?? 'rate_limit'} until ${until}`,
        until,
      });
    }
    if (status.unavailable) {
      const until = atIso(now, status.unavailable.remainingMs);
      reasons.push({
        code: 'unavailable',
        message: `unavailable (${status.unavailable.kind}): ${redactSecrets(status.unavailable.reason)}`,
        ...(until ? { until } : {}),
      });
    }
  }
  if (denial)
    reasons.push({
      code: 'budget',
      message: `budget spent: ${denial.reason}`,
      ...(denial.resetsAt === undefined ? {} : { until: new Date(denial.resetsAt).toISOString() }),
    });
  return reasons;
}
