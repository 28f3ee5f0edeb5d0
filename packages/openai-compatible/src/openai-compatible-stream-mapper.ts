import { ProviderError, type RateLimitInfo, type Usage } from '@modelmux/core';
import type { ProviderStreamEnd, ProviderStreamMapper } from '@modelmux/core/provider-utils';
import { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';
import type { OpenAIChatWireChunk } from './openai-chat-wire.js';
import {
  OpenAICompatibleStreamState,
  type StreamUsageOf,
} from './openai-compatible-stream-state.js';
import { providerErrorMessage } from './provider-error-message.js';

/** What the stream mapper needs besides the chunks. */
export interface OpenAICompatibleStreamMapperOptions<Chunk extends OpenAIChatWireChunk> {
  provider: string;
  model: string;
  /** Reads a chunk's usage where the vendor puts it (default: OpenAI's `usage`). */
  usageOf?: StreamUsageOf<Chunk> | undefined;
  /** Counts the request's input tokens; called only when the stream brought no usage. */
  estimateInputTokens: () => number;
  /** The vendor's remaining quota from the response headers, put on `finish`. */
  rateLimit?: RateLimitInfo | undefined;
}

/** Roughly four characters a token: the output estimate of a stream that brought no usage. */
const charsPerToken = 4;

/**
 * Reads chat completion chunks for core's `runProviderStream`: text (a refusal too), tool-call
 * deltas, then at the end the whole tool calls, the finish reason (a refusal without content is
 * `content-filter`, as in `generate`) and usage. The finish reason marks a complete answer
 * (the SDKs hide `[DONE]`); when no usage came with it (a server ignoring
 * `stream_options.include_usage`), usage is estimated and marked `usageEstimated`. Without a
 * finish reason, `end()` is undefined: the stream was cut.
 */
export function createOpenAICompatibleStreamMapper<Chunk extends OpenAIChatWireChunk>(
  options: OpenAICompatibleStreamMapperOptions<Chunk>,
): ProviderStreamMapper<Chunk> & { readonly state: OpenAICompatibleStreamState<Chunk> } {
  const { provider, model } = options;
  const state = new OpenAICompatibleStreamState<Chunk>(options.usageOf);
  return {
    state,
    push: (chunk) => {
      if (!OpenAICompatibleStreamState.isChunk(chunk)) {
        throw new ProviderError({
          kind: 'server',
          provider,
          model,
          message: providerErrorMessage({
            provider,
            model,
            kind: 'server',
            text: 'a malformed stream chunk (no `choices`)',
          }),
        });
      }
      return state.accept(chunk);
    },
    end: (): ProviderStreamEnd | undefined => {
      const finishReason = state.mappedFinishReason();
      if (!finishReason) return undefined;
      const events = state.completedToolCalls();
      const rateLimit = options.rateLimit ? { rateLimit: options.rateLimit } : {};
      if (state.usage)
        return {
          finishReason,
          usage: mapOpenAICompatibleUsage(state.usage, state.serviceTier),
          events,
          ...rateLimit,
        };
      const argsLength = events.reduce((n, e) => n + e.toolCall.rawArgs.length, 0);
      const outputTokens = Math.ceil((state.textLength + argsLength) / charsPerToken);
      const inputTokens = options.estimateInputTokens();
      const usage: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
      if (state.serviceTier) usage.serviceTier = state.serviceTier;
      return { finishReason, usage, usageEstimated: true, events, ...rateLimit };
    },
  };
}
