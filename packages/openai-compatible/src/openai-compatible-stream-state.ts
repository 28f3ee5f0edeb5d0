import type { FinishReason, StreamEvent, ToolCallEvent } from '@modelmux/core';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import type { OpenAIChatWireChunk, OpenAIChatWireUsage } from './openai-chat-wire.js';
import { parseToolCall } from './parse-tool-call.js';

interface PendingToolCall {
  id: string | undefined;
  name: string;
  rawArgs: string;
}

/** Where a vendor puts usage in its stream chunks (OpenAI: `usage` on a last chunk with no choices). */
export type StreamUsageOf<Chunk extends OpenAIChatWireChunk> = (
  chunk: Chunk,
) => OpenAIChatWireUsage | null | undefined;

/**
 * Folds chat completion chunks into modelmux events: text and tool-call deltas as they come,
 * and what the `finish` event needs (finish reason, usage, model) once the stream ends.
 */
export class OpenAICompatibleStreamState<Chunk extends OpenAIChatWireChunk = OpenAIChatWireChunk> {
  finishReason: string | undefined;
  /** True once a chunk carried answer text (`delta.content`). */
  sawContent = false;
  /** True once a chunk carried a refusal (`delta.refusal`, OpenAI's structured outputs). */
  sawRefusal = false;
  /** The characters of text streamed (content and refusal), for an estimate when usage never comes. */
  textLength = 0;
  usage: OpenAIChatWireUsage | undefined;
  model: string | undefined;
  /** The `service_tier` the chunks named (OpenAI), for pricing. */
  serviceTier: string | undefined;
  private readonly toolCalls = new Map<number, PendingToolCall>();
  private readonly usageOf: StreamUsageOf<Chunk>;

  /** `usageOf` reads a chunk's usage where the vendor puts it (default: OpenAI's `usage`). */
  constructor(usageOf: StreamUsageOf<Chunk> = (chunk) => chunk.usage) {
    this.usageOf = usageOf;
  }

  /** True when `chunk` has the shape of a chat completion chunk (a `choices` array). */
  static isChunk(chunk: unknown): chunk is OpenAIChatWireChunk {
    return (
      typeof chunk === 'object' &&
      chunk !== null &&
      Array.isArray((chunk as { choices?: unknown }).choices)
    );
  }

  /** Takes one chunk; returns the delta events it carries. */
  accept(chunk: Chunk): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (chunk.model) this.model = chunk.model;
    if (chunk.service_tier) this.serviceTier = chunk.service_tier;
    const usage = this.usageOf(chunk);
    if (usage) this.usage = usage;
    // Choice 0 only: a server that sends more choices unasked (ignoring `n`) interleaves their
    // chunks, and their text must not be mixed into the answer.
    const choice = chunk.choices.find((c) => (c.index ?? 0) === 0);
    if (!choice) return events;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content !== '') {
      this.sawContent = true;
      this.textLength += delta.content.length;
      events.push({ type: 'text-delta', text: delta.content });
    }
    // A refusal streams as text, like `generate` reports it; the finish becomes content-filter.
    if (typeof delta.refusal === 'string' && delta.refusal !== '') {
      this.sawRefusal = true;
      this.textLength += delta.refusal.length;
      events.push({ type: 'text-delta', text: delta.refusal });
    }
    for (const call of delta.tool_calls ?? []) {
      const pending = this.toolCalls.get(call.index) ?? { id: undefined, name: '', rawArgs: '' };
      if (call.id) pending.id = call.id;
      if (call.function?.name) pending.name += call.function.name;
      const argsDelta = call.function?.arguments ?? '';
      pending.rawArgs += argsDelta;
      this.toolCalls.set(call.index, pending);
      events.push({
        type: 'tool-call-delta',
        index: call.index,
        ...(call.id ? { id: call.id } : {}),
        ...(call.function?.name ? { name: call.function.name } : {}),
        argsDelta,
      });
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return events;
  }

  /** The finish reason: a refusal without content is `content-filter`, as in `generate`. */
  mappedFinishReason(): FinishReason | undefined {
    if (!this.finishReason) return undefined;
    if (this.sawRefusal && !this.sawContent) return 'content-filter';
    return mapOpenAICompatibleFinishReason(this.finishReason);
  }

  /** The complete tool calls, in index order, once their arguments are whole. */
  completedToolCalls(): ToolCallEvent[] {
    return [...this.toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        type: 'tool-call',
        toolCall: parseToolCall(call.id ?? `call_${index}`, call.name, call.rawArgs),
      }));
  }
}
