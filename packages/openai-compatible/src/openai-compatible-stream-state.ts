import type { StreamEvent, ToolCallEvent } from '@modelmux/core';
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
  usage: OpenAIChatWireUsage | undefined;
  model: string | undefined;
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
    const usage = this.usageOf(chunk);
    if (usage) this.usage = usage;
    const choice = chunk.choices[0];
    if (!choice) return events;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content !== '')
      events.push({ type: 'text-delta', text: delta.content });
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
