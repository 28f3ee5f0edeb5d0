import {
  ProviderError,
  runProviderStream,
  type ProviderStreamMapper,
  type StreamEvent,
} from '@modelmux/core';
import type { OpenAICompatibleErrorContext } from './map-openai-compatible-error.js';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';
import type { CostOfModels } from './openai-compatible-cost.js';
import {
  OpenAICompatibleStreamState,
  type StreamUsageOf,
} from './openai-compatible-stream-state.js';
import type { OpenAIChatWireChunk } from './openai-chat-wire.js';

/** What a vendor's stream function is given: how to open the SDK stream, who is calling, the timeout, and how to price usage. */
export interface OpenAICompatibleStreamCall<
  Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk,
> {
  /** Opens the SDK stream with the call's signal (the caller's, combined with our timeout). */
  open: (signal: AbortSignal) => Promise<AsyncIterable<Chunk>>;
  /** Provider, model and the caller's signal. */
  context: Omit<OpenAICompatibleErrorContext, 'timedOut'>;
  /** An idle timeout: the longest wait for the response, then between two chunks. */
  timeoutMs?: number | undefined;
  cost: CostOfModels;
}

/** `OpenAICompatibleStreamCall` plus the vendor's parts: its error mapper and where its chunks carry usage. */
export interface OpenAICompatibleStreamOptions<
  Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk,
> extends OpenAICompatibleStreamCall<Chunk> {
  /** The adapter's error mapper (it knows its SDK's error classes). */
  mapError: (error: unknown, context: OpenAICompatibleErrorContext) => ProviderError;
  /** Reads a chunk's usage (default: OpenAI's `usage` field). */
  usageOf?: StreamUsageOf<Chunk>;
}

/**
 * Runs one streamed chat completion as modelmux events, on core's `runProviderStream`. The
 * request (and the timeout) starts on the first `next()`; `return()` (the consumer breaks)
 * aborts the HTTP request. A stream that ends without a finish reason or usage, a malformed
 * chunk, a dropped connection, an abort or an idle timeout throws a `ProviderError`: a cut
 * answer is never passed off as whole. The complete tool calls come just before `finish`.
 */
export function streamOpenAICompatibleChat<Chunk extends OpenAIChatWireChunk>(
  options: OpenAICompatibleStreamOptions<Chunk>,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { open, context: caller, timeoutMs, cost, mapError } = options;
  const { provider, model: requestedModel } = caller;
  const state = new OpenAICompatibleStreamState<Chunk>(options.usageOf);
  const mapper: ProviderStreamMapper<Chunk> = {
    push: (chunk) => {
      if (!OpenAICompatibleStreamState.isChunk(chunk)) {
        throw new ProviderError({
          kind: 'server',
          provider,
          model: requestedModel,
          message: `${provider} (${requestedModel}) sent a malformed stream chunk`,
        });
      }
      return state.accept(chunk);
    },
    end: () =>
      state.finishReason && state.usage
        ? {
            finishReason: mapOpenAICompatibleFinishReason(state.finishReason),
            usage: mapOpenAICompatibleUsage(state.usage),
            events: state.completedToolCalls(),
          }
        : undefined,
  };
  return runProviderStream<Chunk>({
    provider,
    model: requestedModel,
    signal: caller.signal,
    timeoutMs,
    open: async (signal) => ({ chunks: await open(signal), mapper }),
    modelOf: (chunk) => chunk.model,
    mapError: (error, call) => mapError(error, { ...caller, timedOut: call.timedOut }),
    cost: (model, usage) => cost([model, requestedModel], usage),
    truncatedMessage: (model) =>
      `${provider} (${model}): the stream ended without ${state.finishReason ? 'usage' : 'a finish reason'} (truncated)`,
  });
}
