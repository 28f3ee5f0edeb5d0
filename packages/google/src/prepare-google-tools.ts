import {
  FunctionCallingMode,
  type FunctionDeclaration,
  type Tool,
  type ToolConfig,
} from '@google/generative-ai';
import { toJsonSchema, type ChatRequest } from '@modelmux/core';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';

/** A request's tools and tool choice as Gemini takes them. */
export interface GoogleTools {
  tools: Tool[] | undefined;
  toolConfig: ToolConfig | undefined;
}

/**
 * Maps tools to one `functionDeclarations` tool (parameters converted to Gemini's schema subset;
 * a tool without parameters sends none) and the tool choice to `functionCallingConfig`:
 * `auto` → AUTO, `required` → ANY, `{ name }` → ANY + `allowedFunctionNames`, `none` → NONE.
 */
export function prepareGoogleTools(
  request: Pick<ChatRequest, 'tools' | 'toolChoice'>,
): GoogleTools {
  if (!request.tools?.length) return { tools: undefined, toolConfig: undefined };
  const functionDeclarations = request.tools.map((tool, i): FunctionDeclaration => {
    const parameters = convertToGeminiSchema(
      toJsonSchema(tool.parameters),
      `tools.${i}.parameters`,
    ) as unknown as Record<string, unknown>;
    const hasParameters =
      parameters['type'] !== 'object' ||
      Object.keys((parameters['properties'] as object | undefined) ?? {}).length > 0;
    return {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      ...(hasParameters
        ? { parameters: parameters as unknown as FunctionDeclaration['parameters'] }
        : {}),
    };
  });
  return { tools: [{ functionDeclarations }], toolConfig: mapToolChoice(request.toolChoice) };
}

function mapToolChoice(choice: ChatRequest['toolChoice']): ToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: FunctionCallingMode.AUTO } };
  if (choice === 'required') return { functionCallingConfig: { mode: FunctionCallingMode.ANY } };
  if (choice === 'none') return { functionCallingConfig: { mode: FunctionCallingMode.NONE } };
  return {
    functionCallingConfig: { mode: FunctionCallingMode.ANY, allowedFunctionNames: [choice.name] },
  };
}
