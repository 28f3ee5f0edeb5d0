import type { Tool, ToolChoice as AnthropicToolChoice } from '@anthropic-ai/sdk/resources/messages';
import {
  InvalidRequestError,
  toJsonSchema,
  type ChatRequest,
  type JsonSchema,
} from '@modelmux/core';

/** The name of the tool that carries structured output (`responseFormat: { type: 'json' }`). */
export const jsonOutputToolName = 'json_output';

/** How a request's tools, tool choice and JSON output look on the Messages API. */
export interface AnthropicTools {
  tools: Tool[] | undefined;
  toolChoice: AnthropicToolChoice | undefined;
  /** Set when structured output rides on a tool: its name, and whether its input was wrapped. */
  jsonOutput: { toolName: string; wrapped: boolean } | undefined;
}

/**
 * Maps tools and tool choice (`auto` → auto, `required` → any, `{ name }` → tool, `none` → none
 * with the tools still listed so that earlier `tool_use` blocks stay valid). JSON output becomes
 * a tool whose input schema is the requested schema: forced when the request offers no other
 * usable tool, otherwise offered alongside them with `any` so the model either calls a tool or
 * answers through it. A non-object schema is wrapped as `{ value: schema }` (Anthropic wants
 * an object) and unwrapped on the way back.
 */
export function prepareAnthropicTools(
  request: Pick<ChatRequest, 'tools' | 'toolChoice' | 'responseFormat'>,
): AnthropicTools {
  const tools: Tool[] = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: objectSchema(toJsonSchema(tool.parameters)) as Tool['input_schema'],
  }));
  let toolChoice = mapToolChoice(request.toolChoice);

  const format = request.responseFormat;
  if (format?.type !== 'json') {
    return {
      tools: tools.length ? tools : undefined,
      toolChoice: tools.length ? toolChoice : undefined,
      jsonOutput: undefined,
    };
  }
  if (tools.some((t) => t.name === jsonOutputToolName)) {
    throw new InvalidRequestError({
      field: 'tools',
      message: `the tool name "${jsonOutputToolName}" is reserved for JSON output on Anthropic`,
    });
  }
  const schema = format.schema ? toJsonSchema(format.schema) : { type: 'object' };
  const wrapped = schema['type'] !== 'object';
  tools.push({
    name: jsonOutputToolName,
    description:
      format.description ??
      `Answer with ${format.name ? `a ${format.name}` : 'JSON'} matching this schema.`,
    input_schema: (wrapped
      ? { type: 'object', properties: { value: schema }, required: ['value'] }
      : schema) as Tool['input_schema'],
  });
  const userToolsUsable = (request.tools?.length ?? 0) > 0 && request.toolChoice !== 'none';
  if (!userToolsUsable) toolChoice = { type: 'tool', name: jsonOutputToolName };
  else if (typeof request.toolChoice !== 'object') toolChoice = { type: 'any' };
  return { tools, toolChoice, jsonOutput: { toolName: jsonOutputToolName, wrapped } };
}

function mapToolChoice(choice: ChatRequest['toolChoice']): AnthropicToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.name };
}

/** Anthropic wants `input_schema.type === 'object'`; a schema without a type gets it. */
function objectSchema(schema: JsonSchema): JsonSchema {
  return schema['type'] === undefined ? { type: 'object', ...schema } : schema;
}
