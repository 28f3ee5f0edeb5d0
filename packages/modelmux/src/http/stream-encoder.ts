import type { FinishEvent, StreamEvent, ToolCall } from '@modelmux/core';
import type { HttpError } from './http-error.js';

/** Writes one wire format's stream: what to send first, per event, at the end, and on failure. */
export interface StreamEncoder {
  start(): string;
  event(event: StreamEvent): string;
  /** After the finish event (OpenAI's usage chunk and `[DONE]`). */
  end(): string;
  error(error: HttpError): string;
}

/** One streamed tool call, as both wire formats number them: 0, 1, 2… in order of arrival. */
export interface ToolSlot {
  index: number;
  id: string;
  name: string;
  /** Whether its argument text was streamed (so a final `tool-call` event adds nothing). */
  streamed: boolean;
}

/**
 * Numbers streamed tool calls the way OpenAI and Anthropic clients expect (0, 1, 2… whatever the
 * upstream vendor's own indices were) and tells whether a complete `tool-call` event still has
 * to be written (an adapter that sends no deltas). Shared by both encoders.
 */
export class ToolCallSlots {
  private readonly byIndex = new Map<number, ToolSlot>();
  /** Streamed slots in order, for matching the complete `tool-call` events that follow them. */
  private readonly streamed: ToolSlot[] = [];
  private matched = 0;
  private next = 0;

  /** The slot of a delta; `fresh` when this delta opens it. */
  delta(
    index: number,
    id: string | undefined,
    name: string | undefined,
  ): { slot: ToolSlot; fresh: boolean } {
    const known = this.byIndex.get(index);
    if (known) return { slot: known, fresh: false };
    const slot: ToolSlot = {
      index: this.next++,
      id: id ?? `call_${index}`,
      name: name ?? '',
      streamed: true,
    };
    this.byIndex.set(index, slot);
    this.streamed.push(slot);
    return { slot, fresh: true };
  }

  /**
   * A complete call: undefined when its deltas were already written (the n-th complete call
   * closes the n-th streamed slot, whatever ids the deltas carried), else a new slot to write.
   */
  complete(call: ToolCall): ToolSlot | undefined {
    if (this.matched < this.streamed.length) {
      this.matched++;
      return undefined;
    }
    return { index: this.next++, id: call.id, name: call.name, streamed: false };
  }
}

/** The JSON text of a structured answer whose text was not streamed (some vendors' JSON modes). */
export function objectText(finish: FinishEvent, textSent: boolean): string | undefined {
  return !textSent && finish.object !== undefined ? JSON.stringify(finish.object) : undefined;
}
