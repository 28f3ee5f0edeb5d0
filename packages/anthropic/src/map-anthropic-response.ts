import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { FinishReason, ToolCall, Usage } from '@modelmux/core';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';
import type { AnthropicTools } from './prepare-anthropic-tools.js';

/** The normalised parts of a Messages API answer. */
export interface AnthropicAnswer {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * Reads a Messages API answer: text blocks joined, `tool_use` blocks as tool calls, except the
 * JSON-output tool, whose input becomes the text (and makes the finish reason `stop`).
 */
export function mapAnthropicResponse(
  message: Message,
  jsonOutput: AnthropicTools['jsonOutput'],
): AnthropicAnswer {
  let text = '';
  let json: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_use') {
      if (jsonOutput && block.name === jsonOutput.toolName)
        json = jsonOutputText(block.input, jsonOutput.wrapped);
      else
        toolCalls.push({
          id: block.id,
          name: block.name,
          args: block.input,
          rawArgs: JSON.stringify(block.input),
        });
    }
  }
  return {
    text: json ?? text,
    toolCalls,
    finishReason: mapAnthropicStopReason(message.stop_reason, {
      jsonOutput: json !== undefined && toolCalls.length === 0,
    }),
    usage: mapAnthropicUsage(message.usage),
  };
}

/** The JSON text of the output tool's input (unwrapped from `{ value }` when it was wrapped). */
export function jsonOutputText(input: unknown, wrapped: boolean): string {
  const value =
    wrapped && input && typeof input === 'object' ? (input as { value?: unknown }).value : input;
  return JSON.stringify(value ?? null);
}
