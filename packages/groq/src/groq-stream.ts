import { ProviderError, type StreamEvent, type Usage } from '@modelmux/core';
import type { Stream } from 'groq-sdk/core/streaming';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { createCallSignal } from '@modelmux/core';
import { mapGroqError, type GroqErrorContext } from './map-groq-error.js';
import { mapGroqFinishReason } from './map-groq-finish-reason.js';
import { mapGroqUsage } from './map-groq-usage.js';
import { GroqStreamState } from './groq-stream-state.js';

/** What `streamGroqChat` needs: how to open the SDK stream, who is calling, the timeout, and how to price usage. */
export interface GroqStreamOptions {
  /** Opens the SDK stream with the call's signal (the caller's, combined with our timeout). */
  open: (signal: AbortSignal) => Promise<Stream<ChatCompletionChunk>>;
  /** Provider, model and the caller's signal. */
  context: Omit<GroqErrorContext, 'timedOut'>;
  /** An idle timeout: the longest wait for the response, then between two chunks. */
  timeoutMs?: number | undefined;
  cost: (models: readonly (string | undefined)[], usage: Usage) => number | undefined;
}

/**
 * Runs one streamed chat completion as modelmux events. The request (and the timeout) starts
 * on the first `next()`; `return()` (the consumer breaks) aborts the HTTP request. A stream
 * that ends without a finish reason or usage, a malformed chunk, a dropped connection, an
 * abort or an idle timeout throws a `ProviderError`: a cut answer is never passed off as whole.
 */
export async function* streamGroqChat({ open, context: caller, timeoutMs, cost }: GroqStreamOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider, model: requestedModel } = caller;
  const call = createCallSignal(caller.signal, timeoutMs);
  const context: GroqErrorContext = { ...caller, timedOut: call.timedOut };
  const state = new GroqStreamState();
  let ended = false;
  try {
    let sdkStream: Stream<ChatCompletionChunk>;
    try {
      sdkStream = await open(call.signal);
    } catch (error) {
      ended = true;
      throw mapGroqError(error, context);
    }
    try {
      for await (const chunk of sdkStream) {
        call.touch();
        if (!GroqStreamState.isChunk(chunk)) {
          throw new ProviderError({ kind: 'server', provider, model: requestedModel, message: `${provider} (${requestedModel}) sent a malformed stream chunk` });
        }
        yield* state.accept(chunk);
      }
      ended = true;
    } catch (error) {
      ended = true;
      throw mapGroqError(error, context);
    }
  } finally {
    // The consumer stopped early (break / return()): abort the HTTP request.
    if (!ended) call.abort();
    call.dispose();
  }
  // The SDK ends the iteration quietly when its signal fires mid-body (the caller or our timer).
  if (call.signal.aborted) throw mapGroqError(call.signal.reason, context);
  const model = state.model ?? requestedModel;
  if (!state.finishReason || !state.usage) {
    throw new ProviderError({
      kind: 'network',
      provider,
      model,
      message: `${provider} (${model}): the stream ended without ${state.finishReason ? 'usage' : 'a finish reason'} (truncated)`,
    });
  }
  yield* state.completedToolCalls();
  const usage = mapGroqUsage(state.usage);
  yield { type: 'finish', finishReason: mapGroqFinishReason(state.finishReason), usage, provider, model, costUsd: cost([model, requestedModel], usage) };
}
