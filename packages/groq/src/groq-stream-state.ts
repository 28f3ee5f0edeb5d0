import type { StreamEvent, ToolCallEvent } from '@modelmux/core';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import type { CompletionUsage } from 'groq-sdk/resources/completions';
import { parseToolCall } from './parse-tool-call.js';

interface PendingToolCall {
  id: string | undefined;
  name: string;
  rawArgs: string;
}

/**
 * Folds Groq stream chunks into modelmux events: text and tool-call deltas as they come,
 * and what the `finish` event needs (finish reason, usage, model) once the stream ends.
 * Groq reports usage in `x_groq.usage` on the last chunk (and in `usage` where the
 * OpenAI-style field is sent); either is taken.
 */
export class GroqStreamState {
  finishReason: string | undefined;
  usage: CompletionUsage | undefined;
  model: string | undefined;
  private readonly toolCalls = new Map<number, PendingToolCall>();

  /** True when `chunk` has the shape of a chat completion chunk (a `choices` array). */
  static isChunk(chunk: unknown): chunk is ChatCompletionChunk {
    return typeof chunk === 'object' && chunk !== null && Array.isArray((chunk as { choices?: unknown }).choices);
  }

  /** Takes one chunk; returns the delta events it carries. */
  accept(chunk: ChatCompletionChunk): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (chunk.model) this.model = chunk.model;
    const usage = chunk.x_groq?.usage ?? (chunk as { usage?: CompletionUsage | null }).usage;
    if (usage) this.usage = usage;
    const choice = chunk.choices[0];
    if (!choice) return events;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content !== '') events.push({ type: 'text-delta', text: delta.content });
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
      .map(([index, call]) => ({ type: 'tool-call', toolCall: parseToolCall(call.id ?? `call_${index}`, call.name, call.rawArgs) }));
  }
}
