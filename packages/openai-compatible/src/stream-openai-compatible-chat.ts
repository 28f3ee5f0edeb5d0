import { createCallSignal, ProviderError, type StreamEvent } from '@modelmux/core';
import type { OpenAICompatibleErrorContext } from './map-openai-compatible-error.js';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';
import type { CostOfModels } from './openai-compatible-cost.js';
import { OpenAICompatibleStreamState, type StreamUsageOf } from './openai-compatible-stream-state.js';
import type { OpenAIChatWireChunk } from './openai-chat-wire.js';

/** What a vendor's stream function is given: how to open the SDK stream, who is calling, the timeout, and how to price usage. */
export interface OpenAICompatibleStreamCall<Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk> {
  /** Opens the SDK stream with the call's signal (the caller's, combined with our timeout). */
  open: (signal: AbortSignal) => Promise<AsyncIterable<Chunk>>;
  /** Provider, model and the caller's signal. */
  context: Omit<OpenAICompatibleErrorContext, 'timedOut'>;
  /** An idle timeout: the longest wait for the response, then between two chunks. */
  timeoutMs?: number | undefined;
  cost: CostOfModels;
}

/** `OpenAICompatibleStreamCall` plus the vendor's parts: its error mapper and where its chunks carry usage. */
export interface OpenAICompatibleStreamOptions<Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk> extends OpenAICompatibleStreamCall<Chunk> {
  /** The adapter's error mapper (it knows its SDK's error classes). */
  mapError: (error: unknown, context: OpenAICompatibleErrorContext) => ProviderError;
  /** Reads a chunk's usage (default: OpenAI's `usage` field). */
  usageOf?: StreamUsageOf<Chunk>;
}

/**
 * Runs one streamed chat completion as modelmux events. The request (and the timeout) starts
 * on the first `next()`; `return()` (the consumer breaks) aborts the HTTP request. A stream
 * that ends without a finish reason or usage, a malformed chunk, a dropped connection, an
 * abort or an idle timeout throws a `ProviderError`: a cut answer is never passed off as whole.
 */
export async function* streamOpenAICompatibleChat<Chunk extends OpenAIChatWireChunk>(
  options: OpenAICompatibleStreamOptions<Chunk>,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { open, context: caller, timeoutMs, cost, mapError } = options;
  const { provider, model: requestedModel } = caller;
  const call = createCallSignal(caller.signal, timeoutMs);
  const context: OpenAICompatibleErrorContext = { ...caller, timedOut: call.timedOut };
  const state = new OpenAICompatibleStreamState<Chunk>(options.usageOf);
  let ended = false;
  try {
    let sdkStream: AsyncIterable<Chunk>;
    try {
      sdkStream = await open(call.signal);
    } catch (error) {
      ended = true;
      throw mapError(error, context);
    }
    try {
      for await (const chunk of sdkStream) {
        call.touch();
        if (!OpenAICompatibleStreamState.isChunk(chunk)) {
          throw new ProviderError({ kind: 'server', provider, model: requestedModel, message: `${provider} (${requestedModel}) sent a malformed stream chunk` });
        }
        yield* state.accept(chunk);
      }
      ended = true;
    } catch (error) {
      ended = true;
      throw mapError(error, context);
    }
  } finally {
    // The consumer stopped early (break / return()): abort the HTTP request.
    if (!ended) call.abort();
    call.dispose();
  }
  // The SDKs end the iteration quietly when their signal fires mid-body (the caller or our timer).
  if (call.signal.aborted) throw mapError(call.signal.reason, context);
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
  const usage = mapOpenAICompatibleUsage(state.usage);
  yield { type: 'finish', finishReason: mapOpenAICompatibleFinishReason(state.finishReason), usage, provider, model, costUsd: cost([model, requestedModel], usage) };
}
