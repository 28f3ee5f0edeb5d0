import type { ToolCall } from '@modelmux/core';

/**
 * Builds a tool call from the model's raw argument text. Empty text means no arguments (`{}`);
 * text that is not valid JSON keeps `rawArgs` and leaves `args` undefined, so the caller can
 * tell and the rest of the answer is not lost.
 */
export function parseToolCall(id: string, name: string, rawArgs: string): ToolCall {
  return { id, name, args: parseArgs(rawArgs), rawArgs };
}

function parseArgs(rawArgs: string): unknown {
  if (rawArgs.trim() === '') return {};
  try {
    return JSON.parse(rawArgs) as unknown;
  } catch {
    return undefined;
  }
}
