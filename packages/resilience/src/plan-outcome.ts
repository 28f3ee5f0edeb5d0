// Pure decisions of a plan run: which provider and model a candidate names, whether an error
// ends the request, the error a run that found no winner rejects with, and the hedge delay.
import {
  AllProvidersFailedError,
  type AttemptFailure,
  NoProviderAvailableError,
  type Provider,
  type ProviderError,
} from '@modelmux/core';
import type { Lane } from './attempt-call.js';
import { isSuperseded } from './classify.js';
import type { ExecutorCore } from './executor-core.js';
import type { Candidate } from './executor-options.js';
import type { Operation } from './operation.js';

function isProvider(candidate: Candidate): candidate is Provider {
  return typeof (candidate as Provider).generate === 'function';
}

/** The provider a plan candidate names (a provider, or `{ provider, model }`). */
export function candidateProvider(candidate: Candidate): Provider {
  return isProvider(candidate) ? candidate : candidate.provider;
}

/** The model a candidate names, else the operation's default for its provider. */
export function candidateModel(
  candidate: Candidate,
  provider: Provider,
  op: Operation<unknown>,
): string | undefined {
  return (isProvider(candidate) ? undefined : candidate.model) ?? op.defaultModel(provider);
}

/**
 * The error table's `then` column: `stop` (a caller abort, not a lost hedge), `fail-fast`,
 * and `next-if-enabled` when `fallbackOn` turned that fallback off end the request.
 */
export function endsRequest(core: ExecutorCore, error: ProviderError, then: string): boolean {
  switch (then) {
    case 'stop':
      return !isSuperseded(error);
    case 'fail-fast':
      return true;
    case 'next-if-enabled':
      return error.kind === 'content_filter'
        ? !core.fallbackOnContentFilter
        : !core.fallbackOnQuality;
    default:
      return false;
  }
}

/**
 * What a run that ended without a winner rejects with: `AllProvidersFailedError` (saying so
 * when the deadline passed), or `NoProviderAvailableError` when every candidate was skipped.
 */
export function planFailure(
  failures: AttemptFailure[],
  calls: number,
  deadlinePassed: boolean,
  deadlineMs: number | undefined,
): Error {
  if (deadlinePassed) {
    const plain = new AllProvidersFailedError({ attempts: failures });
    return new AllProvidersFailedError({
      attempts: failures,
      message: `The request's ${deadlineMs}ms deadline passed. ${plain.message}`,
    });
  }
  if (calls === 0)
    return new NoProviderAvailableError({
      excluded: failures.map((f) => ({
        provider: f.provider,
        reason: f.message.replace(/^skipped: /, ''),
      })),
    });
  return new AllProvidersFailedError({ attempts: failures });
}

/** How long to wait before hedging `lane`: the fixed delay, or its p95 once it has samples. */
export function hedgeDelayMs(hedge: NonNullable<ExecutorCore['hedge']>, lane: Lane): number {
  if (hedge.delayMs !== 'p95') return hedge.delayMs;
  const reservoir = lane.entry.reservoir;
  return reservoir && reservoir.length >= hedge.minSamples
    ? (reservoir.p95() ?? hedge.initialDelayMs)
    : hedge.initialDelayMs;
}
