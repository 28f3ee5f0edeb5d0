import {
  type ChatInput,
  type ChatRequest,
  type ChatResult,
  ProviderError,
  type StreamEvent,
  StreamInterruptedError,
  toChatRequest,
} from '@modelmux/core';
import { abortReasons, raceSignal } from './abort.js';
import { checkCandidates } from './check-candidates.js';
import { classifyFailure } from './classify.js';
import type { ExecutorCore } from './executor-core.js';
import type { Candidate } from './executor-options.js';
import { type StreamStart, StreamOperation } from './operations.js';
import { PlanRun } from './plan-run.js';

/**
 * Streams through the plan. Retries and fallbacks happen only before the first event is
 * released; after it, a failure ends the stream with `StreamInterruptedError` (partial text).
 * The deadline covers the whole stream; `timeoutMs` covers the time to the first event.
 * Breaking out of the loop aborts the provider's request and closes its stream.
 */
export async function* streamThroughPlan(
  core: ExecutorCore,
  candidates: readonly Candidate[],
  input: ChatInput,
  deadlineMs: () => number | undefined,
  fallback: (error: unknown, request: ChatRequest<unknown>) => Promise<ChatResult | undefined>,
): AsyncGenerator<StreamEvent, void, undefined> {
  checkCandidates(candidates);
  const request = toChatRequest(input);
  const run = new PlanRun<StreamStart>(
    core,
    new StreamOperation(core, request),
    candidates,
    request.signal,
    deadlineMs(),
  );
  let start: StreamStart;
  try {
    start = await run.execute();
  } catch (error) {
    run.dispose();
    const answer = await fallback(error, request);
    if (!answer) throw error;
    yield* resultAsEvents(answer);
    return;
  }
  const lane = run.winner;
  const call = lane?.call;
  if (!lane || !call) throw new Error('modelmux: a stream run settled without a winner (bug)');
  const iterator = start.iterator;
  const provider = lane.provider.name;
  const model = lane.model;
  let event = start.first;
  let text = '';
  let state: 'reading' | 'finished' | 'failed' = 'reading';
  try {
    for (;;) {
      if (event.type === 'text-delta') {
        text += event.text;
      } else if (event.type === 'finish') {
        // Complete: a consumer that stops at the finish event has the whole answer.
        state = 'finished';
        if (core.success.hasListeners) {
          core.success.emit({
            operation: 'stream',
            provider,
            model,
            durationMs: core.now() - call.startedAt,
            attempt: lane.attempt,
            usage: event.usage,
            costUsd: event.costUsd,
            rateLimit: event.rateLimit,
          });
        }
        yield event;
        break;
      }
      yield event;
      let next: IteratorResult<StreamEvent>;
      try {
        next = await raceSignal(iterator.next(), call.signal);
      } catch (thrown) {
        state = 'failed';
        const error = classifyFailure(thrown, call.signal, run.siteOf(lane)) as ProviderError;
        throw interrupted(core, provider, model, text, error, call.startedAt, lane.attempt);
      }
      if (next.done) {
        state = 'failed';
        const error = new ProviderError({
          kind: 'network',
          provider,
          model,
          message: 'The stream ended without a finish event (truncated)',
        });
        throw interrupted(core, provider, model, text, error, call.startedAt, lane.attempt);
      }
      event = next.value;
    }
  } finally {
    if (state === 'reading') {
      // The consumer stopped early (break, return, throw): abort the request, close the stream.
      call.abort(abortReasons.consumerStopped);
      if (core.failure.hasListeners) {
        const error = classifyFailure(undefined, call.signal, run.siteOf(lane)) as ProviderError;
        core.failure.emit({
          operation: 'stream',
          provider,
          model,
          durationMs: core.now() - call.startedAt,
          attempt: lane.attempt,
          kind: error.kind,
          status: undefined,
          error,
          hedgeLost: false,
        });
      }
    } else {
      call.closeIterator();
    }
    run.dispose();
  }
}

function interrupted(
  core: ExecutorCore,
  provider: string,
  model: string | undefined,
  partialText: string,
  error: ProviderError,
  startedAt: number,
  attempt: number,
): StreamInterruptedError {
  const durationMs = core.now() - startedAt;
  if (core.failure.hasListeners) {
    core.failure.emit({
      operation: 'stream',
      provider,
      model,
      durationMs,
      attempt,
      kind: error.kind,
      status: error.status,
      error,
      hedgeLost: false,
    });
  }
  // Rate limits and auth failures mid-stream still update the provider's state. The breaker
  // judged this call at its first event and does not count it again (documented).
  if (error.kind !== 'aborted') core.applyFailure(provider, model, error);
  return new StreamInterruptedError({ provider, model, partialText, cause: error });
}

/** A whole answer as stream events (for `fallbackResponse` on a stream). */
function* resultAsEvents(result: ChatResult): Generator<StreamEvent> {
  if (result.text) yield { type: 'text-delta', text: result.text };
  for (const toolCall of result.toolCalls) yield { type: 'tool-call', toolCall };
  yield {
    type: 'finish',
    finishReason: result.finishReason,
    usage: result.usage,
    provider: result.provider,
    model: result.model,
    costUsd: result.costUsd,
  };
}
