import type {
  BindToolsInput,
  ToolChoice as LangChainToolChoice,
} from '@langchain/core/language_models/chat_models';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { InvalidRequestError, type ToolChoice, type ToolDefinition } from '@modelmux/core';

function isToolDefinition(tool: unknown): tool is ToolDefinition {
  const t = tool as Partial<ToolDefinition> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.name === 'string' &&
    typeof t.parameters === 'object' &&
    !('type' in t && t.type === 'function')
  );
}

/**
 * A LangChain tool (a `tool()`, a `StructuredTool`, an OpenAI-format tool, `{ name, schema }`) as
 * modelmux's `ToolDefinition` with JSON Schema parameters, which every provider adapter accepts.
 */
export function toToolDefinition(tool: BindToolsInput, index = 0): ToolDefinition {
  if (isToolDefinition(tool)) return tool;
  const { function: fn } = convertToOpenAITool(tool);
  if (!fn || typeof fn.name !== 'string')
    throw new InvalidRequestError({
      field: `tools[${index}]`,
      message: 'is not a tool: pass a tool(), a StructuredTool, or { name, description, schema }',
    });
  return {
    name: fn.name,
    ...(fn.description !== undefined && { description: fn.description }),
    parameters: (fn.parameters ?? { type: 'object', properties: {} }) as Record<string, unknown>,
  };
}

/** LangChain's `tool_choice` as modelmux's: `'auto'`, `'none'`, `'any'`/`'required'`, a tool name. */
export function toToolChoice(choice: LangChainToolChoice | undefined): ToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto' || choice === 'none') return choice;
  if (choice === 'any' || choice === 'required') return 'required';
  if (typeof choice === 'string') return { name: choice };
  const name =
    (choice as { function?: { name?: unknown }; name?: unknown }).function?.name ?? choice.name;
  if (typeof name === 'string') return { name };
  throw new InvalidRequestError({
    field: 'tool_choice',
    message:
      "use 'auto', 'none', 'any', a tool's name, or { type: 'function', function: { name } }",
  });
}
