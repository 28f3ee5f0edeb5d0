import type { GenerateContentResponse } from '@google/generative-ai';
import type { FinishReason, StreamEvent, Usage } from '@modelmux/core';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { readGoogleParts } from './map-google-response.js';
import { mapGoogleUsage, type GoogleUsageMetadata } from './map-google-usage.js';

/** How the stream ended: known only once a chunk carried a `finishReason` (or a prompt block). */
export interface GoogleStreamEnd {
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * Turns `streamGenerateContent` chunks into modelmux events: text parts → `text-delta`; a
 * function call (Gemini sends each whole) → one `tool-call-delta` with all its arguments, then
 * `tool-call`. Usage is the last chunk's `usageMetadata`. `end()` is defined only once a chunk
 * carried a `finishReason` or the prompt was blocked; otherwise the stream was truncated.
 */
export class GoogleStreamMapper {
  private finishReason: string | undefined;
  private blockReason: string | undefined;
  private usage: GoogleUsageMetadata | undefined;
  private toolCount = 0;

  /** Maps one chunk to zero or more modelmux events. */
  push(chunk: GenerateContentResponse): StreamEvent[] {
    if (chunk.usageMetadata) this.usage = chunk.usageMetadata as GoogleUsageMetadata;
    if (chunk.promptFeedback?.blockReason) this.blockReason = chunk.promptFeedback.blockReason;
    const candidate = chunk.candidates?.[0];
    if (candidate?.finishReason) this.finishReason = candidate.finishReason;
    const { text, toolCalls } = readGoogleParts(chunk);
    const events: StreamEvent[] = [];
    if (text) events.push({ type: 'text-delta', text });
    for (const toolCall of toolCalls) {
      const index = this.toolCount++;
      events.push({ type: 'tool-call-delta', index, id: toolCall.id, name: toolCall.name, argsDelta: toolCall.rawArgs });
      events.push({ type: 'tool-call', toolCall });
    }
    return events;
  }

  /** The finish reason and usage, or `undefined` when no chunk said the answer was done. */
  end(): GoogleStreamEnd | undefined {
    if (this.finishReason === undefined && this.blockReason === undefined) return undefined;
    return {
      finishReason: mapGoogleFinishReason(this.finishReason, { hasToolCalls: this.toolCount > 0, blockReason: this.blockReason }),
      usage: mapGoogleUsage(this.usage),
    };
  }
}
