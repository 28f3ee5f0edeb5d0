import { ProviderError, type StreamEvent, type Usage } from '@modelmux/core';
import type { Stream } from 'openai/core/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { mapOpenAIError, type OpenAIErrorContext } from './map-openai-error.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage } from './map-openai-usage.js';
import { OpenAIStreamState } from './openai-stream-state.js';

/** What `streamOpenAIChat` needs: how to open the SDK stream, who is calling, and how to price usage. */
export interface OpenAIStreamOptions {
  open: () => Promise<Stream<ChatCompletionChunk>>;
  context: OpenAIErrorContext;
  cost: (models: readonly (string | undefined)[], usage: Usage) => number | undefined;
}

/**
 * Runs one streamed chat completion as modelmux events. The request starts on the first
 * `next()`; `return()` (the consumer breaks) aborts the HTTP request. A stream that ends
 * without a finish reason or usage, a malformed chunk, or a dropped connection throws a
 * `ProviderError`: a cut answer is never passed off as whole.
 */
export async function* streamOpenAIChat({ open, context, cost }: OpenAIStreamOptions): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider, model: requestedModel } = context;
  let sdkStream: Stream<ChatCompletionChunk>;
  try {
    sdkStream = await open();
  } catch (error) {
    throw mapOpenAIError(error, context);
  }
  const state = new OpenAIStreamState();
  let ended = false;
  try {
    for await (const chunk of sdkStream) {
      if (!OpenAIStreamState.isChunk(chunk)) {
        throw new ProviderError({ kind: 'server', provider, model: requestedModel, message: `${provider} (${requestedModel}) sent a malformed stream chunk` });
      }
      yield* state.accept(chunk);
    }
    ended = true;
  } catch (error) {
    ended = true;
    throw mapOpenAIError(error, context);
  } finally {
    // The consumer stopped early (break / return()): abort the HTTP request.
    if (!ended) sdkStream.controller.abort();
  }
  // The SDK ends the iteration quietly when the request is aborted mid-body.
  if (context.signal?.aborted) throw mapOpenAIError(context.signal.reason, context);
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
  const usage = mapOpenAIUsage(state.usage);
  yield { type: 'finish', finishReason: mapOpenAIFinishReason(state.finishReason), usage, provider, model, costUsd: cost([model, requestedModel], usage) };
}
