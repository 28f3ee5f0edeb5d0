import { toJsonSchema, type ToolChoice, type ToolDefinition } from '@modelmux/core';
import type { OpenAIChatWireTool, OpenAIChatWireToolChoice } from './openai-chat-wire.js';

/** The `tools` and `tool_choice` body fields for a request (both absent when no tools are offered). */
export interface OpenAICompatibleToolFields {
  tools?: OpenAIChatWireTool[];
  tool_choice?: OpenAIChatWireToolChoice;
}

/** Maps tool definitions (zod or JSON Schema) and the tool choice to function tools. */
export function prepareOpenAICompatibleTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
): OpenAICompatibleToolFields {
  // A tool_choice without tools is rejected, so 'none' with no tools sends neither.
  if (!tools?.length) return {};
  const fields: OpenAICompatibleToolFields = {
    tools: tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: toJsonSchema(tool.parameters),
      },
    })),
  };
  if (toolChoice !== undefined) {
    fields.tool_choice =
      typeof toolChoice === 'string'
        ? toolChoice
        : { type: 'function', function: { name: toolChoice.name } };
  }
  return fields;
}
