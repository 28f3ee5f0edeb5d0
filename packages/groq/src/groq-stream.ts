import { ProviderError, type StreamEvent, type Usage } from '@modelmux/core';
import type { Stream } from 'groq-sdk/core/streaming';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { mapGroqError, type GroqErrorContext } from './map-groq-error.js';
import { mapGroqFinishReason } from './map-groq-finish-reason.js';
import { mapGroqUsage } from './map-groq-usage.js';
import { GroqStreamState } from './groq-stream-state.js';

/** What `streamGroqChat` needs: how to open the SDK stream, who is calling, and how to price usage. */
export interface GroqStreamOptions {
  open: () => Promise<Stream<ChatCompletionChunk>>;
  context: GroqErrorContext;
  cost: (models: readonly (string | undefined)[], usage: Usage) => number | undefined;
}

/**
 * Runs one streamed chat completion as modelmux events. The request starts on the first
 * `next()`; `return()` (the consumer breaks) aborts the HTTP request. A stream that ends
 * without a finish reason or usage, a malformed chunk, or a dropped connection throws a
 * `ProviderError`: a cut answer is never passed off as whole.
 */
export async function* streamGroqChat({ open, context, cost }: GroqStreamOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider, model: requestedModel } = context;
  let sdkStream: Stream<ChatCompletionChunk>;
  try {
    sdkStream = await open();
  } catch (error) {
    throw mapGroqError(error, context);
  }
  const state = new GroqStreamState();
  let ended = false;
  try {
    for await (const chunk of sdkStream) {
      if (!GroqStreamState.isChunk(chunk)) {
        throw new ProviderError({ kind: 'server', provider, model: requestedModel, message: `${provider} (${requestedModel}) sent a malformed stream chunk` });
      }
      yield* state.accept(chunk);
    }
    ended = true;
  } catch (error) {
    ended = true;
    throw mapGroqError(error, context);
  } finally {
    // The consumer stopped early (break / return()): abort the HTTP request.
    if (!ended) sdkStream.controller.abort();
  }
  // The SDK ends the iteration quietly when the request is aborted mid-body.
  if (context.signal?.aborted) throw mapGroqError(context.signal.reason, context);
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
