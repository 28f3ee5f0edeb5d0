import { toJsonSchema, type ChatRequest } from '@modelmux/core';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';
import type {
  GeminiFunctionDeclaration as FunctionDeclaration,
  GeminiSchema,
  GeminiTool as Tool,
  GeminiToolConfig as ToolConfig,
} from './gemini-wire.js';

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
    const parameters: GeminiSchema = convertToGeminiSchema(
      toJsonSchema(tool.parameters),
      `tools.${i}.parameters`,
    );
    const hasParameters =
      parameters.type !== 'OBJECT' || Object.keys(parameters.properties ?? {}).length > 0;
    return {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      ...(hasParameters ? { parameters } : {}),
    };
  });
  return { tools: [{ functionDeclarations }], toolConfig: mapToolChoice(request.toolChoice) };
}

function mapToolChoice(choice: ChatRequest['toolChoice']): ToolConfig | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  return {
    functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] },
  };
}
