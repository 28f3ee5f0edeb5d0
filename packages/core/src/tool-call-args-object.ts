import { InvalidRequestError } from './errors/invalid-request-error.js';
import type { ToolCall } from './messages.js';

/**
 * An earlier tool call's arguments as the JSON object a vendor wants back in the conversation
 * (Anthropic `tool_use.input`, Gemini `functionCall.args`): `args`, else `rawArgs` parsed, `{}`
 * when there are none. Unparsable `rawArgs` or arguments that are not an object are an
 * `InvalidRequestError` on `field` (`messages.2.toolCalls.0`) plus `.rawArgs` / `.args`.
 */
export function toolCallArgsObject(
  call: ToolCall,
  field: string,
  vendor: string,
): Record<string, unknown> {
  let args = call.args;
  if (args === undefined && call.rawArgs) {
    try {
      args = JSON.parse(call.rawArgs);
    } catch {
      throw new InvalidRequestError({ field: `${field}.rawArgs`, message: 'is not valid JSON' });
    }
  }
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new InvalidRequestError({
      field: `${field}.args`,
      message: `${vendor} needs tool arguments to be a JSON object`,
    });
  }
  return args as Record<string, unknown>;
}
