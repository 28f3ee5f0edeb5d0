import type { ProviderError } from '@modelmux/core';
import type { Lane } from './attempt-call.js';
import { backoffDelayMs } from './backoff.js';
import { isDeadlineCut, isSuperseded } from './classify.js';
import { type ExecutorCore, sameProviderRetryKinds } from './executor-core.js';

// The two decisions of the error table that depend only on the failure: retry on the same
// provider (and after how long), and whether the whole request ends here.

/**
 * The wait before retrying `error` on the same lane, or undefined to move on: only server,
 * overloaded, timeout and network failures the adapter calls retryable, up to `maxRetries`,
 * while the breaker allows, waiting at least `retryAfterMs` (a longer ask than
 * `maxRetryAfterMs` cools the provider down instead), and never past the deadline.
 */
export function retryDelayMs(
  core: ExecutorCore,
  lane: Lane,
  error: ProviderError,
  deadlineAt: number,
): number | undefined {
  if (!error.isRetryable || !sameProviderRetryKinds.has(error.kind) || isDeadlineCut(error))
    return undefined;
  if (lane.attempt >= core.maxRetries) return undefined;
  if (lane.entry.breaker && !lane.entry.breaker.allowsCall()) return undefined;
  let delayMs = backoffDelayMs(lane.attempt, core.baseDelayMs, core.maxDelayMs, core.random);
  const retryAfter = error.retryAfterMs;
  if (retryAfter !== undefined) {
    if (retryAfter > core.maxRetryAfterMs) {
      core.startCoolDown(lane.provider.name, retryAfter, error.kind, retryAfter);
      return undefined;
    }
    if (retryAfter > delayMs) delayMs = retryAfter;
  }
  if (core.now() + delayMs >= deadlineAt) return undefined;
  return delayMs;
}

/**
 * True when the failure ends the request at once, with no other provider: a caller abort, a bad
 * request (every provider would reject it), or a content-filter / quality failure whose
 * fallback is turned off.
 */
export function endsRequest(core: ExecutorCore, error: ProviderError): boolean {
  switch (error.kind) {
    case 'aborted':
      return !isSuperseded(error);
    case 'bad_request':
      return true;
    case 'content_filter':
      return !core.fallbackOnContentFilter;
    case 'quality':
      return !core.fallbackOnQuality;
    default:
      return false;
  }
}
