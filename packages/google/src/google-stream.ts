import { ProviderError, type FinishReason, type StreamEvent, type Usage } from '@modelmux/core';
import { formatProviderErrorMessage } from '@modelmux/core/provider-utils';
import { googleErrorKind } from './map-google-error.js';
import type { GeminiResponse } from './gemini-wire.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { readGoogleParts } from './map-google-response.js';
import { mapGoogleUsage, type GoogleUsageMetadata } from './map-google-usage.js';

/** The `{ error }` a stream may send instead of a chunk (a `google.rpc.Status`). */
interface StreamErrorBody {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  details?: Parameters<typeof googleErrorKind>[2];
}

/** How the stream ended: known only once a chunk carried a `finishReason` (or a prompt block). */
export interface GoogleStreamEnd {
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * Turns `streamGenerateContent` chunks into modelmux events: text parts → `text-delta`; a
 * function call (Gemini sends each whole) → one `tool-call-delta` with all its arguments, then
 * `tool-call`. Usage is the last chunk's `usageMetadata`. A `{ error }` chunk is thrown as a typed
 * `ProviderError`. `end()` is defined only once a chunk
 * carried a `finishReason` or the prompt was blocked; otherwise the stream was truncated.
 */
export class GoogleStreamMapper {
  private finishReason: string | undefined;
  private blockReason: string | undefined;
  private usage: GoogleUsageMetadata | undefined;
  private toolCount = 0;

  constructor(private readonly context: { provider: string; model: string }) {}

  /** Maps one chunk to zero or more modelmux events; a chunk holding `{ error }` throws it as a `ProviderError`. */
  push(chunk: GeminiResponse): StreamEvent[] {
    const error = (chunk as { error?: StreamErrorBody }).error;
    if (error) throw this.streamError(error);
    if (chunk.usageMetadata) this.usage = chunk.usageMetadata as GoogleUsageMetadata;
    if (chunk.promptFeedback?.blockReason) this.blockReason = chunk.promptFeedback.blockReason;
    const candidate = chunk.candidates?.[0];
    if (candidate?.finishReason) this.finishReason = candidate.finishReason;
    const { text, toolCalls } = readGoogleParts(chunk);
    const events: StreamEvent[] = [];
    if (text) events.push({ type: 'text-delta', text });
    for (const toolCall of toolCalls) {
      const index = this.toolCount++;
      events.push({
        type: 'tool-call-delta',
        index,
        id: toolCall.id,
        name: toolCall.name,
        argsDelta: toolCall.rawArgs,
      });
      events.push({ type: 'tool-call', toolCall });
    }
    return events;
  }

  private streamError(error: StreamErrorBody): ProviderError {
    const message = typeof error.message === 'string' ? error.message : 'error in the stream';
    const status = typeof error.code === 'number' ? error.code : undefined;
    const kind = googleErrorKind(
      status,
      message,
      Array.isArray(error.details) ? error.details : [],
    );
    return new ProviderError({
      ...this.context,
      kind,
      message: formatProviderErrorMessage({
        ...this.context,
        kind,
        status,
        text: `${message} (in the stream)`,
      }),
      ...(status !== undefined ? { status } : {}),
    });
  }

  /** The finish reason and usage, or `undefined` when no chunk said the answer was done. */
  end(): GoogleStreamEnd | undefined {
    if (this.finishReason === undefined && this.blockReason === undefined) return undefined;
    return {
      finishReason: mapGoogleFinishReason(this.finishReason, {
        hasToolCalls: this.toolCount > 0,
        blockReason: this.blockReason,
      }),
      usage: mapGoogleUsage(this.usage),
    };
  }
}
